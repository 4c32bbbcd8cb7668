import Foundation
import Services
import Synchronization
import XCTest

/// Paging through a bucket with ListObjectsV2's continuation token lists the store's keys
/// once a listing, not once a page, so that N objects cost one listing (docs/buckets.md);
/// a put or delete between pages is seen by the next page.
final class BucketPagingTests: XCTestCase {
    /// A memory store that counts how often the whole bucket is listed.
    final class CountingStore: ObjectStore {
        let inner = MemoryObjectStore(buckets: ["big"])
        let listings = Mutex(0)

        func bucketExists(_ bucket: String) throws(BucketError) -> Bool { try inner.bucketExists(bucket) }
        func object(bucket: String, key: String) throws(BucketError) -> (body: Data, metadata: ObjectMetadata)? { try inner.object(bucket: bucket, key: key) }
        func metadata(bucket: String, key: String) throws(BucketError) -> ObjectMetadata? { try inner.metadata(bucket: bucket, key: key) }
        func put(bucket: String, key: String, body: Data, contentType: String?, modified: Date) throws(BucketError) -> ObjectMetadata {
            try inner.put(bucket: bucket, key: key, body: body, contentType: contentType, modified: modified)
        }
        func delete(bucket: String, key: String) throws(BucketError) { try inner.delete(bucket: bucket, key: key) }
        func keys(bucket: String) throws(BucketError) -> [String] {
            listings.withLock { $0 += 1 }
            return try inner.keys(bucket: bucket)
        }
    }

    private func pages(_ buckets: BucketService, maxKeys: Int, prefix: String? = nil, between: (Int) throws -> Void = { _ in }) throws -> [String] {
        var keys: [String] = [], token: String?, page = 0
        repeat {
            let result = try buckets.listObjectsV2(ListObjectsV2Request(bucket: "big", prefix: prefix, maxKeys: maxKeys, continuationToken: token))
            keys += result.contents.map(\.key)
            XCTAssertEqual(result.isTruncated, result.nextContinuationToken != nil)
            token = result.nextContinuationToken
            page += 1
            try between(page)
        } while token != nil
        return keys
    }

    func testPagingListsTheBucketOnce() throws {
        let store = CountingStore()
        let buckets = BucketService(store: store, now: { Date(timeIntervalSince1970: 0) })
        let names = (0..<2_500).map { String(format: "k%05d", $0) }
        for name in names.shuffled() { try buckets.putObject(bucket: "big", key: name, body: Data()) }
        XCTAssertEqual(try pages(buckets, maxKeys: 100), names)
        XCTAssertEqual(store.listings.withLock { $0 }, 1)
        // With a prefix the pages start at its keys: k01000 ... k01999.
        XCTAssertEqual(try pages(buckets, maxKeys: 300, prefix: "k01"), Array(names[1000..<2000]))
        XCTAssertEqual(try buckets.allObjects(bucket: "big", prefix: "k024").map(\.key), Array(names[2400..<2500]))
    }

    /// A key put after the first page, beyond where it ended, is on a later page.
    func testAPutBetweenPagesIsSeen() throws {
        let store = CountingStore()
        let buckets = BucketService(store: store, now: { Date(timeIntervalSince1970: 0) })
        let names = (0..<10).map { "k\($0)" }
        for name in names { try buckets.putObject(bucket: "big", key: name, body: Data()) }
        let listed = try pages(buckets, maxKeys: 3) { page in
            if page == 1 { try buckets.putObject(bucket: "big", key: "k55", body: Data()) }
        }
        XCTAssertEqual(listed, ["k0", "k1", "k2", "k3", "k4", "k5", "k55", "k6", "k7", "k8", "k9"])
    }
}
