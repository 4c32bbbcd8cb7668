import Foundation

/// GetObject's and HeadObject's answer: the object's metadata, and for GetObject its bytes.
public struct GetObjectResult: Sendable, Equatable {
    public var body: Data
    public var metadata: ObjectMetadata
}

/// ListObjectsV2's request (API reference, "ListObjectsV2": "URI Request Parameters").
public struct ListObjectsV2Request: Sendable, Equatable {
    public var bucket: String
    public var prefix: String?
    public var delimiter: String?
    /// At most 1,000 are returned, whatever is asked (the default).
    public var maxKeys: Int?
    public var continuationToken: String?
    public var startAfter: String?

    public init(bucket: String, prefix: String? = nil, delimiter: String? = nil, maxKeys: Int? = nil,
                continuationToken: String? = nil, startAfter: String? = nil) {
        self.bucket = bucket
        self.prefix = prefix
        self.delimiter = delimiter
        self.maxKeys = maxKeys
        self.continuationToken = continuationToken
        self.startAfter = startAfter
    }
}

/// One object of a listing (API reference, data type "Object").
public struct ListedObject: Sendable, Equatable {
    public var key: String
    public var lastModified: Date
    public var eTag: String
    public var size: Int
}

/// ListObjectsV2's answer (API reference, "ListObjectsV2": "Response Elements").
public struct ListObjectsV2Result: Sendable, Equatable {
    /// The bucket.
    public var name: String
    public var prefix: String?
    public var delimiter: String?
    public var maxKeys: Int
    /// Objects and common prefixes returned; never more than `maxKeys`.
    public var keyCount: Int
    public var isTruncated: Bool
    public var contents: [ListedObject]
    public var commonPrefixes: [String]
    /// As sent.
    public var continuationToken: String?
    /// Where the next page starts, when `isTruncated`.
    public var nextContinuationToken: String?
    /// As sent.
    public var startAfter: String?
}
