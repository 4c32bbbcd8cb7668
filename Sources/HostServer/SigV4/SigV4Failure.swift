import Workspace

/// Why a request beyond loopback is not served, in the terms AWS answers with
/// (docs/server.md#errors). The JSON protocols answer the signature errors with HTTP 400,
/// Lambda's REST-JSON with 403 ("Common Errors" of each API reference).
enum SigV4Failure: Error, Equatable {
    /// No `Authorization` header.
    case missingAuthenticationToken
    /// An `Authorization` header that does not parse, or lacks a part.
    case incomplete(String)
    /// An access key ID no source lists, or a session token host cannot check.
    case unrecognizedClient
    /// A signature that is not the one the key gives, a scope that does not fit, or a request
    /// time more than 15 minutes away.
    case invalidSignature(String)
    /// The body could not be read to hash it (too large).
    case body(ServiceError)

    /// The error the request's protocol answers with.
    func serviceError(restJSON: Bool) -> ServiceError {
        let status = restJSON ? 403 : 400
        switch self {
        case .missingAuthenticationToken:
            return ServiceError(ServiceError.Code("MissingAuthenticationTokenException", httpStatus: 403), "Missing Authentication Token")
        case .incomplete(let message):
            return ServiceError(ServiceError.Code("IncompleteSignatureException", httpStatus: status), message)
        case .unrecognizedClient:
            return ServiceError(ServiceError.Code("UnrecognizedClientException", httpStatus: status),
                                "The security token included in the request is invalid.")
        case .invalidSignature(let message):
            return ServiceError(ServiceError.Code("InvalidSignatureException", httpStatus: status), message)
        case .body(let error):
            return error
        }
    }

    /// AWS's answer to a signature that does not match, with the canonical request and string
    /// to sign it computed, so a client's author can see which part differs.
    static func mismatch(canonicalRequest: String, stringToSign: String) -> SigV4Failure {
        .invalidSignature("The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key "
            + "and signing method. Consult the service documentation for details.\n\nThe Canonical String for this request should have been\n'"
            + canonicalRequest + "'\n\nThe String-to-Sign should have been\n'" + stringToSign + "'\n")
    }
}
