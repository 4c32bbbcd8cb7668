import Foundation
import Services
import TestSupport
import XCTest

/// The object store per operation and per error, over the folder `buckets/` of a temporary
/// workspace. Expected values come from AWS's documentation, as each test says, and MD5
/// digests from RFC 1321's test suite (appendix A.5).
final class BucketServiceTests: XCTestCase {
    var workspace: TemporaryWorkspace!
    var buckets: BucketService!
    let now = Date(timeIntervalSince1970: 1_700_000_000.750)

    override func setUpWithError() throws {
        workspace = try TemporaryWorkspace()
        try FileManager.default.createDirectory(at: folder("data"), withIntermediateDirectories: true)
        let now = self.now
        buckets = BucketService(store: FolderObjectStore(directory: workspace.root.appendingPathComponent("buckets")), now: { now })
    }

    override func tearDown() {
        buckets = nil
        workspace = nil
    }

    func folder(_ path: String) -> URL { workspace.root.appendingPathComponent("buckets").appendingPathComponent(path) }

    func error(_ body: () throws -> Void) -> BucketError? {
        do { try body() } catch let error as BucketError { return error } catch { XCTFail("\(error)") }
        return nil
    }

    // MARK: PutObject, GetObject, HeadObject

    /// ETag: the MD5 digest in double quotes for a single-part put (API reference, "Object":
    /// ETag); MD5("abc") = 900150983cd24fb0d6963f7d28e17f72 (RFC 1321, A.5).
    func testPutThenGetGivesTheBytesAndS3sMetadata() throws {
        let put = try buckets.putObject(bucket: "data", key: "reports/2024/a.txt", body: Data("abc".utf8), contentType: "text/plain")
        XCTAssertEqual(put.eTag, "\"900150983cd24fb0d6963f7d28e17f72\"")
        let got = try buckets.getObject(bucket: "data", key: "reports/2024/a.txt")
        XCTAssertEqual(got.body, Data("abc".utf8))
        XCTAssertEqual(got.metadata, ObjectMetadata(eTag: "\"900150983cd24fb0d6963f7d28e17f72\"", contentLength: 3,
                                                    contentType: "text/plain", lastModified: Date(timeIntervalSince1970: 1_700_000_000)))
        // The key's slashes are folders: the object is a file a user can read.
        XCTAssertEqual(try String(contentsOf: folder("data/reports/2024/a.txt"), encoding: .utf8), "abc")
        XCTAssertEqual(try buckets.headObject(bucket: "data", key: "reports/2024/a.txt"), got.metadata)
    }

    /// PutObject's Content-Type: "Default: binary/octet-stream"; MD5("") =
    /// d41d8cd98f00b204e9800998ecf8427e (RFC 1321, A.5).
    func testAnEmptyObjectWithoutContentType() throws {
        try buckets.putObject(bucket: "data", key: "empty", body: Data())
        let head = try buckets.headObject(bucket: "data", key: "empty")
        XCTAssertEqual(head.contentType, "binary/octet-stream")
        XCTAssertEqual(head.eTag, "\"d41d8cd98f00b204e9800998ecf8427e\"")
        XCTAssertEqual(head.contentLength, 0)
    }

    /// A file put in the folder by hand is an object: its ETag is the digest of its bytes, also
    /// after a put's file is replaced.
    func testAFileDroppedInTheFolderIsAnObject() throws {
        try Data("abc".utf8).write(to: folder("data/by-hand.csv"))
        XCTAssertEqual(try buckets.headObject(bucket: "data", key: "by-hand.csv").eTag, "\"900150983cd24fb0d6963f7d28e17f72\"")
        try buckets.putObject(bucket: "data", key: "replaced", body: Data("abc".utf8))
        try Data().write(to: folder("data/replaced"))
        XCTAssertEqual(try buckets.getObject(bucket: "data", key: "replaced").metadata.eTag, "\"d41d8cd98f00b204e9800998ecf8427e\"")
    }

    // MARK: Errors

