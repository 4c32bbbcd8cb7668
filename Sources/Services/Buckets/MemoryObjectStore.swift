import Foundation
import Synchronization

/// Objects in memory, for tests: the same rules as the folder, in one process.
public final class MemoryObjectStore: ObjectStore {
    private let state = Mutex<[String: [String: (body: Data, metadata: ObjectMetadata)]]>([:])

    /// A store whose buckets are `buckets`, empty.
    public init(buckets: [String]) {
        state.withLock { state in for bucket in buckets { state[bucket] = [:] } }
    }

    public func bucketExists(_ bucket: String) throws(BucketError) -> Bool {
        state.withLock { $0[bucket] != nil }
    }

    public func object(bucket: String, key: String) throws(BucketError) -> (body: Data, metadata: ObjectMetadata)? {
        state.withLock { $0[bucket]?[key] }
    }

    public func metadata(bucket: String, key: String) throws(BucketError) -> ObjectMetadata? {
        state.withLock { $0[bucket]?[key]?.metadata }
    }

    public func put(bucket: String, key: String, body: Data, contentType: String?, modified: Date) throws(BucketError) -> ObjectMetadata {
        let metadata = ObjectMetadata(eTag: entityTag(body), contentLength: body.count,
                                      contentType: contentType ?? Self.defaultContentType, lastModified: modified.wholeSeconds)
        try state.withLock { (state) throws(BucketError) in
            guard state[bucket] != nil else { throw .noSuchBucket(bucket) }
            state[bucket]?[key] = (body, metadata)
        }
        return metadata
    }

    public func delete(bucket: String, key: String) throws(BucketError) {
        _ = state.withLock { $0[bucket]?.removeValue(forKey: key) }
    }

    public func keys(bucket: String) throws(BucketError) -> [String] {
        state.withLock { ($0[bucket].map { Array($0.keys) } ?? []).sorted(by: String.utf8Order) }
    }
}
