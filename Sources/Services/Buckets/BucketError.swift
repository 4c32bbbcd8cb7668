import LuaSandbox

/// An error of the object store, as S3 answers it: its error code (`NoSuchKey`), message and
/// HTTP status (Amazon S3 API reference, "Error responses": "List of error codes"). A Task
/// integration names it `S3.<Code>`; a function's host call raises it as `errorType`.
public struct BucketError: Error, Sendable, Equatable, CustomStringConvertible {
    /// S3's error code.
    public var code: String
    public var message: String
    public var httpStatus: Int

    public init(_ code: String, _ message: String, httpStatus: Int) {
        self.code = code
        self.message = message
        self.httpStatus = httpStatus
    }

    public var description: String { "\(code): \(message)" }

    /// The bucket is not a folder of `buckets/`.
    public static func noSuchBucket(_ bucket: String) -> BucketError {
        BucketError("NoSuchBucket", "The specified bucket does not exist", httpStatus: 404)
    }

    /// GetObject of a key the bucket does not hold.
    public static func noSuchKey(_ key: String) -> BucketError {
        BucketError("NoSuchKey", "The specified key does not exist.", httpStatus: 404)
    }

    /// HeadObject of a missing object or bucket: a HEAD response has no body, so S3's answer is
    /// the bare status, 404 Not Found (HeadObject: "If the object you request doesn't exist, the
    /// error that Amazon S3 returns depends on whether you also have the s3:ListBucket
    /// permission ... 404 Not Found").
    public static let notFound = BucketError("NotFound", "Not Found", httpStatus: 404)

    /// A bucket name that breaks S3's naming rules.
    public static func invalidBucketName(_ bucket: String, _ why: String) -> BucketError {
        BucketError("InvalidBucketName", "The specified bucket is not valid: '\(bucket)' \(why)", httpStatus: 400)
    }

    /// A key longer than 1,024 bytes.
    public static let keyTooLong = BucketError("KeyTooLongError", "Your key is too long", httpStatus: 400)

    public static func invalidArgument(_ message: String) -> BucketError {
        BucketError("InvalidArgument", message, httpStatus: 400)
    }

    /// What S3 does but host does not (a parameter it does not carry out, a key it cannot keep
    /// as a file): refused, never ignored (docs/buckets.md).
    public static func notImplemented(_ message: String) -> BucketError {
        BucketError("NotImplemented", message, httpStatus: 501)
    }

    /// The folder could not be read or written.
    public static func internalError(_ message: String) -> BucketError {
        BucketError("InternalError", "We encountered an internal error. Please try again. (\(message))", httpStatus: 500)
    }

    /// The error a function's host call raises.
    public var hostCallError: HostCallError { HostCallError(errorType: code, errorMessage: message) }
}
