import JSONValue

extension DefinitionDecoder {
    /// Whether any field of a state (not the states of its branches or item processor, which
    /// are states of their own) can read the context object, so that the engine builds it
    /// only for states that can (docs/design.md, "One lifecycle per state").
    ///
    /// Decided from the text, erring towards yes: a key or string with `$$` (the context in a
    /// JSONPath path or intrinsic argument), or with `$states` other than `$states.input`,
    /// `$states.result` or `$states.errorOutput` as a whole name (`$states.context`, and any
    /// way of reaching it: `$states` alone, `$lookup($states, ...)`, `$states.inputs`).
    static func readsContext(_ fields: ObjectFields) -> Bool {
        fields.members.contains { key, value in
            key != "Branches" && key != "ItemProcessor" && key != "Iterator" && (mentionsContext(key) || readsContext(value))
        }
    }

    private static func readsContext(_ value: JSONValue) -> Bool {
        switch value {
        case .string(let text): mentionsContext(text)
        case .array(let elements): elements.contains { readsContext($0) }
        case .object(let members): members.contains { mentionsContext($0.key) || readsContext($0.value) }
        default: false
        }
    }

    /// The parts of `$states` that are not the context, each followed by no name character.
    private static let statesParts: [[UInt8]] = [".input", ".result", ".errorOutput"].map { Array($0.utf8) }

    private static let states = Array("$states".utf8)

    static func mentionsContext(_ text: String) -> Bool {
        // Most strings hold no `$` at all: they are answered without copying their bytes.
        guard text.utf8.contains(UInt8(ascii: "$")) else { return false }
        let bytes = Array(text.utf8)
        var index = 0
        while index < bytes.count {
            defer { index += 1 }
            guard bytes[index] == UInt8(ascii: "$") else { continue }
            if index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "$") { return true }
            guard bytes[index...].starts(with: states) else { continue }
            let rest = bytes[(index + states.count)...]
            let part = statesParts.first { part in
                rest.starts(with: part) && !isNameByte(rest.dropFirst(part.count).first)
            }
            guard let part else { return true }
            index += states.count + part.count - 1
        }
        return false
    }

    /// A byte that continues a JSONata name: a letter, digit, `_`, `$`, or any byte of a
    /// non-ASCII character (counted as a name character, erring towards yes).
    private static func isNameByte(_ byte: UInt8?) -> Bool {
        guard let byte else { return false }
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "_"), UInt8(ascii: "$"):
            return true
        default:
            return byte >= 0x80
        }
    }
}
