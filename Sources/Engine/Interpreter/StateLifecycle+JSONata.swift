import Foundation
import JSONValue
import StatesLanguage

/// The JSONata stages of the lifecycle: `Arguments` before the body; `Output` and `Assign`
/// after it, with `$states.result` in Task, Parallel and Map states; a catcher's `Output`
/// and `Assign` with `$states.errorOutput` (*Transforming data with JSONata in Step
/// Functions*, AWS Developer Guide; docs/variables.md).
extension Interpreter {
    /// `Arguments` (Task and Parallel), or else the state's input.
    func jsonataInput(_ step: StepContext, _ scope: QueryScope) throws(QueryFailure) -> JSONValue {
        guard let arguments = step.state.arguments else { return step.input }
        let effective = try scope.evaluate(arguments, field: "Arguments")
        observe(.afterArguments, effective, step)
        return effective
    }

    /// `Output` (a matched Choice rule's, or else the state's own) and `Assign`. Both read the
    /// variables from before the state, and `$states.result` where the state has a result.
    func jsonataOutput(_ step: StepContext, _ stage: StageInput, _ outcome: BodyOutcome) throws(QueryFailure) -> StageOutput {
        guard var scope = stage.query else { preconditionFailure("a JSONata state has a query scope") }
        scope.now = execution.clock.now
        switch step.state.kind {
        case .task, .parallel, .map:
            scope = scope.with("result", outcome.result)
            observe(.result, outcome.result, step)
        default: break
        }
        let (template, assign) = if let rule = outcome.choice { (rule.output, rule.assign) } else { (step.state.output, step.state.assign) }
        let assigned = try assignments(assign, scope)
        let output = try template.map { template throws(QueryFailure) in try scope.evaluate(template, field: "Output") } ?? outcome.result
        return StageOutput(output: output, assigned: assigned)
    }

    /// A catcher's `Output` (by default the error output) and `Assign`.
    func jsonataCatchOutput(_ catcher: Catcher, _ scope: QueryScope) throws(QueryFailure) -> StageOutput {
        let assigned = try assignments(catcher.assign, scope)
        let output = try catcher.output.map { template throws(QueryFailure) in try scope.evaluate(template, field: "Output") }
        return StageOutput(output: output ?? scope.states["errorOutput"] ?? .null, assigned: assigned)
    }

    /// The variables a JSONata `Assign` sets: each member's value, its `{% %}` strings evaluated.
    private func assignments(_ assign: Payload?, _ scope: QueryScope) throws(QueryFailure) -> JSONObject? {
        guard case .jsonata(.object(let members))? = assign else { return nil }
        var values = JSONObject()
        for (name, template) in members { values[name] = try scope.evaluate(template, field: "Assign/\(name)") }
        return values
    }

    /// Records a failed JSONata expression (EvaluationFailed: error, cause, location, state)
    /// and returns the error the state fails with: States.QueryEvaluationError, or, with
    /// `then`, the Map or Parallel failure event that follows it once no retrier takes it.
    func evaluationFailed(_ step: StepContext, _ failure: any Error, path: inout Path, then event: EventType? = nil) throws -> any Error {
        guard let failure = failure as? QueryFailure else { return failure }
        let error = step.queryError(failure.cause)
        try record(.evaluationFailed, &path, [
            "error": .string(error.error), "cause": .string(error.cause ?? ""),
            "location": .string(failure.location), "state": .string(step.state.name),
        ])
        if let event { return ChildrenFailed(error: error, event: event) }
        return error
    }

    /// The query scope of a JSONata state's body; nil in JSONPath states.
    func scope(_ stage: StageInput) -> QueryScope? {
        stage.query.map { var scope = $0; scope.now = execution.clock.now; return scope }
    }
}

extension StepContext {
    /// States.QueryEvaluationError with the state's place, as AWS words it.
    func queryError(_ detail: String) -> StatesError {
        StatesError(ErrorName.queryEvaluationError,
                    cause: "An error occurred while executing the state '\(state.name)' (entered at the event id #\(enteredEventId)). \(detail)")
    }
}
