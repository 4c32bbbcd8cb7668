import Foundation

/// The object store a Distributed Map's `ItemReader` reads and its `ResultWriter` writes: the
/// workspace's buckets, standing in for Amazon S3 (docs/buckets.md). The engine knows only
/// these calls; the workspace answers them.
public protocol MapRunBuckets: Sendable {
    /// GetObject's bytes.
    func getObject(bucket: String, key: String) throws(BucketAccessError) -> Data
    /// Every object whose key begins with `prefix`, in S3's order (UTF-8 binary), in one pass.
    func listObjects(bucket: String, prefix: String) throws(BucketAccessError) -> [BucketObject]
    /// PutObject.
    func putObject(bucket: String, key: String, body: Data) throws(BucketAccessError)
}

/// One object of a listing, as ListObjectsV2 describes it.
public struct BucketObject: Sendable, Equatable {
    public var key: String
    /// In double quotes, as S3 gives it.
    public var eTag: String
    public var lastModified: Date
    public var size: Int
    public var storageClass: String

    public init(key: String, eTag: String, lastModified: Date, size: Int, storageClass: String = "STANDARD") {
        self.key = key
        self.eTag = eTag
        self.lastModified = lastModified
        self.size = size
        self.storageClass = storageClass
    }
}

/// S3's error for a call: its code (`NoSuchKey`, `NoSuchBucket`, ...) and message.
public struct BucketAccessError: Error, Sendable, Equatable {
    public var code: String
    public var message: String

    public init(code: String, message: String) {
        self.code = code
        self.message = message
    }
}

extension ServiceIntegrations {
    /// No buckets: a Distributed Map with an ItemReader or a ResultWriter fails.
    public var mapRunBuckets: (any MapRunBuckets)? { nil }
}
