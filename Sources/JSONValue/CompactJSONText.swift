/// Compact JSON text written member by member, byte for byte as `compactString()` writes the
/// same value: for text that is only stored or sent (an event's body), without building the
/// `JSONValue` and its ordered dictionaries first.
///
/// Objects are opened and closed explicitly; each member is a key and a value. Nothing checks
/// that keys are unique or that every object is closed: the caller writes a fixed shape.
public struct CompactJSONText {
    private var writer = JSONWriter(indent: nil)
    /// Whether the innermost open object has a member already (a comma comes before the next).
    private var hasMembers: [Bool] = []

    public init() {}

    /// The text written so far.
    public var text: String { writer.string }

    /// Opens the top-level object.
    public mutating func beginObject() {
        writer.append(byte: UInt8(ascii: "{"))
        hasMembers.append(false)
    }

    /// Opens an object as the member `key` of the open one.
    public mutating func beginObject(_ key: String) {
        writeKey(key)
        beginObject()
    }

    public mutating func endObject() {
        writer.append(byte: UInt8(ascii: "}"))
        hasMembers.removeLast()
    }

    /// The member `key` with `value`.
    public mutating func member(_ key: String, _ value: JSONValue) {
        writeKey(key)
        writer.write(value, depth: 0)
    }

    /// The member `key` with the string `value`, or null.
    public mutating func member(_ key: String, string value: String?) {
        writeKey(key)
        if let value { writer.writeString(value) } else { writer.write(.null, depth: 0) }
    }

    private mutating func writeKey(_ key: String) {
        if hasMembers[hasMembers.count - 1] { writer.append(byte: UInt8(ascii: ",")) }
        hasMembers[hasMembers.count - 1] = true
        writer.writeString(key)
        writer.append(byte: UInt8(ascii: ":"))
    }
}
