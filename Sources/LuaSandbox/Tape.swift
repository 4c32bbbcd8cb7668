import JSONValue

/// Writes a JSON value as the tape that hs_tape.h turns into Lua values (its header
/// comment has the format). Swift walks the value; C builds the tables under lua_pcall.
struct TapeWriter {
    private(set) var bytes: [UInt8] = []

    init(_ value: JSONValue) {
        bytes.reserveCapacity(256)
        write(value)
    }

    private mutating func write(_ value: JSONValue) {
        switch value {
        case .null: bytes.append(UInt8(ascii: "n"))
        case .bool(let b): bytes.append(UInt8(ascii: b ? "t" : "f"))
        case .int(let i):
            bytes.append(UInt8(ascii: "i"))
            append(bitPattern: UInt64(bitPattern: i))
        case .double(let d):
            bytes.append(UInt8(ascii: "d"))
            append(bitPattern: d.bitPattern)
        case .string(let s):
            bytes.append(UInt8(ascii: "s"))
            appendString(s)
        case .array(let elements):
            bytes.append(UInt8(ascii: "["))
            appendCount(elements.count)
            for element in elements { write(element) }
        case .object(let members):
            bytes.append(UInt8(ascii: "{"))
            appendCount(members.count)
            for (key, member) in members {
                appendString(key)
                write(member)
            }
        }
    }

    private mutating func append(bitPattern: UInt64) {
        withUnsafeBytes(of: bitPattern) { bytes.append(contentsOf: $0) }
    }

    private mutating func appendCount(_ count: Int) {
        withUnsafeBytes(of: UInt32(truncatingIfNeeded: count)) { bytes.append(contentsOf: $0) }
    }

    private mutating func appendString(_ string: String) {
        var s = string
        s.withUTF8 { utf8 in
            appendCount(utf8.count)
            bytes.append(contentsOf: utf8)
        }
    }
}

/// Reads the tape hs_tape.h wrote for a Lua value.
///
/// Lua tables have no key order, so the members of an object come out sorted by key: the
/// same result always prints the same way. Lua strings are bytes: a key that is not UTF-8,
/// or two keys that are the same text in Unicode's eyes (an é written precomposed and
/// decomposed), cannot make a JSON object, and the value is refused with the reason.
struct TapeReader {
    private let bytes: UnsafeRawBufferPointer
    private var offset = 0
    private var problem: String?

    static func read(_ bytes: UnsafeRawBufferPointer) -> Result<JSONValue, TapeError> {
        var reader = TapeReader(bytes: bytes)
        if let value = reader.value() { return .success(value) }
        return .failure(TapeError(message: reader.problem ?? "corrupt value tape"))
    }

    private init(bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    private mutating func value() -> JSONValue? {
        guard offset < bytes.count else { return nil }
        let tag = bytes[offset]
        offset += 1
        switch tag {
        case UInt8(ascii: "n"): return .null
        case UInt8(ascii: "t"): return .bool(true)
        case UInt8(ascii: "f"): return .bool(false)
        case UInt8(ascii: "i"): return word().map { .int(Int64(bitPattern: $0)) }
        case UInt8(ascii: "d"): return word().map { .double(Double(bitPattern: $0)) }
        case UInt8(ascii: "s"): return string(strict: false).map { .string($0) }
        case UInt8(ascii: "["):
            guard let count = count() else { return nil }
            var elements: [JSONValue] = []
            elements.reserveCapacity(count)
            for _ in 0..<count {
                guard let element = value() else { return nil }
                elements.append(element)
            }
            return .array(elements)
        case UInt8(ascii: "{"):
            guard let count = count() else { return nil }
            var members: [(String, JSONValue)] = []
            members.reserveCapacity(count)
            for _ in 0..<count {
                guard let key = string(strict: true), let member = value() else { return nil }
                members.append((key, member))
            }
            members.sort { $0.0 < $1.0 }
            var object = JSONObject(minimumCapacity: members.count)
            for (key, member) in members {
                guard object.updateValue(member, forKey: key) == nil else {
                    problem = "two keys of one table are the same text: '\(key)'"
                    return nil
                }
            }
            return .object(object)
        default: return nil
        }
    }

    private mutating func word() -> UInt64? {
        guard bytes.count - offset >= 8 else { return nil }
        let v = bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
        offset += 8
        return v
    }

    private mutating func count() -> Int? {
        guard bytes.count - offset >= 4 else { return nil }
        let v = bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self)
        offset += 4
        return Int(v)
    }

    /// A string; `strict` (for keys) refuses bytes that are not UTF-8, where a value's bad
    /// bytes become U+FFFD.
    private mutating func string(strict: Bool) -> String? {
        guard let n = count(), bytes.count - offset >= n else { return nil }
        let raw = UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + n])
        offset += n
        if strict {
            guard let key = String(validating: raw, as: UTF8.self) else {
                problem = "a table key is not valid UTF-8 text"
                return nil
            }
            return key
        }
        return String(decoding: raw, as: UTF8.self)
    }
}

struct TapeError: Error {
    var message: String
}
