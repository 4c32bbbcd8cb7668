import Foundation

extension BucketService {
    /// ListObjectsV2 (API reference, "ListObjectsV2"): the keys after `StartAfter` or the
    /// continuation token that begin with `Prefix`, in UTF-8 binary order; with a `Delimiter`,
    /// the keys that hold it after the prefix are rolled up into one common prefix each, and
    /// "each rolled-up result counts as only one return against the MaxKeys value".
    public func listObjectsV2(_ request: ListObjectsV2Request) throws(BucketError) -> ListObjectsV2Result {
        try BucketNames.validate(bucket: request.bucket)
        guard try store.bucketExists(request.bucket) else { throw .noSuchBucket(request.bucket) }
        let maxKeys = request.maxKeys ?? 1000
        guard maxKeys >= 0 else { throw .invalidArgument("Provided max-keys not an integer or within integer range") }
        let limit = min(maxKeys, 1000)
        // The token names where the last page ended: after a key, or after every key under a
        // common prefix. It replaces StartAfter.
        var after: Position?
        if let token = request.continuationToken {
            guard let position = Position(token: token) else {
                throw .invalidArgument("The continuation token provided is incorrect")
            }
            after = position
        } else if let startAfter = request.startAfter, !startAfter.isEmpty {
            after = .key(startAfter)
        }
        let prefix = request.prefix ?? ""
        let delimiter = request.delimiter.flatMap { $0.isEmpty ? nil : $0 }

        var contents: [ListedObject] = []
        var commonPrefixes: [String] = []
        var last: Position?
        var truncated = false
        for key in try store.keys(bucket: request.bucket) {
            guard key.hasBytePrefix(prefix), after.map({ $0.precedes(key) }) ?? true else { continue }
            var entry = Position.key(key)
            if let delimiter, let common = key.rolledUp(after: prefix, at: delimiter) {
                if case .prefix(common)? = last { continue }
                entry = .prefix(common)
            }
            guard contents.count + commonPrefixes.count < limit else {
                truncated = true
                break
            }
            switch entry {
            case .key:
                guard let metadata = try store.metadata(bucket: request.bucket, key: key) else { continue }
                contents.append(ListedObject(key: key, lastModified: metadata.lastModified, eTag: metadata.eTag,
                                             size: metadata.contentLength))
            case .prefix(let common): commonPrefixes.append(common)
            }
            last = entry
        }
        return ListObjectsV2Result(
            name: request.bucket, prefix: request.prefix, delimiter: request.delimiter, maxKeys: maxKeys,
            keyCount: contents.count + commonPrefixes.count, isTruncated: truncated, contents: contents,
            commonPrefixes: commonPrefixes, continuationToken: request.continuationToken,
            nextContinuationToken: truncated ? last?.token : nil, startAfter: request.startAfter)
    }
}

/// Where a listing resumes: after a key, or after a common prefix and every key under it.
private enum Position: Equatable {
    case key(String)
    case prefix(String)

    /// Whether `key` comes after this position.
    func precedes(_ key: String) -> Bool {
        switch self {
        case .key(let last): String.utf8Order(last, key)
        case .prefix(let common): !key.hasBytePrefix(common) && String.utf8Order(common, key)
        }
    }

    /// Opaque to the caller, as S3's tokens are: the position, base64.
    var token: String {
        switch self {
        case .key(let key): Data(("k" + key).utf8).base64EncodedString()
        case .prefix(let common): Data(("p" + common).utf8).base64EncodedString()
        }
    }

    init?(token: String) {
        guard let data = Data(base64Encoded: token), let text = String(data: data, encoding: .utf8), let kind = text.first else { return nil }
        switch kind {
        case "k": self = .key(String(text.dropFirst()))
        case "p": self = .prefix(String(text.dropFirst()))
        default: return nil
        }
    }
}

extension String {
    /// Whether the UTF-8 bytes begin with those of `prefix` (S3 compares bytes, not characters).
    func hasBytePrefix(_ prefix: String) -> Bool {
        utf8.starts(with: prefix.utf8)
    }

    /// The key up to and including the first `delimiter` after `prefix`; nil when there is none.
    func rolledUp(after prefix: String, at delimiter: String) -> String? {
        let bytes = Array(utf8), mark = Array(delimiter.utf8)
        var index = prefix.utf8.count
        while index + mark.count <= bytes.count {
            if bytes[index..<index + mark.count].elementsEqual(mark) {
                return String(decoding: bytes[..<(index + mark.count)], as: UTF8.self)
            }
            index += 1
        }
        return nil
    }
}
