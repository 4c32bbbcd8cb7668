import JSONValue

/// "Intrinsics for data encoding and decoding" and "Intrinsic for hash calculation"
/// (Intrinsic functions, AWS Developer Guide).
extension Intrinsics {
    /// The longest text these functions take: "a data string of up to 10,000 characters".
    static let maximumTextLength = 10_000

    /// `States.Base64Encode(string)`: "encode data based on MIME Base64 encoding scheme",
    /// the text's UTF-8 bytes, padded with `=`, on one line (`'✓'` gives `4pyT`).
    static func base64Encode(_ arguments: IntrinsicArguments) throws(IntrinsicFailure) -> JSONValue {
        try arguments.expectCount(1)
        let text = try arguments.string(0)
        guard IntrinsicArguments.javaLength(text) <= maximumTextLength else { throw arguments.invalid }
        return .string(Base64.encode(Array(text.utf8)))
    }

    /// `States.Base64Decode(string)`: "decode data based on MIME Base64 decoding scheme".
    ///
    /// The decoder is lenient, as AWS was recorded to be: it skips characters outside the
    /// alphabet (`' YWJjZA== '`, `'!!!invalid!!!'`), stops at padding (`'ab==cd'`) and decodes
    /// unpadded input (`'abc'`) (conformance case `States.Base64Decode.ts`). The bytes are read
    /// as UTF-8, invalid sequences replaced by U+FFFD as Java's `new String(bytes, UTF_8)` does.
    static func base64Decode(_ arguments: IntrinsicArguments) throws(IntrinsicFailure) -> JSONValue {
        try arguments.expectCount(1)
        let text = try arguments.string(0)
        guard IntrinsicArguments.javaLength(text) <= maximumTextLength else { throw arguments.invalid }
        return .string(String(decoding: Base64.decodeLeniently(text), as: UTF8.self))
    }

    /// `States.Hash(data, algorithm)`: "The hashing algorithm you specify can be any of the
    /// following algorithms: MD5, SHA-1, SHA-256, SHA-384, SHA-512"; the digest of the data's
    /// UTF-8 bytes in lowercase hexadecimal. "The data you provide must be an object string
    /// containing 10,000 characters or less."
    ///
    /// AWS was recorded hashing a number or an object too, "by stringifying it" (conformance
    /// case `States.Hash.ts`, HASH-014 and HASH-017); here that text is its compact JSON
    /// (unsure: the exact text AWS hashes was not recorded). Algorithm names must match
    /// exactly: `sha-256` and `SHA256` fail, as recorded.
    static func hash(_ arguments: IntrinsicArguments) throws(IntrinsicFailure) -> JSONValue {
        try arguments.expectCount(2)
        let data: String = if case .string(let text) = arguments[0] { text } else { arguments[0].compactString() }
        guard IntrinsicArguments.javaLength(data) <= maximumTextLength,
            let algorithm = Digest.Algorithm(rawValue: try arguments.string(1))
        else { throw arguments.invalid }
        return .string(Digest.hexDigest(of: Array(data.utf8), algorithm: algorithm))
    }
}

/// Base64 with the standard alphabet (RFC 4648 section 4).
enum Base64 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    static func encode(_ bytes: [UInt8]) -> String {
        var output: [UInt8] = []
        output.reserveCapacity((bytes.count + 2) / 3 * 4)
        var index = 0
        while index < bytes.count {
            let count = min(3, bytes.count - index)
            let b0 = UInt32(bytes[index])
            let b1 = count > 1 ? UInt32(bytes[index + 1]) : 0
            let b2 = count > 2 ? UInt32(bytes[index + 2]) : 0
            let group = b0 << 16 | b1 << 8 | b2
            for position in 0..<4 {
                if position <= count {
                    output.append(alphabet[Int(group >> UInt32(18 - 6 * position) & 0x3F)])
                } else {
                    output.append(UInt8(ascii: "="))
                }
            }
            index += 3
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Decodes what it can: skips bytes outside the alphabet, stops at the first `=`, and
    /// turns a last group of 2 or 3 characters into 1 or 2 bytes.
    static func decodeLeniently(_ text: String) -> [UInt8] {
        var output: [UInt8] = []
        var buffer: UInt32 = 0
        var bits = 0
        for byte in text.utf8 {
            if byte == UInt8(ascii: "=") { break }
            guard let value = sextet(byte) else { continue }
            buffer = buffer << 6 | UInt32(value)
            bits += 6
            if bits >= 8 {
                bits -= 8
                output.append(UInt8(truncatingIfNeeded: buffer >> UInt32(bits)))
                buffer &= (1 << UInt32(bits)) - 1
            }
        }
        return output
    }

    private static func sextet(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): byte - UInt8(ascii: "A")
        case UInt8(ascii: "a")...UInt8(ascii: "z"): byte - UInt8(ascii: "a") + 26
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0") + 52
        case UInt8(ascii: "+"): 62
        case UInt8(ascii: "/"): 63
        default: nil
        }
    }
}
