import Engine
import Foundation
import Services

/// The workspace's buckets as a Distributed Map's ItemReader and ResultWriter reach them
/// (docs/distributed-map.md): the same `BucketService` functions and Task integrations use.
struct BucketsForMapRuns: MapRunBuckets {
    let service: BucketService

    func getObject(bucket: String, key: String) throws(BucketAccessError) -> Data {
        do { return try service.getObject(bucket: bucket, key: key).body } catch { throw Self.access(error) }
    }

    func listObjects(bucket: String, prefix: String) throws(BucketAccessError) -> [BucketObject] {
        do {
            return try service.allObjects(bucket: bucket, prefix: prefix).map {
                BucketObject(key: $0.key, eTag: $0.eTag, lastModified: $0.lastModified, size: $0.size)
            }
        } catch { throw Self.access(error) }
    }

    func putObject(bucket: String, key: String, body: Data) throws(BucketAccessError) {
        do { try service.putObject(bucket: bucket, key: key, body: body, contentType: "application/json") } catch { throw Self.access(error) }
    }

    private static func access(_ error: BucketError) -> BucketAccessError {
        BucketAccessError(code: error.code, message: error.message)
    }
}
