/// One step of a path into a JSON value: an object member or an array element.
public enum JSONPathComponent: Hashable, Sendable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral {
    /// The member with this key of an object.
    case key(String)
    /// The element at this 0-based index of an array.
    case index(Int)

    /// A string literal is a `.key`, so a path reads `["States", "Start", "Next"]`.
    public init(stringLiteral key: String) { self = .key(key) }
    /// An integer literal is an `.index`, so a path reads `["Branches", 0]`.
    public init(integerLiteral index: Int) { self = .index(index) }
}

/// A parsed JSON text that remembers where each of its nodes starts, for diagnostics such as
/// `12:7: "Next" refers to a missing state`.
///
/// Parsing costs more than `JSONValue.parse`, which records no locations; use this only where
/// messages need places. Locations are computed on lookup (see `SourceLocation` for how
/// columns count).
extension Array where Element == JSONPathComponent {
    /// `$.detail.status[0]`, `$['detail-type']`: the path written as a JSONPath, for people to
    /// find the place.
    public var jsonPathDescription: String {
        reduce("$") { text, component in
            switch component {
            case .index(let index):
                return text + "[\(index)]"
            case .key(let key):
                let plain = !key.isEmpty && !(key.first?.isNumber ?? false)
                    && key.allSatisfy { ($0.isLetter || $0.isNumber || $0 == "_") && $0.isASCII }
                if plain { return text + "." + key }
                let escaped = key.replacing("\\", with: "\\\\").replacing("'", with: "\\'")
                return text + "['" + escaped + "']"
            }
        }
    }
}

public struct JSONDocument: Sendable {
    /// The parsed value, identical to what `JSONValue.parse` returns for the same text.
    public let value: JSONValue
    private let root: LocationNode
    /// The UTF-8 text without a byte order mark; recorded offsets refer to it.
    let source: [UInt8]
    private let lines: LineIndex

    private init(parsing bytes: UnsafeBufferPointer<UInt8>) throws(JSONSyntaxError) {
        let parsed = try JSONValue.parseValue(bytes, recorder: LocationTreeRecorder())
        guard let root = parsed.recorder.root else { preconditionFailure("a parsed value always records a root") }
        value = parsed.value
        self.root = root
        lines = LineIndex(parsed.text, checkpoints: true)
        source = Array(parsed.text)
    }

    /// Parses a JSON text with the rules of `JSONValue.parse(_:)`, recording locations.
    public static func parse(_ text: String) throws(JSONSyntaxError) -> JSONDocument {
        var text = text
        return try text.withUTF8 { bytes in
            Result { () throws(JSONSyntaxError) in try JSONDocument(parsing: bytes) }
        }.get()
    }

    /// Parses a JSON text given as UTF-8 bytes, recording locations.
    public static func parse(bytes: some Collection<UInt8>) throws(JSONSyntaxError) -> JSONDocument {
        try withContiguousBytes(bytes) { buffer throws(JSONSyntaxError) in try JSONDocument(parsing: buffer) }
    }

    /// Where the value at `path` starts (its first character), or nil when there is no such value.
    ///
    /// The empty path is the top-level value. For a duplicate key, this is the value that was
    /// kept (the last one).
    public func location(of path: [JSONPathComponent]) -> SourceLocation? {
        node(at: path[...]).map { location(ofByte: $0.node.start) }
    }

    /// Where the key of the object member at `path` starts (its opening quote), or nil when
    /// `path` does not end in an existing member. For a duplicate key, the last occurrence.
    public func keyLocation(of path: [JSONPathComponent]) -> SourceLocation? {
        guard case .key(let key)? = path.last,
            let parent = node(at: path.dropLast()),
            let member = Self.member(key, of: parent.value, parent.node)
        else { return nil }
        return location(ofByte: member.keyStart)
    }

    /// The value at `path` and its locations, walking both trees side by side.
    func node(at path: ArraySlice<JSONPathComponent>) -> (value: JSONValue, node: LocationNode)? {
        var value = value
        var node = root
        for component in path {
            switch (component, value, node) {
            case (.key(let key), .object(let object), _):
                guard let member = Self.member(key, of: value, node), let memberValue = object[key] else { return nil }
                (value, node) = (memberValue, member.value)
            case (.index(let index), .array(let values), .array(_, let elements)):
                guard values.indices.contains(index) else { return nil }
                (value, node) = (values[index], elements[index])
            default:
                return nil
            }
        }
        return (value, node)
    }

    /// The locations of member `key` of `object`. The parsed object's hash table finds its
    /// position; the recorded members are in source order, which is the same order unless a
    /// key was repeated, and then the last occurrence is the one whose value was kept.
    private static func member(_ key: String, of object: JSONValue, _ node: LocationNode) -> MemberLocation? {
        guard case .object(let members) = object, case .object(_, let recorded) = node,
            let position = members.index(forKey: key)
        else { return nil }
        if recorded.count == members.count { return recorded[position] }
        return recorded.last { $0.key == key }
    }

    func location(ofByte offset: Int) -> SourceLocation {
        source.withUnsafeBufferPointer { lines.location(ofByte: offset, in: $0) }
    }
}
