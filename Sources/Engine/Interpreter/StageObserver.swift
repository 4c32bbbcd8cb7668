import JSONValue

/// The values a state's input and output processing passes through, named as TestState's
/// inspection data names them ("InspectionData", Step Functions API reference).
public enum DataFlowStage: String, Sendable, CaseIterable {
    /// The input after InputPath (JSONPath states).
    case afterInputPath
    /// The effective input after Parameters (JSONPath states).
    case afterParameters
    /// The effective input after Arguments (JSONata states).
    case afterArguments
    /// What the state's work returned.
    case result
    /// The result after ResultSelector (JSONPath states).
    case afterResultSelector
    /// The state's input with the result placed by ResultPath (JSONPath states).
    case afterResultPath
    /// A Map's items, as its ItemsPath selected them (JSONPath states).
    case afterItemsPath
    /// A Map's items once its ItemSelector made each one's input.
    case afterItemSelector
}

/// Sees the intermediate values of a state's data flow as the lifecycle computes them. An
/// execution has one only when something asks for them (TestState's DEBUG and TRACE levels);
/// without one the lifecycle does no extra work.
public protocol StageObserver: Sendable {
    func observe(_ stage: DataFlowStage, _ value: JSONValue, state: String)
}

extension Interpreter {
    /// Hands `value` to the execution's stage observer, if it has one.
    func observe(_ stage: DataFlowStage, _ value: JSONValue, _ step: StepContext) {
        execution.stageObserver?.observe(stage, value, state: step.state.name)
    }
}
