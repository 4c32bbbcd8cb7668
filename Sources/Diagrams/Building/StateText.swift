import JSONValue
import StatesLanguage

/// The words a diagram writes on states and edges.
enum StateText {
    /// Lines longer than this are cut, so that one long rule or list of errors does not
    /// widen the whole drawing: a node's lines, and (shorter) an edge's.
    static let lineLimit = 64
    static let edgeLimit = 56

    /// The line under a state's name: its type and what the type does.
    static func kind(of state: State) -> String {
        switch state.kind {
        case .task(let task): "Task: \(resourceName(task.resource))"
        case .pass: "Pass"
        case .wait(.seconds(let seconds)): "Wait \(text(seconds) { "\($0)" }) s"
        case .wait(.timestamp(let timestamp)): "Wait until \(text(timestamp) { $0.text })"
        case .choice: "Choice"
        case .succeed: "Succeed"
        case .fail(let fail): fail.error.map { "Fail: \(text($0) { $0 })" } ?? "Fail"
        case .parallel(let parallel): "Parallel: \(parallel.branches.count) branch\(parallel.branches.count == 1 ? "" : "es")"
        case .map(let map): map.isDistributed ? "Map (distributed)" : "Map"
        }
    }

    /// The function a Task calls, or the service integration it uses.
    ///
    /// `arn:aws:lambda:REGION:ACCOUNT:function:NAME[:QUALIFIER]` is the function's name;
    /// `arn:aws:states:::SERVICE:ACTION[.pattern]` is `SERVICE:ACTION`.
    static func resourceName(_ resource: String) -> String {
        let parts = resource.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        if parts.count >= 7, parts[2] == "lambda", parts[5] == "function" { return parts[6] }
        if parts.count >= 6, parts[2] == "states" { return short(parts[5...].joined(separator: ":")) }
        return short(resource)
    }

    /// "retry ×2 on TooManyRequestsException": a retrier as the node shows it.
    static func retry(_ retrier: Retrier) -> String {
        short("retry ×\(retrier.maxAttempts) on \(retrier.errorEquals.joined(separator: ", "))")
    }

    /// A catcher's edge label: the errors it handles, one a line.
    static func errors(_ catcher: Catcher) -> String {
        catcher.errorEquals.map { short($0, limit: edgeLimit) }.joined(separator: "\n")
    }

    /// What the execution did in a state, a line a fact; nothing for a state it never entered.
    ///
    /// "ran ×2: 1 succeeded, 1 caught" when it ran more than once ("ran ×2" when every visit
    /// ended alike), then the retries of each
    /// error, the errors caught and the errors it failed with.
    static func path(_ record: StateRecord, of state: State) -> [String] {
        var lines: [String] = []
        if record.entered > 1 {
            let outcomes = [(record.succeeded + record.succeededAfterRetry, "succeeded"), (record.caught, "caught"),
                            (record.failed, "failed"), (record.cancelled, "cancelled"), (record.running, "running")]
            let seen = outcomes.filter { $0.0 > 0 }
            // One outcome every time: the colour says which.
            lines.append(seen.count == 1 ? "ran ×\(record.entered)"
                : "ran ×\(record.entered): " + seen.map { "\($0.0) \($0.1)" }.joined(separator: ", "))
        } else if record.running > 0 {
            lines.append("running")
        } else if record.cancelled > 0 {
            lines.append("cancelled")
        }
        if record.iterations > 0 {
            var line = "\(record.iterations) iteration\(record.iterations == 1 ? "" : "s")"
            if record.failedIterations > 0 { line += ", \(record.failedIterations) failed" }
            lines.append(line)
        }
        for retry in record.retries {
            lines.append(short(retry.error.isEmpty ? "retried ×\(retry.count)" : "retried ×\(retry.count) (\(retry.error))"))
        }
        if record.caught > 0 {
            lines.append(short(record.caughtErrors.isEmpty ? "caught an error" : "caught " + record.caughtErrors.joined(separator: ", ")))
        }
        // A Fail state's node already names its error.
        var ownError: [String]?
        if case .fail(let fail) = state.kind { ownError = fail.error?.value.map { [$0] } }
        if record.failed > 0, record.failedErrors != ownError {
            lines.append(short(record.failedErrors.isEmpty ? "failed" : "failed with " + record.failedErrors.joined(separator: ", ")))
        }
        return lines
    }

    /// A Choice rule's edge label: `$.statuscode == "200"`, `$.delaySeconds is present`.
    static func rule(_ rule: ChoiceRule) -> String { short(text(rule), limit: edgeLimit) }

    private static func text(_ rule: ChoiceRule) -> String {
        switch rule {
        case .and(let rules): rules.map(operand).joined(separator: " and ")
        case .or(let rules): rules.map(operand).joined(separator: " or ")
        case .not(let rule): "not " + operand(rule)
        case .comparison(let comparison): text(comparison)
        case .condition(.jsonata(let expression)): condition(expression)
        case .condition(let condition): text(condition) { "\($0)" }
        }
    }

    /// A JSONata `Condition` as its expression reads: without the `{% %}` around it, and each
    /// run of spaces and line breaks one space, so that a condition written over several lines
    /// labels its edge on one (`$states.input.total > 100`).
    private static func condition(_ expression: String) -> String {
        expression.dropFirst(2).dropLast(2).split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// A rule inside And, Or or Not: in parentheses unless it is a single comparison.
    private static func operand(_ rule: ChoiceRule) -> String {
        if case .comparison = rule { return text(rule) }
        return "(\(text(rule)))"
    }

    private static func text(_ comparison: ChoiceRule.Comparison) -> String {
        let variable = comparison.variable.text
        let value: String = switch comparison.operand {
        case .value(let value): value.compactString()
        case .path(let path): path.text
        }
        let symbol: String
        switch comparison.operator {
        case .stringEquals, .numericEquals, .booleanEquals, .timestampEquals: symbol = "=="
        case .stringLessThan, .numericLessThan, .timestampLessThan: symbol = "<"
        case .stringGreaterThan, .numericGreaterThan, .timestampGreaterThan: symbol = ">"
        case .stringLessThanEquals, .numericLessThanEquals, .timestampLessThanEquals: symbol = "<="
        case .stringGreaterThanEquals, .numericGreaterThanEquals, .timestampGreaterThanEquals: symbol = ">="
        case .stringMatches: symbol = "matches"
        case .isNull, .isPresent, .isNumeric, .isString, .isBoolean, .isTimestamp:
            let test = comparison.operator.rawValue.dropFirst(2).lowercased()
            if case .value(.bool(false)) = comparison.operand { return "\(variable) is not \(test)" }
            return "\(variable) is \(test)"
        }
        return "\(variable) \(symbol) \(value)"
    }

    /// A value written in the definition, a path into the input, or an expression.
    private static func text<Value>(_ dynamic: Dynamic<Value>, _ describe: (Value) -> String) -> String {
        switch dynamic {
        case .value(let value): describe(value)
        case .path(let path): path.text
        case .intrinsic(let call): call.text
        case .jsonata(let expression): expression
        }
    }

    /// `text`, cut to `limit` characters with an ellipsis.
    static func short(_ text: String, limit: Int = lineLimit) -> String {
        text.count <= limit ? text : String(text.prefix(limit - 1)) + "…"
    }
}
