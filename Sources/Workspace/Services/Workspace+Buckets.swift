import Services

extension Workspace {
    /// The workspace's S3-like buckets: the folders of `buckets/` (docs/buckets.md).
    public func buckets() -> BucketService {
        BucketService(store: FolderObjectStore(directory: root.appendingPathComponent("buckets")), now: now)
    }
}
