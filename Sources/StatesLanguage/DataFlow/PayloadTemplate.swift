import JSONValue

/// A payload template (`Parameters`, `ResultSelector`, `ItemSelector`, …): JSON whose members
/// with keys ending in `.$` are computed.
///
/// "For key-value pairs where the value is selected using a path, the key name must end in
/// `.$`" (InputPath and Parameters, AWS Developer Guide); the value is a path into the input,
/// a path into the context object ("prepend the path with `$$.`"), or an intrinsic function
/// call. The member appears without the `.$`. Templates nest: objects inside objects and
/// inside arrays are templates too.
public struct PayloadTemplate: Sendable, Equatable {
    let root: Node

    /// A part of a template.
    indirect enum Node: Sendable, Equatable {
        /// A value with nothing computed in it, used as it is.
        case literal(JSONValue)
        case object([Member])
        case array([Node])
    }

    /// One member of an object in a template.
    struct Member: Sendable, Equatable {
        /// The key in the result (for `name.$`, `name`).
        var key: String
        var value: Value
    }

    /// A member's value.
    enum Value: Sendable, Equatable {
        case node(Node)
        /// A computed value; `field` is the key as written (`name.$`), for messages.
        case expression(PayloadExpression, field: String)
    }

    /// Parses a template, reporting every problem into `diagnostics` at its place below `path`
    /// (the template's own path in the definition); nil when there were problems.
    public static func parse(_ value: JSONValue, at path: [JSONPathComponent], diagnostics: inout DiagnosticCollector) -> PayloadTemplate? {
        let before = diagnostics.diagnostics.count
        let root = node(value, at: path, diagnostics: &diagnostics)
        return diagnostics.diagnostics.count == before ? PayloadTemplate(root: root) : nil
    }

    private static func node(_ value: JSONValue, at path: [JSONPathComponent], diagnostics: inout DiagnosticCollector) -> Node {
        switch value {
        case .object(let members):
            var result: [Member] = []
            for (key, member) in members {
                // Made only where it is needed (a nested template, a problem): most members are
                // plain values and valid expressions.
                var memberPath: [JSONPathComponent] { path + [.key(key)] }
                guard key.hasSuffix(".$") else {
                    switch member {
                    case .object, .array: result.append(Member(key: key, value: .node(node(member, at: memberPath, diagnostics: &diagnostics))))
                    default: result.append(Member(key: key, value: .node(.literal(member))))
                    }
                    continue
                }
                // Worded only when there is a problem to report: most templates have none.
                var message: String { "The value for the field '\(key)' must be a valid JSONPath or a valid intrinsic function call" }
                guard case .string(let text) = member else {
                    diagnostics.error("\(message), given as a string (found \(member.typeName))", at: memberPath)
                    continue
                }
                do throws(PathSyntaxError) {
                    let expression = try PayloadExpression.parse(text)
                    result.append(Member(key: String(key.dropLast(2)), value: .expression(expression, field: key)))
                } catch where error.isUnsupported {
                    diagnostics.unsupported("\(error.message) (the field '\(key)': '\(text)')", at: memberPath)
                } catch {
                    diagnostics.error("\(message): \(error.message) (column \(error.column) of '\(text)')", at: memberPath)
                }
            }
            return result.allSatisfy({ if case .node(.literal) = $0.value { true } else { false } })
                ? .literal(value) : .object(result)
        case .array(let elements):
            let nodes = elements.enumerated().map { node($0.element, at: path + [.index($0.offset)], diagnostics: &diagnostics) }
            return nodes.allSatisfy({ if case .literal = $0 { true } else { false } }) ? .literal(value) : .array(nodes)
        default:
            return .literal(value)
        }
    }

    /// Evaluates the template against the effective input and the context object.
    ///
    /// A path that finds nothing fails with `States.Runtime` and AWS's cause, `The JSONPath
    /// '$.no_such_jsonpath' specified for the field 'value.$' could not be found in the input
    /// '<input as compact JSON>'` (docs/errors.md); an intrinsic function that fails, with
    /// its own cause (see `IntrinsicCall`).
    public func evaluate(input: JSONValue, context: JSONValue) throws(StatesError) -> JSONValue {
        try evaluate(input: input, context: context, services: .system)
    }

    /// Evaluates the template, with `services` for `States.MathRandom` and `States.UUID`.
    public func evaluate(input: JSONValue, context: JSONValue, services: IntrinsicServices,
                         variables: WorkflowVariables = WorkflowVariables()) throws(StatesError) -> JSONValue {
        try Self.evaluate(root, input: input, context: context, services: services, variables: variables)
    }

    private static func evaluate(_ node: Node, input: JSONValue, context: JSONValue, services: IntrinsicServices,
                                 variables: WorkflowVariables) throws(StatesError) -> JSONValue {
        switch node {
        case .literal(let value):
            return value
        case .array(let nodes):
            return .array(try nodes.map { node throws(StatesError) in
                try evaluate(node, input: input, context: context, services: services, variables: variables)
            })
        case .object(let members):
            // Keys in the result keep the template's order; should a template hold both `a`
            // and `a.$`, the later one wins (AWS's handling of this is not documented).
            var object = JSONObject()
            for member in members {
                switch member.value {
                case .node(let node):
                    object[member.key] = try evaluate(node, input: input, context: context, services: services, variables: variables)
                case .expression(let expression, let field):
                    object[member.key] = try expression.evaluate(input: input, context: context, field: field, services: services,
                                                                 variables: variables)
                }
            }
            return .object(object)
        }
    }
}
