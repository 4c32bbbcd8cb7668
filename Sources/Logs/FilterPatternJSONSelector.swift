import JSONValue

/// A property selector of a JSON pattern: `$.eventType`, `$.users[0].email`,
/// `$.coordinates[0][1]`, `$.arrayKey[*]`, `$.*` or `$.['cluster.name']`.
///
/// AWS: "Set off property selectors with a dollar sign followed by a period ("$."). Property
/// selectors are alphanumeric strings that support hyphen ("-") and underscore ("_")
/// characters." "If the JSON property contains a period ("."), then the bracket notation may
/// be used to select that property." "You can use the JSON wildcard to select any array
/// element or any JSON object field."
struct JSONSelector: Sendable {
    enum Step: Sendable {
        case member(String)
        case index(Int)
        /// `[*]`: every element of an array.
        case anyElement
        /// `.*`: every member value of an object.
        case anyMember
    }

    let steps: [Step]
    /// The column of the `$`, for errors about the selector as a whole.
    let column: Int

    var wildcardCount: Int {
        steps.filter {
            switch $0 {
            case .anyElement, .anyMember: return true
            case .member, .index: return false
            }
        }.count
    }

    /// Whether `test` holds for at least one value the selector reaches in `root`.
    ///
    /// AWS does not say whether a wildcard means "some" or "every" element; its example
    /// `{ $.arrayKey[*] = %val.{2}% }` "matches the element "value" in the array", i.e. one
    /// element suffices, so a wildcard selector holds when any selected value passes.
    func contains(in root: JSONValue, where test: (JSONValue) -> Bool) -> Bool {
        Self.visit(root, steps[...], test)
    }

    private static func visit(_ value: JSONValue, _ steps: ArraySlice<Step>, _ test: (JSONValue) -> Bool) -> Bool {
        guard let step = steps.first else { return test(value) }
        let rest = steps.dropFirst()
        switch step {
        case .member(let key):
            guard let child = value[key] else { return false }
            return visit(child, rest, test)
        case .index(let position):
            // "If arrayKey is not an array this will be false."
            guard let child = value[position] else { return false }
            return visit(child, rest, test)
        case .anyElement:
            guard case .array(let elements) = value else { return false }
            return elements.contains { visit($0, rest, test) }
        case .anyMember:
            guard case .object(let members) = value else { return false }
            return members.values.contains { visit($0, rest, test) }
        }
    }

    /// Reads a selector starting at its `$`.
    static func parse(_ scanner: inout PatternScanner) throws(FilterPatternError) -> JSONSelector {
        let start = scanner.column
        scanner.advance()
        guard scanner.consume(".") else {
            throw scanner.error("expected '.' after '$'; property selectors start with '$.'")
        }
        var steps: [Step] = [try readAfterDot(&scanner)]
        while true {
            if scanner.consume(".") {
                steps.append(try readAfterDot(&scanner))
            } else if scanner.peek == "[" {
                steps.append(try readBracket(&scanner))
            } else {
                break
            }
        }
        let selector = JSONSelector(steps: steps, column: start)
        // "You can only use up to one wildcard selector in a property selector."
        if selector.wildcardCount > 1 {
            throw scanner.error("a property selector may hold at most one wildcard", column: start)
        }
        return selector
    }

    private static func readAfterDot(_ scanner: inout PatternScanner) throws(FilterPatternError) -> Step {
        switch scanner.peek {
        case "*"?:
            scanner.advance()
            return .anyMember
        case "["?:
            return try readBracket(&scanner)
        default:
            let name = scanner.read { isWordCharacter($0) || $0 == "-" }
            if name.isEmpty {
                throw scanner.error(
                    "expected a property name after '.', found \(patternDescription(of: scanner.peek)); "
                        + "write other names as ['name']")
            }
            return .member(name)
        }
    }

    /// `[0]`, `[*]`, `['name']` or `["name"]`.
    private static func readBracket(_ scanner: inout PatternScanner) throws(FilterPatternError) -> Step {
        let openColumn = scanner.column
        scanner.advance()
        let step: Step
        switch scanner.peek {
        case "*"?:
            scanner.advance()
            step = .anyElement
        case let quote? where quote == "'" || quote == "\"":
            scanner.advance()
            let name = scanner.read { $0 != quote }
            guard scanner.consume(String(quote)) else {
                throw scanner.error("unterminated name in '[...]'; add a closing \(quote)", column: openColumn)
            }
            step = .member(name)
        case let digit? where digit.isASCII && digit.isNumber:
            let digits = scanner.read { $0.isASCII && $0.isNumber }
            guard let position = Int(digits) else { throw scanner.error("array index too large", column: openColumn + 1) }
            step = .index(position)
        default:
            throw scanner.error("expected an index, '*' or a quoted name after '[', found \(patternDescription(of: scanner.peek))")
        }
        guard scanner.consume("]") else {
            throw scanner.error("expected ']' to close the '[' at column \(openColumn), found \(patternDescription(of: scanner.peek))")
        }
        return step
    }
}
