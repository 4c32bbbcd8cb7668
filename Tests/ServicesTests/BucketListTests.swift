import Foundation
import Services
import XCTest

/// ListObjectsV2 over the keys of the S3 User Guide's example ("Organizing objects using
/// prefixes" and "Listing object keys programmatically"), in memory and in a folder alike.
final class BucketListTests: XCTestCase {
    let keys = ["sample.jpg", "photos/2006/January/sample.jpg", "photos/2006/February/sample2.jpg",
                "photos/2006/February/sample3.jpg", "photos/2006/February/sample4.jpg"]

    func service() throws -> BucketService {
        let service = BucketService(store: MemoryObjectStore(buckets: ["examplebucket"]), now: { Date(timeIntervalSince1970: 0) })
        for key in keys { try service.putObject(bucket: "examplebucket", key: key, body: Data(key.utf8)) }
        return service
    }

    /// Every key, in UTF-8 binary order: "photos/…" (0x70) before "sample.jpg" (0x73), and
    /// "February" before "January".
    func testAllKeysInOrder() throws {
        let result = try service().listObjectsV2(ListObjectsV2Request(bucket: "examplebucket"))
        XCTAssertEqual(result.contents.map(\.key), ["photos/2006/February/sample2.jpg", "photos/2006/February/sample3.jpg",
                                                    "photos/2006/February/sample4.jpg", "photos/2006/January/sample.jpg", "sample.jpg"])
        XCTAssertEqual(result.keyCount, 5)
        XCTAssertEqual(result.maxKeys, 1000)
        XCTAssertFalse(result.isTruncated)
        XCTAssertNil(result.nextContinuationToken)
        XCTAssertEqual(result.contents.last?.size, 10)
    }

    /// The guide: with the delimiter "/", the listing is sample.jpg and the common prefix
    /// photos/; with the prefix photos/2006/ as well, the common prefixes are
    /// photos/2006/February/ and photos/2006/January/.
    func testDelimiterRollsKeysUpIntoCommonPrefixes() throws {
        let buckets = try service()
        let top = try buckets.listObjectsV2(ListObjectsV2Request(bucket: "examplebucket", delimiter: "/"))
        XCTAssertEqual(top.contents.map(\.key), ["sample.jpg"])
        XCTAssertEqual(top.commonPrefixes, ["photos/"])
        XCTAssertEqual(top.keyCount, 2)
        let year = try buckets.listObjectsV2(ListObjectsV2Request(bucket: "examplebucket", prefix: "photos/2006/", delimiter: "/"))
        XCTAssertEqual(year.contents, [])
        XCTAssertEqual(year.commonPrefixes, ["photos/2006/February/", "photos/2006/January/"])
    }

    /// MaxKeys pages; "each rolled-up result counts as only one return against the MaxKeys
    /// value"; NextContinuationToken "is sent when isTruncated is true", and the next request
    /// with it as ContinuationToken goes on; the response repeats the token sent.
    func testPagesWithContinuationTokens() throws {
        let buckets = try service()
        let first = try buckets.listObjectsV2(ListObjectsV2Request(bucket: "examplebucket", delimiter: "/", maxKeys: 1))
        XCTAssertEqual(first.commonPrefixes, ["photos/"])
        XCTAssertTrue(first.isTruncated)
        XCTAssertEqual(first.keyCount, 1)
        let token = try XCTUnwrap(first.nextContinuationToken)
        let second = try buckets.listObjectsV2(ListObjectsV2Request(bucket: "examplebucket", delimiter: "/", maxKeys: 1, continuationToken: token))
        XCTAssertEqual(second.contents.map(\.key), ["sample.jpg"])
        XCTAssertEqual(second.commonPrefixes, [])
        XCTAssertFalse(second.isTruncated)
        XCTAssertEqual(second.continuationToken, token)

        var seen: [String] = []
        var next: String?
        repeat {
            let page = try buckets.listObjectsV2(ListObjectsV2Request(bucket: "examplebucket", maxKeys: 2, continuationToken: next))
            XCTAssertLessThanOrEqual(page.keyCount, 2)
            seen += page.contents.map(\.key)
            next = page.nextContinuationToken
        } while next != nil
        XCTAssertEqual(seen, keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
    }

    /// StartAfter: "Amazon S3 starts listing after this specified key"; it is repeated in the answer.
    func testStartAfter() throws {
        let result = try service().listObjectsV2(ListObjectsV2Request(bucket: "examplebucket", startAfter: "photos/2006/January/sample.jpg"))
        XCTAssertEqual(result.contents.map(\.key), ["sample.jpg"])
        XCTAssertEqual(result.startAfter, "photos/2006/January/sample.jpg")
    }

    /// UTF-8 binary order, not alphabetical: "B" 0x42 < "Z" 0x5A < "_" 0x5F < "a" 0x61 < "é" 0xC3 0xA9.
    func testBinaryOrder() throws {
        let buckets = BucketService(store: MemoryObjectStore(buckets: ["order"]), now: { Date() })
        for key in ["é", "a", "_", "Z", "B"] { try buckets.putObject(bucket: "order", key: key, body: Data()) }
        XCTAssertEqual(try buckets.listObjectsV2(ListObjectsV2Request(bucket: "order")).contents.map(\.key), ["B", "Z", "_", "a", "é"])
    }

    /// NoSuchBucket for a bucket that does not exist; a token host did not give is InvalidArgument.
    func testErrors() throws {
        let buckets = try service()
        XCTAssertThrowsError(try buckets.listObjectsV2(ListObjectsV2Request(bucket: "nowhere"))) { error in
            XCTAssertEqual((error as? BucketError)?.code, "NoSuchBucket")
        }
        XCTAssertThrowsError(try buckets.listObjectsV2(ListObjectsV2Request(bucket: "examplebucket", continuationToken: "???"))) { error in
            XCTAssertEqual(error as? BucketError, BucketError("InvalidArgument", "The continuation token provided is incorrect", httpStatus: 400))
        }
    }

    /// The folder store lists what the memory store lists, files dropped there included.
    func testTheFolderListsTheSame() throws {
        let workspace = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString)
        defer { try? FileManager.default.removeItem(at: workspace) }
        let directory = workspace.appendingPathComponent("buckets")
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("examplebucket/photos/2006/January"), withIntermediateDirectories: true)
        try Data().write(to: directory.appendingPathComponent("examplebucket/photos/2006/January/sample.jpg"))
        let buckets = BucketService(store: FolderObjectStore(directory: directory), now: { Date() })
        for key in keys.dropFirst(2) + ["sample.jpg"] { try buckets.putObject(bucket: "examplebucket", key: key, body: Data()) }
        let result = try buckets.listObjectsV2(ListObjectsV2Request(bucket: "examplebucket", prefix: "photos/2006/", delimiter: "/"))
        XCTAssertEqual(result.commonPrefixes, ["photos/2006/February/", "photos/2006/January/"])
        XCTAssertEqual(try buckets.listObjectsV2(ListObjectsV2Request(bucket: "examplebucket")).contents.map(\.key),
                       keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
    }
}
