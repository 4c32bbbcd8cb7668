import JSONValue

/// Writes a JSON value as the tape that hs_tape.h turns into Lua values (its header
/// comment has the format). Swift walks the value; C builds the tables under lua_pcall.
///
/// It measures the tape first, then writes it into an array of exactly that size through a
/// pointer: appending piece by piece to a growing array cost most of a small call's tape.
struct TapeWriter {
    private(set) var bytes: [UInt8]

    init(_ value: JSONValue) {
        let size = Self.size(of: value)
        bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
            var out = buffer.baseAddress!
            Self.write(value, to: &out)
            count = out - buffer.baseAddress!
            precondition(count == size, "the tape's size was measured wrong")
        }
    }

    private static func size(of value: JSONValue) -> Int {
        switch value {
        case .null, .bool: return 1
        case .int, .double: return 9
        case .string(let s): return 5 + s.utf8.count
        case .array(let elements): return elements.reduce(5) { $0 + size(of: $1) }
        case .object(let members): return members.reduce(5) { $0 + 4 + $1.key.utf8.count + size(of: $1.value) }
        }
    }

    private static func write(_ value: JSONValue, to out: inout UnsafeMutablePointer<UInt8>) {
        switch value {
        case .null: put(UInt8(ascii: "n"), to: &out)
        case .bool(let b): put(UInt8(ascii: b ? "t" : "f"), to: &out)
        case .int(let i):
            put(UInt8(ascii: "i"), to: &out)
            put(word: UInt64(bitPattern: i), to: &out)
        case .double(let d):
            put(UInt8(ascii: "d"), to: &out)
            put(word: d.bitPattern, to: &out)
        case .string(let s):
            put(UInt8(ascii: "s"), to: &out)
            put(string: s, to: &out)
        case .array(let elements):
            put(UInt8(ascii: "["), to: &out)
            put(count: elements.count, to: &out)
            for element in elements { write(element, to: &out) }
        case .object(let members):
            put(UInt8(ascii: "{"), to: &out)
            put(count: members.count, to: &out)
            for (key, member) in members {
                put(string: key, to: &out)
                write(member, to: &out)
            }
        }
    }

    private static func put(_ byte: UInt8, to out: inout UnsafeMutablePointer<UInt8>) {
        out.pointee = byte
        out += 1
    }

    private static func put(word: UInt64, to out: inout UnsafeMutablePointer<UInt8>) {
        UnsafeMutableRawPointer(out).storeBytes(of: word, as: UInt64.self)
        out += 8
    }

    private static func put(count: Int, to out: inout UnsafeMutablePointer<UInt8>) {
        UnsafeMutableRawPointer(out).storeBytes(of: UInt32(truncatingIfNeeded: count), as: UInt32.self)
        out += 4
    }

    private static func put(string: String, to out: inout UnsafeMutablePointer<UInt8>) {
        var s = string
        s.withUTF8 { utf8 in
            put(count: utf8.count, to: &out)
            if let base = utf8.baseAddress { out.update(from: base, count: utf8.count) }
            out += utf8.count
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
