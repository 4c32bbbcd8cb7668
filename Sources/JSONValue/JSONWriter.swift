extension JSONValue: CustomStringConvertible {
    /// The compact JSON text of the value, as `compactString()`.
    public var description: String { compactString() }
}

extension JSONValue {
    /// The JSON text without any whitespace: `{"a":1,"b":[true,null]}`.
    ///
    /// Members keep their order. Numbers: an `.int` prints its digits; a `.double` prints
    /// Swift's `description`, the shortest text that reads back as the same double, which
    /// always has a `.` or an exponent so it stays apart from an int (`1.0`, `1.5`, `1e-05`,
    /// `1e+21`); NaN and infinities print `null`, as JSON has no such numbers. Strings escape
    /// `"`, `\` and control characters (`\b \f \n \r \t`, otherwise `\u00XX` with lowercase
    /// hex); `/` and non-ASCII characters are written as they are.
    public func compactString() -> String {
        var writer = JSONWriter(indent: nil)
        writer.write(self, depth: 0)
        return writer.string
    }

    /// The UTF-8 bytes of `compactString()`, for a writer that takes bytes (an HTTP answer's
    /// body): no `String` made on the way.
    public func compactUTF8() -> [UInt8] {
        var writer = JSONWriter(indent: nil)
        writer.write(self, depth: 0)
        return writer.bytes
    }

    /// The JSON text with one member or element per line, `indent` spaces per level, a space
    /// after each `:`, and empty containers as `{}` and `[]`; otherwise as `compactString()`.
    public func prettyString(indent: Int = 2) -> String {
        var writer = JSONWriter(indent: max(0, indent))
        writer.write(self, depth: 0)
        return writer.string
    }
}

/// Appends the JSON text of values to one UTF-8 byte buffer.
struct JSONWriter {
    /// Spaces per level, or nil for compact output.
    let indent: Int?
    private(set) var bytes: [UInt8] = []

    init(indent: Int?) {
        self.indent = indent
        bytes.reserveCapacity(256)
    }

    /// The text written so far.
    var string: String { String(decoding: bytes, as: UTF8.self) }

    /// Writes `value` at nesting level `depth`. Recursive, unlike the parser: parsed values nest
    /// at most `JSONValue.maximumNestingDepth` levels, which a few hundred kilobytes of stack hold.
    mutating func write(_ value: JSONValue, depth: Int) {
        switch value {
        case .null: append("null")
        case .bool(let flag): append(flag ? "true" : "false")
        case .int(let integer): writeInteger(integer)
        case .double(let number): append(number.isFinite ? number.description : "null")
        case .string(let text): writeString(text)
        case .array(let elements):
            guard !elements.isEmpty else { return append("[]") }
            bytes.append(UInt8(ascii: "["))
            for (position, element) in elements.enumerated() {
                if position > 0 { bytes.append(UInt8(ascii: ",")) }
                writeLineBreak(depth: depth + 1)
                write(element, depth: depth + 1)
            }
            writeLineBreak(depth: depth)
            bytes.append(UInt8(ascii: "]"))
        case .object(let members):
            guard !members.isEmpty else { return append("{}") }
            bytes.append(UInt8(ascii: "{"))
            for (position, member) in members.enumerated() {
                if position > 0 { bytes.append(UInt8(ascii: ",")) }
                writeLineBreak(depth: depth + 1)
                writeString(member.key)
                bytes.append(UInt8(ascii: ":"))
                if indent != nil { bytes.append(UInt8(ascii: " ")) }
                write(member.value, depth: depth + 1)
            }
            writeLineBreak(depth: depth)
            bytes.append(UInt8(ascii: "}"))
        }
    }

    /// In pretty output, a newline and the indentation of `depth`; nothing in compact output.
    private mutating func writeLineBreak(depth: Int) {
        guard let indent else { return }
        bytes.append(UInt8(ascii: "\n"))
        bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indent * depth))
    }

    private mutating func append(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    /// Writes the decimal digits directly, without an intermediate `String`.
    private mutating func writeInteger(_ integer: Int64) {
        if integer < 0 { bytes.append(UInt8(ascii: "-")) }
        var magnitude = integer.magnitude
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        withUnsafeMutableBytes(of: &digits) { buffer in
            // UInt64.max has 20 digits; fill from the end.
            var start = buffer.count
            repeat {
                start -= 1
                buffer[start] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[start...]))
        }
    }

    /// Writes `"text"`, copying runs of bytes that need no escape in one go.
    private mutating func writeString(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { utf8 in
            var runStart = 0
            for (offset, byte) in utf8.enumerated() where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<offset]))
                writeEscape(byte)
                runStart = offset + 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...]))
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private mutating func writeEscape(_ byte: UInt8) {
        let short: UInt8? = switch byte {
        case UInt8(ascii: "\""): UInt8(ascii: "\"")
        case UInt8(ascii: "\\"): UInt8(ascii: "\\")
        case 0x08: UInt8(ascii: "b")
        case 0x0C: UInt8(ascii: "f")
        case UInt8(ascii: "\n"): UInt8(ascii: "n")
        case UInt8(ascii: "\r"): UInt8(ascii: "r")
        case UInt8(ascii: "\t"): UInt8(ascii: "t")
        default: nil
        }
        bytes.append(UInt8(ascii: "\\"))
        if let short { return bytes.append(short) }
        let hexDigits: StaticString = "0123456789abcdef"
        bytes.append(UInt8(ascii: "u"))
        bytes.append(UInt8(ascii: "0"))
        bytes.append(UInt8(ascii: "0"))
        hexDigits.withUTF8Buffer { hex in
            bytes.append(hex[Int(byte >> 4)])
            bytes.append(hex[Int(byte & 0xF)])
        }
    }
}
