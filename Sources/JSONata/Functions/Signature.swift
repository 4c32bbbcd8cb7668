/// A function signature such as `<s-nn?:s>`, and the check of arguments against it, as
/// jsonata-js's `signature.js` does: each argument has a type symbol, the symbols must match
/// the parameters (`?` optional, `+` one or more, `-` take the context value when missing),
/// `a<n>` checks array members, and a single value where an array is expected is wrapped.
///
/// A class, so that a function value's signature is read at each call by one reference.
final class Signature: Sendable {
    struct Parameter: Sendable {
        /// The symbols this parameter accepts, one bit each (`m`, undefined, is accepted by most).
        var accepted: UInt16
        var type: Character
        var quantifier: Character?
        var usesContext = false
        var subtype: String?
    }

    let parameters: [Parameter]
    /// Per parameter, for the common case in `validate`: the symbols it accepts, whether an
    /// argument may be left out (optional, not taken from the context), whether it is an
    /// array parameter (`a`). Kept apart so that checking reads no `Parameter`.
    private let accepted: [UInt16]
    private let omittable: [Bool]
    private let isArray: [Bool]
    /// No parameter that wraps values in arrays or checks their members.
    private let simple: Bool
    /// No parameter that takes several arguments (`+`): each argument then goes to the
    /// parameter at its own position whenever every argument is of an accepted type.
    private let oneEach: Bool

    /// Bits of the type symbols: s n b l o a f m.
    private static let bits: [Character: UInt16] = ["s": 1, "n": 2, "b": 4, "l": 8, "o": 16, "a": 32, "f": 64, "m": 128]

    private static func mask(_ symbols: String) -> UInt16 {
        symbols.reduce(0) { $0 | (bits[$1] ?? 0) }
    }

    /// Parses `<...>`; the error's position is an offset within the signature text.
    init(_ text: String) throws(JSONataError) {
        let characters = Array(text)
        var parameters: [Parameter] = []
        var position = 1
        func closing(_ start: Int, _ open: Character, _ close: Character) -> Int {
            var depth = 1
            var p = start
            while p < characters.count {
                p += 1
                guard p < characters.count else { break }
                if characters[p] == close { depth -= 1; if depth == 0 { break } } else if characters[p] == open { depth += 1 }
            }
            return p
        }
        while position < characters.count {
            let symbol = characters[position]
            if symbol == ":" { break }
            switch symbol {
            case "s", "n", "b", "l", "o":
                parameters.append(Parameter(accepted: Self.mask(String(symbol) + "m"), type: symbol))
            case "a", "x":
                parameters.append(Parameter(accepted: Self.mask("asnblfom"), type: symbol))
            case "f":
                parameters.append(Parameter(accepted: Self.mask("f"), type: symbol))
            case "j":
                parameters.append(Parameter(accepted: Self.mask("asnblom"), type: symbol))
            case "-":
                if !parameters.isEmpty {
                    parameters[parameters.count - 1].usesContext = true
                    parameters[parameters.count - 1].quantifier = "?"
                }
            case "?", "+":
                if !parameters.isEmpty { parameters[parameters.count - 1].quantifier = symbol }
            case "(":
                let end = closing(position, "(", ")")
                let choice = String(characters[(position + 1)..<min(end, characters.count)])
                if choice.contains("<") { throw JSONataError("S0402", position: position, value: NumberText.quoted(choice)) }
                parameters.append(Parameter(accepted: Self.mask(choice + "m"), type: "("))
                position = end
            case "<":
                guard let last = parameters.last, last.type == "a" || last.type == "f" else {
                    throw JSONataError("S0401", position: position, value: parameters.last.map { NumberText.quoted(String($0.type)) })
                }
                let end = closing(position, "<", ">")
                parameters[parameters.count - 1].subtype = String(characters[(position + 1)..<min(end, characters.count)])
                position = end
            default:
                break
            }
            position += 1
        }
        self.parameters = parameters
        accepted = parameters.map(\.accepted)
        omittable = parameters.map { $0.quantifier == "?" && !$0.usesContext }
        isArray = parameters.map { $0.type == "a" }
        simple = parameters.allSatisfy { $0.type != "a" && $0.subtype == nil }
        oneEach = parameters.allSatisfy { $0.quantifier != "+" }
    }

    static func symbol(_ value: Value) -> Character {
        switch value {
        case .function: return "f"
        case .string: return "s"
        case .number: return "n"
        case .bool: return "b"
        case .null: return "l"
        case .array: return "a"
        case .object: return "o"
        case .undefined: return "m"
        }
    }

    private static func bit(_ value: Value) -> UInt16 {
        switch value {
        case .string: return 1
        case .number: return 2
        case .bool: return 4
        case .null: return 8
        case .object: return 16
        case .array: return 32
        case .function: return 64
        case .undefined: return 128
        }
    }

