import Foundation
import JSONata
import JSONValue
import Synchronization

/// A JSONata field that could not be evaluated: AWS's cause (without the engine's "An error
/// occurred while executing the state ..." prefix) and where, `Output/result` (docs/variables.md).
public struct QueryFailure: Error, Sendable {
    public var cause: String
    /// The field, then each member on the way, joined by `/`.
    public var location: String

    public init(cause: String, location: String) {
        self.cause = cause
        self.location = location
    }
}

/// What a JSONata state's expressions see: `$states` and the workflow variables, the time
/// (`$now()`, `$millis()`) and AWS's added functions.
public struct QueryScope: Sendable {
    /// `$states`: `input` and `context` everywhere, `result` or `errorOutput` where AWS gives them.
    public var states: JSONObject
    /// The variables as they were when the state was entered.
    public var variables: WorkflowVariables
    /// What `$now()` and `$millis()` return: the execution's clock.
    public var now: Date

    /// `context` is nil for a state none of whose fields reads it (`State.readsContext`):
    /// `$states` then has no `context`, which none of its expressions can tell.
    public init(input: JSONValue, context: JSONValue?, variables: WorkflowVariables, now: Date) {
        states = ["input": input]
        if let context { states["context"] = context }
        self.variables = variables
        self.now = now
    }

    /// This scope with `$states.<name>` set.
    public func with(_ name: String, _ value: JSONValue) -> QueryScope {
        var copy = self
        copy.states[name] = value
        return copy
    }

    /// Evaluates a JSONata template: a string `{% ... %}` is an expression, arrays and objects
    /// are evaluated member by member, anything else is itself. A member whose expression
    /// gives nothing fails, as AWS fails it: JSON has no undefined.
    public func evaluate(_ template: JSONValue, field: String) throws(QueryFailure) -> JSONValue {
        var environment: JSONataEnvironment?
        return try evaluate(template, field: { field }, &environment)
    }

    /// The template walk. The environment is made at the first expression and serves the
    /// others; a member's field name (`Output/items/0`) is written out only when it fails.
    private func evaluate(_ template: JSONValue, field: () -> String, _ environment: inout JSONataEnvironment?) throws(QueryFailure) -> JSONValue {
        switch template {
        case .string(let text) where text.isJSONataExpression:
            return try value(of: text, field: field, &environment)
        case .array(let elements):
            var values: [JSONValue] = []
            values.reserveCapacity(elements.count)
            for (index, element) in elements.enumerated() {
                values.append(try evaluate(element, field: { "\(field())/\(index)" }, &environment))
            }
            return .array(values)
        case .object(let members):
            var values = JSONObject(minimumCapacity: members.count)
            for (key, member) in members { values[key] = try evaluate(member, field: { "\(field())/\(key)" }, &environment) }
            return .object(values)
        default:
            return template
        }
    }

    /// The value of one `{% ... %}` string; nothing (undefined) and a function fail, in AWS's
    /// recorded words.
    public func value(of text: String, field: String) throws(QueryFailure) -> JSONValue {
        var environment: JSONataEnvironment?
        return try value(of: text, field: { field }, &environment)
    }

    private func value(of text: String, field: () -> String, _ environment: inout JSONataEnvironment?) throws(QueryFailure) -> JSONValue {
        switch try result(of: text, field: field, &environment) {
        case .value(let value):
            return value
        case .undefined:
            throw QueryFailure(cause: "The JSONata expression '\(Self.body(text))' specified for the field '\(field())' returned nothing (undefined).",
                               location: field())
        case .function:
            throw QueryFailure(cause: "The JSONata expression '\(Self.body(text))' specified for the field '\(field())' returned an unsupported result type.",
                               location: field())
        }
    }

    /// What one `{% ... %}` string gives.
    func result(of text: String, field: String) throws(QueryFailure) -> JSONataResult {
        var environment: JSONataEnvironment?
        return try result(of: text, field: { field }, &environment)
    }

    private func result(of text: String, field: () -> String, _ environment: inout JSONataEnvironment?) throws(QueryFailure) -> JSONataResult {
        do throws(JSONataError) {
            let expression = try Self.compiled(text)
            let ready = environment ?? makeEnvironment()
            environment = ready
            return try expression.evaluateResult(nil, in: ready)
        } catch {
            throw QueryFailure(cause: "The JSONata expression '\(Self.body(text))' specified for the field '\(field())' threw an error during evaluation. \(error.code): \(error.message)",
                               location: field())
        }
    }

    /// `$states`, the variables and AWS's functions, made ready for the state's expressions.
    private func makeEnvironment() -> JSONataEnvironment {
        var bindings = variables.all
        bindings["states"] = .object(states)
        return JSONataEnvironment(JSONataContext(bindings: bindings, functions: StepFunctionsFunctions.all,
                                                 now: Int64((now.timeIntervalSince1970 * 1000).rounded(.down))))
    }

    /// A value of the wrong type for its field: `Expected 'array', but was 'number' for value: 1`
    /// (recorded on AWS for a Map's `Items`).
    public static func unexpectedType(_ text: String, field: String, expected: String, value: JSONValue) -> QueryFailure {
        QueryFailure(cause: "The JSONata expression '\(body(text))' specified for the field '\(field)' returned an unexpected result type. Expected '\(expected)', but was '\(typeName(value))' for value: \(value.compactString())",
                     location: field)
    }

    /// JSONata's name of a value's type, as AWS's causes write it.
    public static func typeName(_ value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case .bool: "boolean"
        case .int, .double: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }

    /// The expression inside `{% %}`, without the spaces around it, as AWS's causes quote it.
    public static func body(_ text: String) -> String {
        String(text.dropFirst(2).dropLast(2)).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Step Functions' JSONata is 2.0.6, without `??` and `?:` (docs/jsonata.md).
    static func compile(_ source: String) throws(JSONataError) -> JSONataExpression {
        try JSONataExpression(source, newerOperators: false)
    }

    /// Expressions compiled once per `{% ... %}` string: a definition's expressions run many
    /// times.
    private static let cache = Mutex<[String: JSONataExpression]>([:])

    private static func compiled(_ text: String) throws(JSONataError) -> JSONataExpression {
        if let expression = cache.withLock({ $0[text] }) { return expression }
        let expression = try compile(body(text))
        cache.withLock { cache in
            if cache.count > 10_000 { cache.removeAll() }
            cache[text] = expression
        }
        return expression
    }
}
