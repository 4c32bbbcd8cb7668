import Foundation
import JSONValue
import StatesLanguage

extension Interpreter {
    /// Pass: its Result, or else its effective input, placed by ResultPath.
    func runPass(_ step: StepContext, _ pass: PassState, path: inout Path) throws -> Step {
        let context = contextObject(step, path: path)
        let result = try pass.result ?? effectiveInput(step, path: path, context: context)
        // A Pass has no Catch: a result over the limit fails the execution (docs/errors.md).
        if let failure = DataLimit.check(result, name: step.state.name) { throw failure }
        return try leave(step, output: output(step, result: result, context: context, selecting: false), path: &path)
    }

    /// Wait: Seconds, Timestamp, SecondsPath or TimestampPath, with AWS's causes for bad
    /// values (docs/errors.md).
    func runWait(_ step: StepContext, _ wait: WaitState, path: inout Path) async throws -> Step {
        let context = contextObject(step, path: path)
        let input = try step.placed { () throws(StatesError) in
            try DataFlow.select(step.state.inputPath.dataFlowPath, isNull: step.state.inputPath.isNull, from: step.input, context: context)
        }
        let seconds: Double
        switch wait {
        case .seconds(.value(let value)):
            seconds = Double(value)
        case .seconds(.path(let reference)):
            guard let value = reference.evaluate(input: input, context: context) else {
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
            guard let value = reference.evaluate(input: input, context: context) else {
                throw step.runtimeError("The TimestampPath parameter does not reference an input value: \(reference.text)")
            }
            guard case .string(let text) = value, let timestamp = Timestamp(text) else {
                throw step.runtimeError("The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format string: \(reference.text) == \(Self.plain(value))")
            }
            seconds = timestamp.date.timeIntervalSince(step.enteredTime)
        default:
            throw step.runtimeError("host does not run JSONata Wait states yet.")
        }
        // A Standard workflow lasts one year at most.
        if seconds > 31_536_000 { throw step.runtimeError("Wait state delay is too long.") }
        // The Wait ends `seconds` after it was entered (a resumed execution keeps that end).
        try await sleep(max(0, seconds), after: step.enteredTime, path: &path)
        let output = try step.placed { () throws(StatesError) in
            try DataFlow.select(step.state.outputPath.dataFlowPath, isNull: step.state.outputPath.isNull, from: input, context: context)
        }
        return try leave(step, output: output, path: &path)
    }

    /// Choice: the first rule that matches, or Default; neither fails with States.Runtime.
    func runChoice(_ step: StepContext, _ choice: ChoiceState, path: inout Path) throws -> Step {
        let context = contextObject(step, path: path)
        let input = try step.placed { () throws(StatesError) in
            try DataFlow.select(step.state.inputPath.dataFlowPath, isNull: step.state.inputPath.isNull, from: step.input, context: context)
        }
        let next = try step.placed { () throws(StatesError) in try choice.evaluate(input: input, context: context) }
        guard let next else {
            throw step.runtimeError("The Choice state did not find a matching rule and has no Default; its input was '\(input.compactString())'.")
        }
        let output = try step.placed { () throws(StatesError) in
            try DataFlow.select(step.state.outputPath.dataFlowPath, isNull: step.state.outputPath.isNull, from: input, context: context)
        }
        return try leave(step, output: output, to: .next(next), path: &path)
    }

    func runSucceed(_ step: StepContext, path: inout Path) throws -> Step {
        let context = contextObject(step, path: path)
        let output = try step.placed { () throws(StatesError) in
            let input = try DataFlow.select(step.state.inputPath.dataFlowPath, isNull: step.state.inputPath.isNull, from: step.input, context: context)
            return try DataFlow.select(step.state.outputPath.dataFlowPath, isNull: step.state.outputPath.isNull, from: input, context: context)
        }
        return try leave(step, output: output, to: .end, path: &path)
    }

    /// Fail: the error it ends with, from Error/ErrorPath and Cause/CausePath.
    func failError(_ step: StepContext, _ fail: FailState, path: Path) throws -> StatesError {
        let context = contextObject(step, path: path)
        func text(_ field: Dynamic<String>?, _ name: String) throws -> String? {
            switch field {
            case nil: return nil
            case .value(let value)?: return value
            case .path(let reference)?:
                guard let value = reference.evaluate(input: step.input, context: context) else {
                    throw step.runtimeError("The JSONPath '\(reference.text)' specified for the field '\(name)' could not be found in the input '\(step.input.compactString())'")
                }
                return Self.plain(value)
            case .intrinsic(let call)?:
                return try step.placed { () throws(StatesError) in Self.plain(try call.evaluate(input: step.input, context: context)) }
            case .jsonata?:
                throw step.runtimeError("host does not run JSONata Fail states yet.")
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
