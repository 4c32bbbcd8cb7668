import JSONValue

/// An Amazon EventBridge event pattern: which events a rule selects.
///
/// "Event patterns have the same structure as the events they match. [...] An event pattern
/// either matches an event or it doesn't." (Amazon EventBridge event patterns) The rules:
///
/// - Leaf values are arrays, and a leaf matches when any element does: `"source": ["aws.ec2",
///   "aws.fargate"]`.
/// - Fields are ANDed; "EventBridge ignores the fields in the event that aren't included in the
///   event pattern".
/// - An array in the event matches when one of its elements does.
/// - Elements are exact values (a string, a number, `true`, `false`, `null`, `""`) or one of the
///   operators `prefix`, `suffix`, `equals-ignore-case`, `wildcard`, `anything-but`, `numeric`,
///   `cidr`, `exists`; `"$or": [{...}, {...}]` offers alternatives at any object level.
///
/// The documentation leaves gaps; there this type follows AWS's engine, event-ruler, and AWS's
/// recorded answers (see the comments where each rule is implemented): a number matches the same
/// number written differently (`300` matches `300.0`), `anything-but` matches `null`, and an empty
/// array in an event counts as no value.
///
/// ```swift
/// let rule = try EventPattern.parse(#"{"source": ["aws.states"], "detail": {"status": ["FAILED"]}}"#)
/// rule.matches(event)  // true for a failed execution's status-change event
/// ```
public struct EventPattern: Sendable, Equatable {
    /// The compiled pattern.
    let root: ObjectPattern

    /// Parses a pattern from JSON text, reporting every problem with its line and column.
    ///
    /// Invalid JSON is one problem at the place the JSON parser stopped.
    public static func parse(_ text: String) throws(EventPatternError) -> EventPattern {
        let document: JSONDocument
        do {
            document = try JSONDocument.parse(text)
        } catch {
            throw EventPatternError(problems: [
                EventPatternError.Problem(path: [], location: error.location, message: error.message)
            ])
        }
        return try EventPattern(document.value, document: document)
    }

    /// Compiles a pattern already parsed; problems carry paths but no line and column.
    public init(_ value: JSONValue) throws(EventPatternError) {
        try self.init(value, document: nil)
    }

    private init(_ value: JSONValue, document: JSONDocument?) throws(EventPatternError) {
        var parser = PatternParser(document: document)
        let root = parser.parsePattern(value)
        guard parser.problems.isEmpty else { throw EventPatternError(problems: parser.problems) }
        self.root = root
    }

    /// Whether `event` matches. An event is a JSON object; any other value matches nothing
    /// (AWS's TestEventPattern rejects it: "Parameter Event is not valid.").
    public func matches(_ event: JSONValue) -> Bool {
        guard case .object = event else { return false }
        return root.matches(event)
    }
}

/// Why an event pattern was rejected: every problem found, each with its place.
///
/// Messages are the reasons AWS gives in `InvalidEventPatternException` ("Event pattern is not
/// valid. Reason: Empty arrays are not allowed"); AWS reports only the first, this reports all.
public struct EventPatternError: Error, Sendable, Equatable, CustomStringConvertible {
    /// One mistake in a pattern.
    public struct Problem: Sendable, Equatable, CustomStringConvertible {
        /// Where in the pattern, as JSON path components (`["detail", "status", 0]`).
        public var path: [JSONPathComponent]
        /// Line and column in the pattern text; nil when the pattern was given as a `JSONValue`.
        public var location: SourceLocation?
        /// What is wrong, in AWS's words.
        public var message: String

        /// Makes a problem at `path` (and `location`, when the pattern came as text).
        public init(path: [JSONPathComponent], location: SourceLocation?, message: String) {
            self.path = path
            self.location = location
            self.message = message
        }

        /// The 1-based line, when known.
        public var line: Int? { location?.line }
        /// The 1-based column in characters, when known.
        public var column: Int? { location?.column }

        /// `$.detail.status[0]`, `$['detail-type']`: the path as a JSONPath.
        public var pathDescription: String { path.jsonPathDescription }

        /// `LINE:COLUMN: message (at $.detail.status)`; without a location, `message (at ...)`.
        public var description: String {
            let place = location.map { "\($0): " } ?? ""
            return "\(place)\(message) (at \(pathDescription))"
        }
    }

    /// The problems, in the order they occur in the pattern (never empty).
    public var problems: [Problem]

    /// Makes an error from its problems.
    public init(problems: [Problem]) {
        self.problems = problems
    }

    /// One `LINE:COLUMN: message (at path)` line per problem.
    public var description: String {
        problems.map(\.description).joined(separator: "\n")
    }

    /// The message AWS would return for this pattern: its first problem, after AWS's preamble.
    public var awsMessage: String {
        "Event pattern is not valid. Reason: " + (problems.first?.message ?? "")
    }
}
