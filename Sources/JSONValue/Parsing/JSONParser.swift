/// A problem found by the parser, at a byte offset. Line and column are worked out only once
/// parsing has failed, so the hot path never counts lines.
struct ParseFailure: Error {
    var offset: Int
    var message: String
}

/// An RFC 8259 parser over UTF-8 bytes, generic over what it records besides the value.
///
/// It is iterative: open containers live on explicit stacks rather than the call stack, so
/// nesting is limited by `JSONValue.maximumNestingDepth` and never by the thread's stack size
/// (threads other than the main one may have small stacks).
struct JSONParser<Recorder: ParseRecording> {
    /// An open array or object: where its finished children start on the `values` and `keys`
    /// stacks.
    private struct Frame {
        var isObject: Bool
        var valueStart: Int
        var keyStart: Int
    }

    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0
    var recorder: Recorder
    /// Reused buffer for strings that contain escapes.
    var scratch: [UInt8] = []

    init(bytes: UnsafeBufferPointer<UInt8>, recorder: Recorder) {
        self.bytes = bytes
        self.recorder = recorder
    }

    /// Parses the whole input as one JSON text: one value between optional whitespace.
    mutating func parseDocument() throws(ParseFailure) -> JSONValue {
        var frames: [Frame] = []
        var values: [JSONValue] = []
        var keys: [String] = []
        skipWhitespace()
        nextValue: while true {
            let start = index
            var value: JSONValue
            switch peek() {
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                let isObject = bytes[index] == UInt8(ascii: "{")
                guard frames.count < JSONValue.maximumNestingDepth else {
                    throw ParseFailure(offset: start, message: "nesting too deep (more than \(JSONValue.maximumNestingDepth) levels)")
                }
                recorder.openContainer(isObject: isObject, at: start)
                index += 1
                skipWhitespace()
                if peek() == (isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) {
                    index += 1
                    recorder.closeContainer()
                    value = isObject ? .object([:]) : .array([])
                } else {
                    frames.append(Frame(isObject: isObject, valueStart: values.count, keyStart: keys.count))
                    if isObject { keys.append(try parseMemberKey(afterComma: false)) }
                    continue nextValue
                }
            case UInt8(ascii: "\""):
                recorder.scalar(at: start)
                value = .string(try parseString())
            case UInt8(ascii: "t"):
                try parseLiteral("true")
                value = .bool(true)
            case UInt8(ascii: "f"):
                try parseLiteral("false")
                value = .bool(false)
            case UInt8(ascii: "n"):
                try parseLiteral("null")
                value = .null
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                recorder.scalar(at: start)
                value = try parseNumber()
            default:
                throw ParseFailure(offset: start, message: "expected a JSON value")
            }

            // A value is complete: add it to its container, and close every container that
            // ends right after it.
            while let frame = frames.last {
                values.append(value)
                skipWhitespace()
                if peek() == UInt8(ascii: ",") {
                    index += 1
                    skipWhitespace()
                    if frame.isObject {
                        keys.append(try parseMemberKey(afterComma: true))
                    } else if peek() == UInt8(ascii: "]") {
                        throw ParseFailure(offset: index, message: "expected a JSON value after ',' (trailing commas are not allowed)")
                    }
                    continue nextValue
                }
                if frame.isObject {
                    guard peek() == UInt8(ascii: "}") else {
                        throw ParseFailure(offset: index, message: "expected ',' or '}' after object member")
                    }
                    value = .object(Self.makeObject(keys: keys[frame.keyStart...], values: values[frame.valueStart...]))
                    keys.removeSubrange(frame.keyStart...)
                } else {
                    guard peek() == UInt8(ascii: "]") else {
                        throw ParseFailure(offset: index, message: "expected ',' or ']' after array element")
                    }
                    value = .array(Array(values[frame.valueStart...]))
                }
                index += 1
                values.removeSubrange(frame.valueStart...)
                frames.removeLast()
                recorder.closeContainer()
            }

            skipWhitespace()
            guard index == bytes.count else {
                throw ParseFailure(offset: index, message: trailingMessage(after: value))
            }
            return value
        }
    }

    /// Builds an object from its keys and values in source order. Duplicate keys: the last
    /// value wins and stays at the first key's position (RFC 8259 leaves this open; it is
    /// what `OrderedDictionary`'s subscript setter does).
    private static func makeObject(keys: ArraySlice<String>, values: ArraySlice<JSONValue>) -> JSONObject {
        var object = JSONObject(minimumCapacity: keys.count)
        for (key, value) in zip(keys, values) { object[key] = value }
        return object
    }

    /// The message for bytes after a complete top-level value, with a hint for the common
    /// mistake of a definition pasted without its opening brace (`"Comment": ...`).
    private func trailingMessage(after value: JSONValue) -> String {
        let message = "unexpected trailing characters after the JSON value"
        if case .string = value, bytes[index] == UInt8(ascii: ":") {
            return message + " (is the opening '{' missing?)"
        }
        return message
    }

    /// Reads `"key"`, the whitespace and the `:` after it, and the whitespace before the value.
    private mutating func parseMemberKey(afterComma: Bool) throws(ParseFailure) -> String {
        let start = index
        guard peek() == UInt8(ascii: "\"") else {
            let message = switch (afterComma, peek() == UInt8(ascii: "}")) {
            case (false, _): "expected a string key or '}'"
            case (true, false): "expected a string key after ','"
            case (true, true): "expected a string key after ',' (trailing commas are not allowed)"
            }
            throw ParseFailure(offset: start, message: message)
        }
        let key = try parseString()
        recorder.key(key, at: start)
        skipWhitespace()
        guard peek() == UInt8(ascii: ":") else {
            throw ParseFailure(offset: index, message: "expected ':' after object key")
        }
        index += 1
        skipWhitespace()
        return key
    }

    /// Reads `true`, `false` or `null`, whose first byte has been seen.
    private mutating func parseLiteral(_ literal: StaticString) throws(ParseFailure) {
        let start = index
        let count = literal.utf8CodeUnitCount
        let matches = bytes.count - start >= count && literal.withUTF8Buffer { expected in
            (0..<count).allSatisfy { bytes[start + $0] == expected[$0] }
        }
        guard matches else {
            throw ParseFailure(offset: start, message: "expected a JSON value (did you mean '\(literal)'?)")
        }
        recorder.scalar(at: start)
        index += count
    }

    /// The byte at `index`, or 0 (never valid JSON outside a string) at the end of the input.
    @inline(__always)
    func peek() -> UInt8 {
        index < bytes.count ? bytes[index] : 0
    }

    /// Skips the four whitespace characters of RFC 8259: space, tab, LF and CR.
    @inline(__always)
    mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"): index += 1
            default: return
            }
        }
    }
}