    /// How many arguments each parameter takes, matching the first `count` parameters
    /// (greedy, with backtracking, as the regular expression jsonata-js builds would).
    private func match(_ symbols: [UInt16], _ count: Int, anchored: Bool) -> [Int]? {
        var lengths = [Int](repeating: 0, count: count)
        func attempt(_ p: Int, _ at: Int) -> Bool {
            if p == count { return !anchored || at == symbols.count }
            let parameter = parameters[p]
            var run = 0
            while at + run < symbols.count, parameter.accepted & symbols[at + run] != 0 { run += 1 }
            let (low, high): (Int, Int) = switch parameter.quantifier {
            case "?": (0, min(run, 1))
            case "+": (1, run)
            default: (1, min(run, 1))
            }
            if high < low { return false }
            var length = high
            while length >= low {
                lengths[p] = length
                if attempt(p + 1, at + length) { return true }
                length -= 1
            }
            return false
        }
        return attempt(0, 0) ? lengths : nil
    }

    func validate(_ arguments: [Value], context: Value) throws(JSONataError) -> [Value] {
        // The common cases, which the general match below would settle the same way: one
        // argument for each of the first parameters, the rest optional and left out (callers
        // read a missing argument as undefined).
        if arguments.count <= parameters.count, simple || oneEach, fitsOneEach(arguments) {
            if simple { return arguments }
            var checked = arguments
            var fits = true
            for index in arguments.indices where isArray[index] {
                // What the general match does for an array parameter given one argument: a
                // single value is wrapped, members are checked against the subtype. Where a
                // check fails, the general match reports it.
                guard let value = Self.arrayArgument(arguments[index], parameters[index].subtype) else { fits = false; break }
                if !arguments[index].isArray, !arguments[index].isUndefined { checked[index] = value }
            }
            if fits { return checked }
        }
        let symbols = arguments.map(Self.bit)
        guard let lengths = match(symbols, parameters.count, anchored: true) else {
            var goodTo = 0
            for count in 1...max(1, parameters.count) where count <= parameters.count {
                guard let prefix = match(symbols, count, anchored: false) else { break }
                goodTo = prefix.reduce(0, +)
            }
            let bad = goodTo < arguments.count ? arguments[goodTo].jsonText : nil
            throw JSONataError("T0410", value: bad, index: goodTo + 1)
        }
        var validated: [Value] = []
        validated.reserveCapacity(arguments.count + 1)
        var argumentIndex = 0
        for (p, parameter) in parameters.enumerated() {
            let length = lengths[p]
            func argument(_ i: Int) -> Value { i < arguments.count ? arguments[i] : .undefined }
            if length == 0 {
                if parameter.usesContext {
                    // The context of a whole array input is that array, not its wrapper.
                    var context = context
                    if case .array(let items, let flags) = context, flags.contains(.outerWrapper), let first = items.first {
                        context = first
                    }
                    guard parameter.accepted & Self.bit(context) != 0 else {
                        throw JSONataError("T0411", value: context.jsonText, index: argumentIndex + 1)
                    }
                    validated.append(context)
                } else {
                    validated.append(argument(argumentIndex))
                    argumentIndex += 1
                }
                continue
            }
            let matched = (argumentIndex..<(argumentIndex + length)).map { Self.symbol(argument($0)) }
            for single in matched {
                var value = argument(argumentIndex)
                if parameter.type == "a" {
                    if single == "m" {
                        value = .undefined
                    } else {
                        if let subtype = parameter.subtype {
                            var ok = true
                            if single != "a" {
                                ok = String(matched) == subtype
                            } else if let items = value.arrayItems, let first = items.first {
                                let itemType = Self.symbol(first)
                                ok = itemType == subtype.first && items.allSatisfy { Self.symbol($0) == itemType }
                            }
                            if !ok {
                                throw JSONataError("T0412", value: value.jsonText, value2: Self.plural(subtype), index: argumentIndex + 1)
                            }
                        }
                        if single != "a" { value = .array([value], []) }
                    }
                }
                validated.append(value)
                argumentIndex += 1
            }
        }
        return validated
    }

    /// Whether each argument is of a type its parameter accepts and every parameter left
    /// without an argument may be left out.
    private func fitsOneEach(_ arguments: [Value]) -> Bool {
        for index in arguments.indices where accepted[index] & Self.bit(arguments[index]) == 0 { return false }
        for index in arguments.count..<parameters.count where !omittable[index] { return false }
        return true
    }

    /// The value an array parameter (`a`, `a<s>`) gets from one argument, or nil when the
    /// subtype check fails (the general match then raises T0412).
    private static func arrayArgument(_ value: Value, _ subtype: String?) -> Value? {
        switch value {
        case .undefined: return value
        case .array(let items, _):
            guard let subtype, let first = items.first else { return value }
            // Items compared by their type bits, not their symbols (Characters compare slowly).
            let itemType = bit(first)
            return symbol(first) == subtype.first && items.allSatisfy({ bit($0) == itemType }) ? value : nil
        default:
            if let subtype, String(symbol(value)) != subtype { return nil }
            return .array([value], [])
        }
    }

    private static func plural(_ subtype: String) -> String {
        switch subtype.first {
        case "a": return "arrays"
        case "b": return "booleans"
        case "f": return "functions"
        case "n": return "numbers"
        case "o": return "objects"
        case "s": return "strings"
        default: return subtype
        }
    }
}
