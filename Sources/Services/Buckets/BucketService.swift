import Foundation

/// S3-like buckets over an `ObjectStore`: GetObject, PutObject, HeadObject, DeleteObject and
/// ListObjectsV2, with S3's answers and errors (docs/buckets.md). Typed requests and results,
/// so that a function's host call, a Task integration and a Distributed Map's ItemReader all
/// come here. Safe to call from many threads at once.
public final class BucketService: Sendable {
    let store: any ObjectStore
    /// The clock, for LastModified.
    let now: @Sendable () -> Date

    public init(store: any ObjectStore, now: @escaping @Sendable () -> Date) {
        self.store = store
        self.now = now
    }

    /// GetObject: the bytes and metadata; `NoSuchBucket`, `NoSuchKey`.
    public func getObject(bucket: String, key: String) throws(BucketError) -> GetObjectResult {
        try check(bucket, key)
        guard let found = try store.object(bucket: bucket, key: key) else {
            guard try store.bucketExists(bucket) else { throw .noSuchBucket(bucket) }
            throw .noSuchKey(key)
        }
        return GetObjectResult(body: found.body, metadata: found.metadata)
    }

    /// HeadObject: the metadata; 404 `NotFound` for a missing object or bucket.
    public func headObject(bucket: String, key: String) throws(BucketError) -> ObjectMetadata {
        do { try check(bucket, key) } catch where error.code == "NoSuchBucket" { throw .notFound }
        guard let metadata = try store.metadata(bucket: bucket, key: key) else { throw .notFound }
        return metadata
    }

    /// PutObject: stores the bytes, replacing any object of that key; the new metadata.
    @discardableResult
    public func putObject(bucket: String, key: String, body: Data, contentType: String? = nil) throws(BucketError) -> ObjectMetadata {
        try check(bucket, key)
        defer { ListingSnapshots.shared.changed(bucket) }
        return try store.put(bucket: bucket, key: key, body: body, contentType: contentType, modified: now())
    }

    /// DeleteObject: succeeds whether or not the key exists, as S3 does for a bucket without
    /// versioning; `NoSuchBucket`.
    public func deleteObject(bucket: String, key: String) throws(BucketError) {
        try check(bucket, key)
        defer { ListingSnapshots.shared.changed(bucket) }
        try store.delete(bucket: bucket, key: key)
    }

    /// The bucket and key checked against S3's rules, and the bucket found.
    private func check(_ bucket: String, _ key: String) throws(BucketError) {
        try BucketNames.validate(bucket: bucket)
        try BucketNames.validate(key: key)
        guard try store.bucketExists(bucket) else { throw .noSuchBucket(bucket) }
    }
}
