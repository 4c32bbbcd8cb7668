import JSONValue
import StatesLanguage

extension PathField {
    var dataFlowPath: JSONPath? { path }
    var isNull: Bool { if case .null = self { true } else { false } }
}

/// The JSONPath stages of the lifecycle: InputPath and Parameters before the body;
/// ResultSelector, Assign, ResultPath and OutputPath after it (Input and Output Processing,
/// AWS Developer Guide; docs/variables.md for Assign).
extension Interpreter {
    /// InputPath, then Parameters: the value the state works on.
    func effectiveInput(_ step: StepContext, context: JSONValue, variables: WorkflowVariables) throws(StatesError) -> JSONValue {
        let state = step.state
        return try step.placed { () throws(StatesError) in
            let selected = try DataFlow.select(state.inputPath.dataFlowPath, isNull: state.inputPath.isNull, from: step.input,
                                               context: context, variables: variables)
            observe(.afterInputPath, selected, step)
            let effective = try state.parameters?.evaluate(input: selected, context: context, services: .system, variables: variables) ?? selected
            observe(.afterParameters, effective, step)
            return effective
        }
    }

    /// ResultSelector, ResultPath into the state's raw input, then OutputPath: the state's
    /// output; with the values its `Assign` gives (a Choice rule's when one matched), whose
    /// `$` is the state's result as its body gave it.
    func jsonPathOutput(_ step: StepContext, _ stage: StageInput, _ outcome: BodyOutcome) throws(StatesError) -> StageOutput {
        let state = step.state
        let (result, context, variables) = (outcome.result, stage.context, stage.variables)
        return try step.placed { () throws(StatesError) in
            let assign = outcome.choice.map(\.assign) ?? state.assign
            let assigned = try assignments(assign, input: result, context: context, variables: variables)
            observe(.result, result, step)
            let selected = try state.resultSelector?.evaluate(input: result, context: context, services: .system, variables: variables) ?? result
            observe(.afterResultSelector, selected, step)
            let placed = try DataFlow.applyResultPath(state.resultPath.dataFlowPath, isNull: state.resultPath.isNull,
                                                      result: selected, input: step.input)
            observe(.afterResultPath, placed, step)
            let output = try DataFlow.select(state.outputPath.dataFlowPath, isNull: state.outputPath.isNull, from: placed,
                                             context: context, variables: variables)
            return StageOutput(output: output, assigned: assigned)
        }
    }

    /// A catcher's output: `{"Error", "Cause"}` placed by its ResultPath into the state's raw
    /// input (docs/errors.md), no OutputPath; its `Assign` sees that error output as `$`.
    func jsonPathCatchOutput(_ step: StepContext, error thrown: JSONValue, catcher: Catcher, context: JSONValue,
                             variables: WorkflowVariables) throws(StatesError) -> StageOutput {
        try step.placed { () throws(StatesError) in
            let assigned = try assignments(catcher.assign, input: thrown, context: context, variables: variables)
            let output = try DataFlow.applyResultPath(catcher.resultPath.dataFlowPath, isNull: catcher.resultPath.isNull,
                                                      result: thrown, input: step.input)
            return StageOutput(output: output, assigned: assigned)
        }
    }

    /// The variables a JSONPath `Assign` sets: its template evaluated against `input`, each
    /// member one variable ("varname.$" takes a path, as a Parameters key does).
    private func assignments(_ assign: Payload?, input: JSONValue, context: JSONValue,
                             variables: WorkflowVariables) throws(StatesError) -> JSONObject? {
        guard case .template(let template)? = assign else { return nil }
        guard case .object(let values) = try template.evaluate(input: input, context: context, services: .system, variables: variables)
        else { return nil }
        return values
    }
}
