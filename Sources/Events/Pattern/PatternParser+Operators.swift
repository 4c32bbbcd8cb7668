import JSONValue

// The string, existence and address operators. Messages are event-ruler's, which AWS returns as
// the reason of InvalidEventPatternException (e.g. "prefix match pattern must be a string").

extension PatternParser {
    /// `{"prefix": "us-"}`, `{"prefix": {"equals-ignore-case": "EventB"}}` and the same for suffix.
    ///
    /// "You can match an event depending on the prefix of a value in the event source. You can use
    /// prefix matching for string values." "You can also match a prefix value regardless of the
    /// casing of the characters a value begins with, using equals-ignore-case in conjunction with
    /// prefix." (Content filtering in Amazon EventBridge event patterns; suffix alike)
    mutating func parsePrefixOrSuffix(_ operand: JSONValue, at path: [JSONPathComponent], isPrefix: Bool) -> ValueMatcher? {
        let kind = isPrefix ? "prefix" : "suffix"
        let make = { (text: String, ignoringCase: Bool) -> ValueMatcher in
            isPrefix ? .prefix(text, ignoringCase: ignoringCase) : .suffix(text, ignoringCase: ignoringCase)
        }
        switch operand {
        case .string(let text):
            return make(text, false)
        case .object(let inner):
            guard let (name, value) = inner.elements.first else {
                report("\(isPrefix ? "Prefix" : "Suffix") expression name not found", at: path)
                return nil
            }
            guard name == "equals-ignore-case" else {
                report("Unsupported \(kind) pattern: \(name)", at: path + [.key(name)], atKey: true)
                return nil
            }
            guard case .string(let text) = value else {
                report("equals-ignore-case match pattern must be a string", at: path + [.key(name)])
                return nil
            }
            if inner.count > 1 {
                report("Only one key allowed in match expression", at: path + [.key(inner.keys[1])], atKey: true)
            }
            return make(text, true)
        default:
            report("\(kind) match pattern must be a string", at: path)
            return nil
        }
    }

    /// `{"equals-ignore-case": "alice"}`: "Name is "Alice"" whatever its casing. A string only;
    /// AWS rejects `{"equals-ignore-case": ["x"]}` and `{"equals-ignore-case": {"prefix": "x"}}`.
    mutating func parseEqualsIgnoreCase(_ operand: JSONValue, at path: [JSONPathComponent]) -> ValueMatcher? {
        guard case .string(let text) = operand else {
            report("equals-ignore-case match pattern must be a string", at: path)
            return nil
        }
        return .equalsIgnoringCase(text)
    }

    /// `{"wildcard": "dir/*.png"}`: "consecutive wildcard characters are not allowed", and a
    /// backslash may only escape `*` or another backslash (event-ruler README).
    mutating func parseWildcard(_ operand: JSONValue, at path: [JSONPathComponent]) -> ValueMatcher? {
        guard case .string(let text) = operand else {
            report("wildcard match pattern must be a string", at: path)
            return nil
        }
        switch WildcardPattern.parse(text) {
        case .success(let pattern): return .wildcard(pattern)
        case .failure(let problem):
            report(problem.message, at: path)
            return nil
        }
    }

    /// `{"exists": true}` / `{"exists": false}`: "Exists matching works on the presence or absence
    /// of a field in the JSON of the event." The operand must be a boolean.
    mutating func parseExists(_ operand: JSONValue, at path: [JSONPathComponent]) -> ValueMatcher? {
        guard case .bool(let flag) = operand else {
            report("exists match pattern must be either true or false.", at: path)
            return nil
        }
        return .exists(flag)
    }

    /// `{"cidr": "10.0.0.0/24"}`: "You can use IP address matching for IPv4 and IPv6 addresses."
    /// AWS answers a non-string operand with event-ruler's "prefix match pattern must be a string".
    mutating func parseCIDR(_ operand: JSONValue, at path: [JSONPathComponent]) -> ValueMatcher? {
        guard case .string(let text) = operand else {
            report("prefix match pattern must be a string", at: path)
            return nil
        }
        switch IPAddressRange.parseCIDR(text) {
        case .success(let range): return .cidr(range)
        case .failure(let problem):
            report(problem.message, at: path)
            return nil
        }
    }