    /// GetObject: NoSuchKey, "The specified key does not exist." (API reference, "Error
    /// responses"), HTTP 404; NoSuchBucket, "The specified bucket does not exist", 404.
    func testGetObjectErrors() {
        XCTAssertEqual(error { _ = try buckets.getObject(bucket: "data", key: "missing") },
                       BucketError("NoSuchKey", "The specified key does not exist.", httpStatus: 404))
        XCTAssertEqual(error { _ = try buckets.getObject(bucket: "other", key: "a") },
                       BucketError("NoSuchBucket", "The specified bucket does not exist", httpStatus: 404))
        XCTAssertEqual(error { try buckets.putObject(bucket: "other", key: "a", body: Data()) }?.code, "NoSuchBucket")
        XCTAssertEqual(error { try buckets.deleteObject(bucket: "other", key: "a") }?.code, "NoSuchBucket")
    }

    /// HeadObject: a HEAD response has no body; a missing object is 404 Not Found (HeadObject).
    func testHeadObjectOfNothingIs404NotFound() {
        XCTAssertEqual(error { _ = try buckets.headObject(bucket: "data", key: "missing") }, BucketError("NotFound", "Not Found", httpStatus: 404))
        XCTAssertEqual(error { _ = try buckets.headObject(bucket: "other", key: "a") }?.httpStatus, 404)
    }

    /// Bucket naming rules (User Guide): 3 to 63 characters, lowercase letters, numbers, dots,
    /// hyphens, a letter or number at each end, no "..", not an IP address, no xn-- prefix.
    /// Keys (User Guide, "Naming Amazon S3 objects"): at most 1,024 bytes of UTF-8.
    func testNamesAreCheckedAsS3ChecksThem() {
        for bad in ["ab", String(repeating: "a", count: 64), "Data", "data_1", "-data", "data-", "da..ta", "192.168.5.4", "xn--data", "data-s3alias"] {
            XCTAssertEqual(error { _ = try buckets.getObject(bucket: bad, key: "a") }?.code, "InvalidBucketName", bad)
        }
        XCTAssertNil(error { try BucketService(store: MemoryObjectStore(buckets: ["my.data-1"]), now: { Date() })
            .putObject(bucket: "my.data-1", key: "a", body: Data()) })
        // 1,024 bytes: five parts of 200 and a slash, then 19.
        let longest = String(repeating: String(repeating: "é", count: 100) + "/", count: 5) + String(repeating: "b", count: 19)
        XCTAssertEqual(longest.utf8.count, 1024)
        XCTAssertNil(error { try buckets.putObject(bucket: "data", key: longest, body: Data()) })
        XCTAssertEqual(error { try buckets.putObject(bucket: "data", key: longest + "b", body: Data()) }?.code, "KeyTooLongError")
    }

    /// Keys S3 takes and a folder cannot hold are refused, never stored as another key.
    func testKeysNoFileCanHaveAreRefused() throws {
        for key in ["a//b", "folder/", "../escape", "a/./b", String(repeating: "x", count: 251)] {
            XCTAssertEqual(error { try buckets.putObject(bucket: "data", key: key, body: Data()) }?.code, "NotImplemented", key)
        }
        try buckets.putObject(bucket: "data", key: "a", body: Data())
        XCTAssertEqual(error { try buckets.putObject(bucket: "data", key: "a/b", body: Data()) }?.code, "NotImplemented")
        XCTAssertEqual(error { _ = try buckets.getObject(bucket: "data", key: "../data/a") }?.code, "NoSuchKey")
        XCTAssertFalse(FileManager.default.fileExists(atPath: workspace.root.appendingPathComponent("escape").path))
    }

    // MARK: DeleteObject

    /// DeleteObject of a key that does not exist succeeds (API reference, "DeleteObject":
    /// without versioning, Amazon S3 "will still respond that the command was successful").
    func testDeleteObject() throws {
        try buckets.putObject(bucket: "data", key: "x/y/z", body: Data("1".utf8))
        try buckets.deleteObject(bucket: "data", key: "x/y/z")
        XCTAssertEqual(error { _ = try buckets.getObject(bucket: "data", key: "x/y/z") }?.code, "NoSuchKey")
        XCTAssertNoThrow(try buckets.deleteObject(bucket: "data", key: "x/y/z"))
        // The emptied folders went with it, so x may now be a key.
        XCTAssertNoThrow(try buckets.putObject(bucket: "data", key: "x", body: Data()))
    }
}
