import JSONValue

/// Turns a pattern's JSON into an `ObjectPattern`, collecting every problem with its place.
///
/// event-ruler, which AWS uses to compile patterns, stops at the first mistake; this parser goes
/// on after one, so a pattern with five mistakes gets five problems. Each message is the reason
/// AWS gives after "Event pattern is not valid. Reason: ".
struct PatternParser {
    /// The parsed text, for line and column; nil when the pattern came as a `JSONValue`.
    let document: JSONDocument?
    /// The problems found so far, in document order.
    private(set) var problems: [EventPatternError.Problem] = []

    init(document: JSONDocument?) {
        self.document = document
    }

    /// The name event-ruler reserves for "Or" between objects.
    static let orKeyword = "$or"

    /// Names that cannot be field names inside `$or` (event-ruler's
    /// `RESERVED_FIELD_NAMES_IN_OR_RELATIONSHIP`): the operators, and names kept for future ones.
    static let namesReservedInsideOr: Set<String> = [
        "exactly", "equals-ignore-case", "prefix", "suffix", "anything-but", "exists", "wildcard",
        "numeric", "cidr", "html", "=", "<", "<=", ">", ">=", "regex", "not-wildcard",
        "not-equals-ignore-case", "date-after", "date-on-or-after", "date-before",
        "date-on-or-before", "in-date-range", "ip-address-in-range", "ip-address-not-in-range",
    ]

    /// Records a problem with the value at `path`; with `atKey`, placed at the member's key
    /// (for a wrong name rather than a wrong value).
    mutating func report(_ message: String, at path: [JSONPathComponent], atKey: Bool = false) {
        var location = atKey ? document?.keyLocation(of: path) : nil
        if location == nil { location = document?.location(of: path) }
        // A missing element (such as an absent numeric operand) is reported where its parent starts.
        var parent = path
        while location == nil, document != nil, !parent.isEmpty {
            parent.removeLast()
            location = document?.location(of: parent)
        }
        problems.append(EventPatternError.Problem(path: path, location: location, message: message))
    }

    /// Parses a whole pattern, which must be a non-empty object.
    mutating func parsePattern(_ value: JSONValue) -> ObjectPattern {
        guard case .object(let members) = value else {
            report("Filter is not an object", at: [])
            return ObjectPattern()
        }
        return parseObject(members, at: [], insideOr: false)
    }

    /// Parses one object level: each member is a nested object, a leaf array, or `$or`.
    mutating func parseObject(_ members: JSONObject, at path: [JSONPathComponent], insideOr: Bool) -> ObjectPattern {
        var pattern = ObjectPattern()
        if members.isEmpty {
            report("Empty objects are not allowed", at: path)
        }
        for (name, value) in members {
            let memberPath = path + [.key(name)]
            if name == Self.orKeyword {
                pattern.anyOf = parseOr(value, at: memberPath)
                continue
            }
            if insideOr && Self.namesReservedInsideOr.contains(name) {
                report("\(name) is Ruler reserved fieldName which cannot be used inside \(Self.orKeyword).", at: memberPath, atKey: true)
                continue
            }
            switch value {
            case .object(let nested):
                pattern.fields.append(FieldRule(name: name, pattern: .object(parseObject(nested, at: memberPath, insideOr: insideOr))))
            case .array(let elements):
                pattern.fields.append(FieldRule(name: name, pattern: .values(parseValues(elements, at: memberPath))))
            default:
                // "Leaf values are arrays": `"source": "aws.states"` is the classic mistake.
                report("\"\(name)\" must be an object or an array", at: memberPath)
            }
        }
        return pattern
    }

    /// Parses `"$or": [{...}, {...}]`: each object is a branch with the fields around it.
    ///
    /// event-ruler's README: the rule must have "$or" "followed with an array", with "2+ objects
    /// in the "$or" array at least", and no field in those objects may use a Ruler keyword.
    mutating func parseOr(_ value: JSONValue, at path: [JSONPathComponent]) -> [ObjectPattern] {
        guard case .array(let elements) = value else {
            report("It must be an Array followed with \(Self.orKeyword).", at: path)
            return []
        }
        var branches: [ObjectPattern] = []
        for (index, element) in elements.enumerated() {
            guard case .object(let members) = element else {
                report("Only JSON object is allowed in array of \(Self.orKeyword) relationship.", at: path + [.index(index)])
                continue
            }
            branches.append(parseObject(members, at: path + [.index(index)], insideOr: true))
        }
        if elements.count < 2 {
            report("There must have at least 2 Objects in \(Self.orKeyword) relationship.", at: path)
        }
        return branches
    }

    /// Parses a leaf array: "The value of each field in an event pattern is an array containing
    /// one or more values". An empty array is rejected.
    mutating func parseValues(_ elements: [JSONValue], at path: [JSONPathComponent]) -> [ValueMatcher] {
        if elements.isEmpty {
            report("Empty arrays are not allowed", at: path)
        }
        var matchers: [ValueMatcher] = []
        for (index, element) in elements.enumerated() {
            let elementPath = path + [.index(index)]
            switch element {
            case .object(let expression):
                if let matcher = parseMatchExpression(expression, at: elementPath) { matchers.append(matcher) }
            case .string(let text):
                matchers.append(.string(text, ip: IPAddress(literal: text)))
            case .int, .double:
                // "If the rule specifies a match to a number, we'll insert matchers for both the
                // literal expression and the ComparableNumber form." (event-ruler) A number out of
                // the numeric range, such as an account number, keeps only its literal form.
                matchers.append(.number(element, comparable: try? ComparableNumber.pattern(element).get()))
            case .bool(let flag):
                matchers.append(.bool(flag))
            case .null:
                matchers.append(.null)
            case .array:
                report("Match value must be String, number, true, false, or null", at: elementPath)
            }
        }
        return matchers
    }

    /// Parses `{"operator": operand}` inside a leaf array.
    mutating func parseMatchExpression(_ expression: JSONObject, at path: [JSONPathComponent]) -> ValueMatcher? {
        guard let (name, operand) = expression.elements.first else {
            report("Match expression name not found", at: path)
            return nil
        }
        let operandPath = path + [.key(name)]
        let matcher: ValueMatcher?
        switch name {
        case "prefix": matcher = parsePrefixOrSuffix(operand, at: operandPath, isPrefix: true)
        case "suffix": matcher = parsePrefixOrSuffix(operand, at: operandPath, isPrefix: false)
        case "equals-ignore-case": matcher = parseEqualsIgnoreCase(operand, at: operandPath)
        case "wildcard": matcher = parseWildcard(operand, at: operandPath)
        case "anything-but": matcher = parseAnythingBut(operand, at: operandPath)
        case "numeric": matcher = parseNumeric(operand, at: operandPath)
        case "cidr": matcher = parseCIDR(operand, at: operandPath)
        case "exists": matcher = parseExists(operand, at: operandPath)
        default:
            // Operator names are case-sensitive: AWS answers `{"EXISTS": true}` with
            // "Unrecognized match type EXISTS".
            report("Unrecognized match type \(name)", at: operandPath, atKey: true)
            return nil
        }
        if expression.count > 1 {
            let extra = expression.keys[1]
            // event-ruler's wording after a numeric or anything-but operand is its numeric one.
            let message = name == "numeric" || name == "anything-but"
                ? "Too many elements in numeric expression" : "Only one key allowed in match expression"
            report(message, at: path + [.key(extra)], atKey: true)
        }
        return matcher
    }
}
