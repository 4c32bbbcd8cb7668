import Foundation
import JSONValue
import StatesLanguage

extension Interpreter {
    /// Pass: its Result, or else its effective input.
    func runPass(_ step: StepContext, _ pass: PassState, _ input: StageInput) throws(StatesError) -> JSONValue {
        let result = pass.result ?? input.effective
        // A Pass has no Catch: a result over the limit fails the execution (docs/errors.md).
        if let failure = DataLimit.check(result, name: step.state.name) { throw failure }
        return result
    }

    /// Wait: Seconds, Timestamp, SecondsPath or TimestampPath, with AWS's causes for bad
    /// values (docs/errors.md).
    func runWait(_ step: StepContext, _ wait: WaitState, _ stage: StageInput, path: inout Path) async throws {
        let (input, context) = (stage.effective, stage.context)
        let seconds: Double
        switch wait {
        case .seconds(.value(let value)):
            seconds = Double(value)
        case .seconds(.path(let reference)):
            guard let value = reference.evaluate(input: input, context: context, variables: stage.variables) else {
                throw step.runtimeError("The SecondsPath parameter does not reference an input value: \(reference.text)")
            }
            guard case .int(let whole) = value else {
                throw step.runtimeError("The SecondsPath parameter cannot be parsed as a long value: \(reference.text) == \(Self.plain(value))")
            }
            guard whole >= 0 else {
                throw step.runtimeError("The SecondsPath parameter references a negative value: \(reference.text) == \(whole)")
            }
            seconds = Double(whole)
        case .timestamp(.value(let timestamp)):
            seconds = timestamp.date.timeIntervalSince(step.enteredTime)
        case .timestamp(.path(let reference)):
            guard let value = reference.evaluate(input: input, context: context, variables: stage.variables) else {
                throw step.runtimeError("The TimestampPath parameter does not reference an input value: \(reference.text)")
            }
            guard case .string(let text) = value, let timestamp = Timestamp(text) else {
                throw step.runtimeError("The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format string: \(reference.text) == \(Self.plain(value))")
            }
            seconds = timestamp.date.timeIntervalSince(step.enteredTime)
        case .seconds(.jsonata(let text)):
            let value = try stage.query!.value(of: text, field: "Seconds")
            guard case .int(let whole) = value else {
                throw QueryScope.unexpectedType(text, field: "Seconds", expected: "integer", value: value)
            }
            guard whole >= 0 else {
                throw QueryFailure(cause: "The Seconds field must not be negative: \(whole)", location: "Seconds")
            }
            seconds = Double(whole)
        case .timestamp(.jsonata(let text)):
            // Recorded on AWS: `The Timestamp field cannot be parsed as an ISO-8601 extended
            // offset date-time format string: 2016-12-05T21:29:29` (no offset).
            let value = try stage.query!.value(of: text, field: "Timestamp")
            guard case .string(let written) = value, let timestamp = Timestamp(written) else {
                throw QueryFailure(cause: "The Timestamp field cannot be parsed as an ISO-8601 extended offset date-time format string: \(Self.plain(value))",
                                   location: "Timestamp")
            }
            seconds = timestamp.date.timeIntervalSince(step.enteredTime)
        case .seconds(.intrinsic), .timestamp(.intrinsic):
            preconditionFailure("Seconds and Timestamp take no intrinsic function")
        }
        // A Standard workflow lasts one year at most.
        if seconds > 31_536_000 { throw step.runtimeError("Wait state delay is too long.") }
        // The Wait ends `seconds` after it was entered (a resumed execution keeps that end).
        try await sleep(max(0, seconds), after: step.enteredTime, path: &path, parkable: true)
    }

    /// Choice: the Next of the first rule that matches (with the rule's index in `Choices`),
    /// or Default; neither fails with States.Runtime.
    func runChoice(_ step: StepContext, _ choice: ChoiceState, _ stage: StageInput) throws -> (String, Int?) {
        let input = stage.effective
        let matched: Int?
        if let scope = stage.query {
            matched = try jsonataMatch(choice, scope)
        } else {
            matched = try step.placed { () throws(StatesError) in try choice.firstMatchIndex(input: input, context: stage.context, variables: stage.variables) }
        }
        if let matched { return (choice.choices[matched].next, matched) }
        guard let next = choice.defaultNext else {
            throw step.runtimeError("The Choice state did not find a matching rule and has no Default; its input was '\(input.compactString())'.")
        }
        return (next, nil)
    }

    /// The index of the first rule of a JSONata Choice whose `Condition` is true; a condition
    /// must give a boolean.
    private func jsonataMatch(_ choice: ChoiceState, _ scope: QueryScope) throws(QueryFailure) -> Int? {
        for (index, rule) in choice.choices.enumerated() {
            switch rule.rule {
            case .condition(.value(let flag)):
                if flag { return index }
            case .condition(.jsonata(let text)):
                let value = try scope.value(of: text, field: "Condition")
                guard case .bool(let flag) = value else {
                    throw QueryScope.unexpectedType(text, field: "Condition", expected: "boolean", value: value)
                }
                if flag { return index }
            default:
                preconditionFailure("a JSONata Choice rule is a Condition")
            }
        }
        return nil
    }

    /// Fail: the error it ends with, from Error/ErrorPath and Cause/CausePath.
    func failError(_ step: StepContext, _ fail: FailState, path: inout Path) throws -> StatesError {
        let context = contextObject(step, path: path)
        func text(_ field: Dynamic<String>?, _ name: String) throws -> String? {
            switch field {
            case nil: return nil
            case .value(let value)?: return value
            case .path(let reference)?:
                guard let value = reference.evaluate(input: step.input, context: context, variables: path.variables) else {
                    throw step.runtimeError("The JSONPath '\(reference.text)' specified for the field '\(name)' could not be found in the input '\(step.input.compactString())'")
                }
                return Self.plain(value)
            case .intrinsic(let call)?:
                return try step.placed { () throws(StatesError) in Self.plain(try call.evaluate(input: step.input, context: context, variables: path.variables)) }
            case .jsonata(let expression)?:
                let field = String(name.dropLast("Path".count))
                let scope = QueryScope(input: step.input, context: step.state.readsContext ? context : nil, variables: path.variables,
                                       now: execution.clock.now)
                let value = try scope.value(of: expression, field: field)
                guard case .string(let text) = value else {
                    throw QueryScope.unexpectedType(expression, field: field, expected: "string", value: value)
                }
                return text
            }
        }
        return StatesError(try text(fail.error, "ErrorPath") ?? "", cause: try text(fail.cause, "CausePath"))
    }

    /// A value as a message shows it: strings without quotes, anything else as JSON.
    static func plain(_ value: JSONValue) -> String {
        if case .string(let s) = value { return s }
        return value.compactString()
    }
}

extension Timestamp {
    var date: Date { Date(timeIntervalSince1970: Double(secondsSince1970) + Double(nanoseconds) / 1e9) }
}
