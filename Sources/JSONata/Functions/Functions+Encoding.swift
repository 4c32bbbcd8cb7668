extension Functions {
    static var encoding: [Definition] { [
        ("base64encode", "<s-:s>", 1, { a, _ in
            guard case .string(let s) = argument(a, 0) else { return .undefined }
            return .string(base64Encode(Array(s.utf8)))
        }),
        ("base64decode", "<s-:s>", 1, { a, _ in
            guard case .string(let s) = argument(a, 0) else { return .undefined }
            return .string(String(decoding: base64Decode(s), as: UTF8.self))
        }),
        ("encodeUrlComponent", "<s-:s>", 1, { a, _ in
            guard case .string(let s) = argument(a, 0) else { return .undefined }
            return .string(percentEncode(s, keeping: unreservedComponent))
        }),
        ("encodeUrl", "<s-:s>", 1, { a, _ in
            guard case .string(let s) = argument(a, 0) else { return .undefined }
            return .string(percentEncode(s, keeping: unreservedComponent.union(reserved)))
        }),
        ("decodeUrlComponent", "<s-:s>", 1, { a, call throws(JSONataError) in
            guard case .string(let s) = argument(a, 0) else { return .undefined }
            guard let decoded = percentDecode(s, preserving: []) else {
                throw JSONataError("D3140", token: call.name, value: NumberText.quoted(s))
            }
            return .string(decoded)
        }),
        ("decodeUrl", "<s-:s>", 1, { a, call throws(JSONataError) in
            guard case .string(let s) = argument(a, 0) else { return .undefined }
            guard let decoded = percentDecode(s, preserving: reserved) else {
                throw JSONataError("D3140", token: call.name, value: NumberText.quoted(s))
            }
            return .string(decoded)
        }),
    ] }

    /// What `encodeURIComponent` leaves alone: letters, digits and `-_.!~*'()`.
    private static let unreservedComponent: Set<UInt8> = Set(
        Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.!~*'()".utf8))
    /// What `encodeURI` also leaves alone, and `decodeURI` does not decode: `;/?:@&=+$,#`.
    private static let reserved: Set<UInt8> = Set(Array(";/?:@&=+$,#".utf8))

    private static func percentEncode(_ s: String, keeping: Set<UInt8>) -> String {
        var out = ""
        let hex = Array("0123456789ABCDEF")
        for byte in s.utf8 {
            if keeping.contains(byte) {
                out.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                out.append("%")
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 0xF)])
            }
        }
        return out
    }

    /// `decodeURIComponent` / `decodeURI`: nil for a malformed escape or invalid UTF-8.
    private static func percentDecode(_ s: String, preserving: Set<UInt8>) -> String? {
        let bytes = Array(s.utf8)
        var out: [UInt8] = []
        var i = 0
        func hexValue(_ b: UInt8) -> UInt8? {
            switch b {
            case 48...57: return b - 48
            case 65...70: return b - 55
            case 97...102: return b - 87
            default: return nil
            }
        }
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "%") {
                guard i + 2 < bytes.count, let h = hexValue(bytes[i + 1]), let l = hexValue(bytes[i + 2]) else { return nil }
                let value = h << 4 | l
                if preserving.contains(value) {
                    out.append(contentsOf: bytes[i...(i + 2)])
                } else {
                    out.append(value)
                }
                i += 3
            } else {
                out.append(bytes[i])
                i += 1
            }
        }
        return String(validating: out, as: UTF8.self)
    }

    private static let base64Alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    static func base64Encode(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        var i = 0
        while i < bytes.count {
            let b0 = bytes[i], b1 = i + 1 < bytes.count ? bytes[i + 1] : 0, b2 = i + 2 < bytes.count ? bytes[i + 2] : 0
            out.append(base64Alphabet[Int(b0 >> 2)])
            out.append(base64Alphabet[Int((b0 & 3) << 4 | b1 >> 4)])
            out.append(i + 1 < bytes.count ? base64Alphabet[Int((b1 & 0xF) << 2 | b2 >> 6)] : UInt8(ascii: "="))
            out.append(i + 2 < bytes.count ? base64Alphabet[Int(b2 & 0x3F)] : UInt8(ascii: "="))
            i += 3
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `atob`: ignores whitespace, stops at padding.
    static func base64Decode(_ s: String) -> [UInt8] {
        var values: [UInt8] = []
        for byte in s.utf8 {
            if byte == UInt8(ascii: "=") { break }
            if let index = base64Alphabet.firstIndex(of: byte) { values.append(UInt8(index)) }
        }
        var out: [UInt8] = []
        var i = 0
        while i + 1 < values.count {
            out.append(values[i] << 2 | values[i + 1] >> 4)
            if i + 2 < values.count { out.append((values[i + 1] & 0xF) << 4 | values[i + 2] >> 2) }
            if i + 3 < values.count { out.append((values[i + 2] & 3) << 6 | values[i + 3]) }
            i += 4
        }
        return out
    }
}
