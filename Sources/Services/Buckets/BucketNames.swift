/// S3's rules for bucket names and object keys, checked before the store is reached.
enum BucketNames {
    /// General purpose bucket naming rules (Amazon S3 User Guide, "General purpose bucket
    /// naming rules"): 3 to 63 characters of lowercase letters, numbers, dots and hyphens,
    /// beginning and ending with a letter or number, no two adjacent periods, not an IP
    /// address, and none of the reserved prefixes and suffixes.
    static func validate(bucket: String) throws(BucketError) {
        func refuse(_ why: String) -> BucketError { .invalidBucketName(bucket, why) }
        let bytes = Array(bucket.utf8)
        guard (3...63).contains(bytes.count) else { throw refuse("must be between 3 and 63 characters long") }
        let allowed = bytes.allSatisfy { (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || $0 == 0x2E || $0 == 0x2D }
        guard allowed else { throw refuse("can consist only of lowercase letters, numbers, dots (.), and hyphens (-)") }
        guard let first = bytes.first, let last = bytes.last, isAlphanumeric(first), isAlphanumeric(last) else {
            throw refuse("must begin and end with a letter or number")
        }
        guard !bucket.contains("..") else { throw refuse("must not contain two adjacent periods") }
        let parts = bucket.split(separator: ".", omittingEmptySubsequences: false)
        if parts.count == 4, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isNumber) }) {
            throw refuse("must not be formatted as an IP address")
        }
        for prefix in ["xn--", "sthree-", "amzn-s3-demo-"] where bucket.hasPrefix(prefix) {
            throw refuse("must not start with the prefix \(prefix)")
        }
        for suffix in ["-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"] where bucket.hasSuffix(suffix) {
            throw refuse("must not end with the suffix \(suffix)")
        }
    }

    /// Object keys (Amazon S3 User Guide, "Naming Amazon S3 objects"): "a sequence of Unicode
    /// characters encoded in UTF-8, with a maximum length of 1,024 bytes"; the SDKs refuse an
    /// empty one before sending it.
    static func validate(key: String) throws(BucketError) {
        guard !key.isEmpty else { throw .invalidArgument("Invalid length for parameter Key, value: 0, valid min length: 1") }
        guard key.utf8.count <= 1024 else { throw .keyTooLong }
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (0x61...0x7A).contains(byte) || (0x30...0x39).contains(byte)
    }
}
