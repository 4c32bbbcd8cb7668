import Crypto
import Foundation

/// A request as Signature Version 4 reads it: what the client sent, before any decoding.
package struct SigV4Request: Sendable {
    package var method: String
    /// The path as sent, percent-encoded as the client encoded it.
    package var path: String
    /// The query as sent (after `?`), or nil.
    package var query: String?
    /// Every header in the order received, the `Host` header (HTTP/1.1) or `:authority`
    /// among them as `host`.
    package var headers: [(name: String, value: String)]
    /// The hex SHA-256 of the body, or the request's `X-Amz-Content-Sha256`.
    package var payloadHash: String

    package init(method: String, path: String, query: String?, headers: [(name: String, value: String)], payloadHash: String) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.payloadHash = payloadHash
    }
}

/// The steps of AWS's "Create a signed AWS API request" (IAM User Guide, Signature Version 4):
/// the canonical request, the string to sign, the signing key and the signature. Pure; the
/// server's checks around them are `SigV4Verifier`'s (docs/server.md#signature-version-4).
package enum SigV4 {
    package static let algorithm = "AWS4-HMAC-SHA256"
    /// The last element of every credential scope.
    package static let terminator = "aws4_request"

    /// `METHOD\nURI\nQUERY\nHEADERS\n\nSIGNED;HEADERS\nPAYLOAD-HASH`. The signed headers'
    /// names are written as the Authorization header lists them, which SigV4 has lowercase: a
    /// list in another case gives another canonical request, and so another signature.
    package static func canonicalRequest(_ request: SigV4Request, signedHeaders: [String]) -> String {
        let headers = signedHeaders.map { name in "\(name):\(canonicalValue(of: name.lowercased(), in: request.headers))\n" }.joined()
        return [request.method, canonicalURI(request.path), canonicalQuery(request.query), headers, signedHeaders.joined(separator: ";"),
                request.payloadHash].joined(separator: "\n")
    }

    /// The path with `.`, `..` and empty segments removed (RFC 3986's remove_dot_segments, and
    /// "//" as "/"), then URI-encoded. The path is encoded as sent, so an escape the client
    /// sent (`%3A`) is encoded again (`%253A`): "each path segment must be URI-encoded twice",
    /// for every service but S3.
    package static func canonicalURI(_ path: String) -> String {
        var segments: [Substring] = []
        for segment in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch segment {
            case ".": continue
            case "..": if !segments.isEmpty { segments.removeLast() }
            default: segments.append(segment)
            }
        }
        let trailing = path.hasSuffix("/") && !segments.isEmpty ? "/" : ""
        return "/" + segments.map { uriEncode(String($0)) }.joined(separator: "/") + trailing
    }

    /// `name=value` pairs, each decoded and encoded again as SigV4 encodes (so `ሴ` and `%E1%88%B4`
    /// sign alike), sorted by name and then value, joined by `&`; a name without `=` has an
    /// empty value.
    package static func canonicalQuery(_ query: String?) -> String {
        guard let query, !query.isEmpty else { return "" }
        let pairs = query.split(separator: "&", omittingEmptySubsequences: true).map { piece -> (String, String) in
            let parts = piece.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = parts[0], value = parts.count > 1 ? parts[1] : ""
            return (reencode(name), reencode(value))
        }
        return pairs.sorted { ($0.0, $0.1) < ($1.0, $1.1) }.map { "\($0)=\($1)" }.joined(separator: "&")
    }

    /// `AWS4-HMAC-SHA256\nX-AMZ-DATE\nSCOPE\nHEX(SHA256(CANONICAL-REQUEST))`.
    package static func stringToSign(canonicalRequest: String, amzDate: String, scope: String) -> String {
        [algorithm, amzDate, scope, hex(SHA256.hash(data: Data(canonicalRequest.utf8)))].joined(separator: "\n")
    }

    /// kSigning = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service), "aws4_request").
    package static func signingKey(secretAccessKey: String, date: String, region: String, service: String) -> SymmetricKey {
        var key = SymmetricKey(data: Data("AWS4\(secretAccessKey)".utf8))
        for element in [date, region, service, terminator] {
            key = SymmetricKey(data: Data(HMAC<SHA256>.authenticationCode(for: Data(element.utf8), using: key)))
        }
        return key
    }

    /// The signature: hex HMAC-SHA256 of the string to sign under the signing key.
    package static func signature(stringToSign: String, key: SymmetricKey) -> String {
        hex(HMAC<SHA256>.authenticationCode(for: Data(stringToSign.utf8), using: key))
    }

    /// Whether `signature` (hex) is the string to sign's HMAC, compared in constant time.
    package static func isValid(signature: String, stringToSign: String, key: SymmetricKey) -> Bool {
        guard let bytes = bytes(ofHex: signature), bytes.count == SHA256.byteCount else { return false }
        return HMAC<SHA256>.isValidAuthenticationCode(bytes, authenticating: Data(stringToSign.utf8), using: key)
    }

    /// Lowercase hexadecimal, as every hash and signature of SigV4 is written.
    package static func hex<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// A header's canonical value: every value it was sent with, in order, joined by commas,
    /// each trimmed and with runs of spaces made one. A signed header that was not sent counts
    /// as empty (and the signature then differs).
    private static func canonicalValue(of name: String, in headers: [(name: String, value: String)]) -> String {
        headers.filter { $0.name.lowercased() == name }.map { field in
            field.value.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
                .trimmingCharacters(in: .whitespaces)
        }.joined(separator: ",")
    }

    /// SigV4's UriEncode: every byte but the unreserved `A-Z a-z 0-9 - . _ ~` as `%XY`
    /// (uppercase hex).
    package static func uriEncode(_ text: String) -> String {
        var encoded = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                encoded.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                encoded += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return encoded
    }

    /// A query name or value decoded (`%XY` only: `+` stays `+`), then encoded by `uriEncode`.
    private static func reencode(_ text: Substring) -> String {
        uriEncode(String(text).removingPercentEncoding ?? String(text))
    }

    private static func bytes(ofHex text: String) -> [UInt8]? {
        let digits = Array(text.utf8)
        guard digits.count.isMultiple(of: 2) else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(digits.count / 2)
        for index in stride(from: 0, to: digits.count, by: 2) {
            guard let high = nibble(digits[index]), let low = nibble(digits[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
        }
        return bytes
    }

    private static func nibble(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