    /// `{"anything-but": ...}` in all its forms:
    /// - a string or a number, or "lists that contain only strings, or only numbers";
    /// - `{"prefix": ...}`, `{"suffix": ...}`, `{"equals-ignore-case": ...}`, `{"wildcard": ...}`,
    ///   each with a string or a list of strings.
    mutating func parseAnythingBut(_ operand: JSONValue, at path: [JSONPathComponent]) -> ValueMatcher? {
        guard case .object(let inner) = operand else {
            return parsePlainAnythingBut(operand, at: path).map { .anythingBut($0) }
        }
        guard let (name, value) = inner.elements.first else {
            report("Anything-But expression name not found", at: path)
            return nil
        }
        guard ["prefix", "suffix", "equals-ignore-case", "wildcard"].contains(name) else {
            report("Unsupported anything-but pattern: \(name)", at: path + [.key(name)], atKey: true)
            return nil
        }
        if inner.count > 1 {
            report("Too many elements in numeric expression", at: path + [.key(inner.keys[1])], atKey: true)
        }
        let valuePath = path + [.key(name)]
        let strings: [(String, [JSONPathComponent])]
        switch value {
        case .array(let elements):
            var collected: [(String, [JSONPathComponent])] = []
            for (index, element) in elements.enumerated() {
                guard case .string(let text) = element else {
                    report(Self.anythingButStringMessage(name), at: valuePath + [.index(index)])
                    continue
                }
                collected.append((text, valuePath + [.index(index)]))
            }
            strings = collected
        case .string(let text):
            strings = [(text, valuePath)]
        case .int, .double:
            report(Self.anythingButStringMessage(name), at: valuePath)
            return nil
        default:
            report("Value of anything-but must be an array or single string/number value.", at: valuePath)
            return nil
        }
        return parseAnythingButSet(name, strings)
    }

    /// The set form once its strings are known: checks each and builds the matcher.
    private mutating func parseAnythingButSet(_ name: String, _ strings: [(String, [JSONPathComponent])]) -> ValueMatcher? {
        if name == "prefix" || name == "suffix" {
            for (text, path) in strings where text.isEmpty {
                report("Null prefix/suffix not allowed", at: path)
            }
        }
        let texts = strings.map(\.0)
        switch name {
        case "prefix": return .anythingBut(.prefixes(texts))
        case "suffix": return .anythingBut(.suffixes(texts))
        case "equals-ignore-case": return .anythingBut(.ignoringCase(texts))
        default:
            var patterns: [WildcardPattern] = []
            for (text, path) in strings {
                switch WildcardPattern.parse(text) {
                case .success(let pattern): patterns.append(pattern)
                case .failure(let problem): report(problem.message, at: path)
                }
            }
            return .anythingBut(.wildcards(patterns))
        }
    }

    /// event-ruler's message for a non-string inside `anything-but`'s `name` form.
    private static func anythingButStringMessage(_ name: String) -> String {
        switch name {
        case "equals-ignore-case": return "Inside anything-but/equals-ignore-case list, number|start|null|boolean is not supported."
        case "wildcard": return "wildcard match pattern must be a string"
        default: return "prefix/suffix match pattern must be a string"
        }
    }

    /// `"anything-but": "x" | 1 | ["x", "y"] | [1, 2]`.
    private mutating func parsePlainAnythingBut(_ operand: JSONValue, at path: [JSONPathComponent]) -> AnythingBut? {
        switch operand {
        case .string(let text):
            return .strings([text])
        case .int, .double:
            return comparable(operand, at: path).map { .numbers([$0]) }
        case .array(let elements):
            var strings: [String] = []
            var numbers: [Int64] = []
            var valid = true
            for (index, element) in elements.enumerated() {
                switch element {
                case .string(let text): strings.append(text)
                case .int, .double:
                    if let number = comparable(element, at: path + [.index(index)]) { numbers.append(number) } else { valid = false }
                default:
                    report("Inside anything but list, start|null|boolean is not supported.", at: path + [.index(index)])
                    valid = false
                }
            }
            // "You can use anything-but matching with strings and numeric values, including lists
            // that contain only strings, or only numbers."
            if strings.isEmpty == numbers.isEmpty && (valid || elements.isEmpty) {
                report("Inside anything but list, either all values are number or string, mixed type is not supported", at: path)
                return nil
            }
            return valid ? (numbers.isEmpty ? .strings(strings) : .numbers(numbers)) : nil
        default:
            report("Value of anything-but must be an array or single string/number value.", at: path)
            return nil
        }
    }
}
