import Crypto
import Foundation

/// What S3 reports of an object besides its bytes.
public struct ObjectMetadata: Sendable, Equatable {
    /// The MD5 digest of the bytes, in hex and in double quotes, as S3 gives it for an object
    /// stored by a single PutObject without SSE-C or SSE-KMS (API reference, "Object": ETag).
    public var eTag: String
    /// Bytes.
    public var contentLength: Int
    /// As given to PutObject; `binary/octet-stream` when none was.
    public var contentType: String
    /// Whole seconds, as S3 keeps it.
    public var lastModified: Date

    public init(eTag: String, contentLength: Int, contentType: String, lastModified: Date) {
        self.eTag = eTag
        self.contentLength = contentLength
        self.contentType = contentType
        self.lastModified = lastModified
    }
}

/// The objects of the S3-like buckets, each a key's bytes and metadata. `FolderObjectStore`
/// keeps them in the workspace's `buckets/` folder, `MemoryObjectStore` in memory (for tests).
///
/// - A put replaces the whole object, bytes and metadata, or leaves the old one: a reader
///   never sees half an object.
/// - Two puts of one key: the last one wins, as on S3.
/// - Bucket names and keys reach the store already checked against S3's rules; a key the
///   store cannot keep is refused with `NotImplemented`, never changed.
public protocol ObjectStore: Sendable {
    func bucketExists(_ bucket: String) throws(BucketError) -> Bool
    /// The object's bytes and metadata; nil when there is none.
    func object(bucket: String, key: String) throws(BucketError) -> (body: Data, metadata: ObjectMetadata)?
    /// The object's metadata; nil when there is none.
    func metadata(bucket: String, key: String) throws(BucketError) -> ObjectMetadata?
    /// Stores the object, as of `modified`; its metadata.
    func put(bucket: String, key: String, body: Data, contentType: String?, modified: Date) throws(BucketError) -> ObjectMetadata
    /// Removes the object; nothing when there is none.
    func delete(bucket: String, key: String) throws(BucketError)
    /// Every key of the bucket, in UTF-8 binary order.
    func keys(bucket: String) throws(BucketError) -> [String]
}

extension ObjectStore {
    /// S3's default content type (PutObject, Content-Type: "Default: binary/octet-stream").
    public static var defaultContentType: String { "binary/octet-stream" }
}

/// The ETag of bytes stored by one PutObject: their MD5 digest, hex, in double quotes.
func entityTag(_ body: Data) -> String {
    "\"" + Insecure.MD5.hash(data: body).map { String(format: "%02x", $0) }.joined() + "\""
}

extension Date {
    /// Rounded down to the second: S3's LastModified has no fractions.
    var wholeSeconds: Date { Date(timeIntervalSince1970: timeIntervalSince1970.rounded(.down)) }
}

extension String {
    /// S3's order of keys: by their UTF-8 bytes (ListObjectsV2: "objects are returned sorted
    /// in an ascending order of the respective key names in the list", in UTF-8 binary order).
    static func utf8Order(_ a: String, _ b: String) -> Bool {
        a.utf8.lexicographicallyPrecedes(b.utf8)
    }
}
