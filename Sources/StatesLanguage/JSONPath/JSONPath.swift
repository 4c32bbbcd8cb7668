import JSONValue

/// A path as Step Functions reads it in JSONPath states: `$.store.book[0].title` into the
/// state's input, or `$$.Execution.Id` into the context object.
///
/// "Paths follow JsonPath syntax" (Paths, AWS Step Functions Developer Guide), and the
/// JsonPath AWS means is Jayway's (github.com/json-path/JsonPath): `$`, `.name`, `['name']`,
/// `['a','b']`, `[n]` (negative counts from the end), `[a,b]`, `[start:end]`, `[*]`, `.*`,
/// `..name` and filters `[?(@.x > 1)]` with `== != < <= > >= =~ && ||`. Functions such as
/// `length()` are not accepted.
public struct JSONPath: Sendable, Hashable, CustomStringConvertible {
    /// The path as written.
    public let text: String
    /// Where the path starts: the state's input (`$`) or the context object (`$$`).
    let root: Root
    /// The steps after the root, in order.
    let steps: [Step]

    init(text: String, root: Root, steps: [Step]) {
        self.text = text
        self.root = root
        self.steps = steps
    }

    /// Parses a path that starts with `$` (the input) or `$$` (the context object).
    public static func parse(_ text: String) throws(PathSyntaxError) -> JSONPath {
        var parser = JSONPathParser(text)
        return try parser.parsePath()
    }

    /// Whether the path starts with `$$` and so selects from the context object.
    public var isContextPath: Bool { root == .context }

    /// The workflow variable the path reads (`$name.a` reads `name`), if it reads one.
    public var variable: String? {
        if case .variable(let name) = root { return name }
        return nil
    }

    /// "The first character of a variable name must be a Unicode ID_Start character"
    /// (docs/variables.md); `_` is allowed too, as in the recorded `$var_constant_1`.
    static func startsVariableName(_ character: Character) -> Bool {
        character == "_" || character.unicodeScalars.first.map { $0.properties.isIDStart } == true
    }

    /// "the second and subsequent characters must be Unicode ID_Continue characters".
    static func continuesVariableName(_ character: Character) -> Bool {
        character.unicodeScalars.allSatisfy { $0.properties.isIDContinue }
    }

    /// Whether the path is a reference path, which "can identify only a single node":
    /// "You can access object fields using only dot (.) and square bracket ([ ]) notation" and
    /// "The operators @ .. , : ? * aren't supported" (Reference Paths, AWS Developer Guide).
    public var isReferencePath: Bool {
        steps.allSatisfy { step in
            switch step {
            case .property(let names): names.count == 1
            case .index(let indexes): indexes.count == 1
            default: false
            }
        }
    }

    /// Whether the path selects at most one node, so that its value is that node and not an
    /// array of matches.
    ///
    /// Jayway's rule: every step is definite. A single name or index is; a wildcard, slice,
    /// filter, deep scan or index list is not; a list of names is only as the last step,
    /// where Jayway merges the named members into one object (`$['a','b']` is `{"a":…,"b":…}`).
    public var isDefinite: Bool {
        steps.indices.allSatisfy { isStepDefinite(at: $0) }
    }

    /// AWS's value of the path: the node for a definite path, the array of matches otherwise;
    /// nil when a definite path finds nothing.
    public func evaluate(input: JSONValue, context: JSONValue, variables: WorkflowVariables = WorkflowVariables()) -> JSONValue? {
        try? select(input: input, context: context, variables: variables).get()
    }

    /// The value of the path, or why a definite path found nothing, in Jayway's words
    /// (`No results for path: $['a']`), which AWS puts in its error causes.
    func select(input: JSONValue, context: JSONValue, variables: WorkflowVariables = WorkflowVariables()) -> Result<JSONValue, PathMiss> {
        let document: JSONValue
        switch root {
        case .input: document = input
        case .context: document = context
        case .variable(let name):
            // A variable no state has assigned in this scope or around it selects nothing.
            guard let value = variables[name] else {
                return .failure(PathMiss(message: "The variable '$\(name)' has not been assigned"))
            }
            document = value
        }
        var evaluation = PathEvaluation(path: self, document: document)
        do throws(PathMiss) {
            try evaluation.visit(0, document, "$")
        } catch {
            // Recorded on AWS: a wildcard or slice that finds nothing is no error, even when a
            // step before it is missing ("item.$": "$.items[*]" on {} gives {"item": []}).
            return isDefinite ? .failure(error) : .success(.array([]))
        }
        if isDefinite {
            guard let first = evaluation.results.first else {
                return .failure(PathMiss(message: "No results for path: " + normalizedText))
            }
            return .success(first)
        }
        return .success(.array(evaluation.results))
    }

    /// Whether step `index` is definite by itself (see `isDefinite`).
    func isStepDefinite(at index: Int) -> Bool {
        switch steps[index] {
        case .property(let names): names.count == 1 || index == steps.count - 1
        case .index(let indexes): indexes.count == 1
        case .slice, .wildcard, .filter, .scan: false
        }
    }

    /// The path in Jayway's normal form, `$['a'][0][*]`, as its error messages print it.
    var normalizedText: String {
        let start = if case .variable(let name) = root { "$" + name } else { "$" }
        return steps.reduce(start) { $0 + $1.normalizedText }
    }

    public var description: String { text }

    public static func == (lhs: JSONPath, rhs: JSONPath) -> Bool { lhs.text == rhs.text }

    public func hash(into hasher: inout Hasher) { hasher.combine(text) }
}

extension JSONPath {
    /// The document a path starts from.
    enum Root: Sendable, Hashable {
        /// `$`: the state's input (or, inside a filter, the document being filtered).
        case input
        /// `$$`: the context object.
        case context
        /// `$name`: the value of a workflow variable.
        case variable(String)
    }

    /// One step of a path.
    indirect enum Step: Sendable, Hashable {
        /// `.name`, `['name']` or `['a','b']`.
        case property([String])
        /// `[n]` or `[a,b,c]`; negative indexes count from the end.
        case index([Int])
        /// `[from:to]`, `[from:]` or `[:to]`.
        case slice(from: Int?, to: Int?)
        /// `.*` or `[*]`: every member value or element.
        case wildcard
        /// `[?(expression)]`.
        case filter(FilterExpression)
        /// `..`: the next step applies at every depth.
        case scan

        /// The step as Jayway prints it in messages.
        var normalizedText: String {
            switch self {
            case .property(let names): "[" + names.map { "'\($0)'" }.joined(separator: ",") + "]"
            case .index(let indexes): "[" + indexes.map(String.init).joined(separator: ",") + "]"
            case .slice(let from, let to): "[" + (from.map(String.init) ?? "") + ":" + (to.map(String.init) ?? "") + "]"
            case .wildcard: "[*]"
            case .filter: "[?]"
            case .scan: ".."
            }
        }
    }
}

/// Why a path found nothing, in Jayway's words: `Missing property in path $['no']`.
struct PathMiss: Error, Sendable, Equatable {
    var message: String
}

/// A path that does not follow the syntax, with the 1-based column (in characters) of the
/// first character that cannot continue it.
public struct PathSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong, without the column.
    public var message: String
    /// The 1-based column, counted in characters of the text that was parsed.
    public var column: Int
    /// The text is valid, but uses something `host` does not run yet.
    public var isUnsupported: Bool

    public init(message: String, column: Int, isUnsupported: Bool = false) {
        self.message = message
        self.column = column
        self.isUnsupported = isUnsupported
    }

    /// `column 4: expected a name after '.'`.
    public var description: String { "column \(column): \(message)" }
}
