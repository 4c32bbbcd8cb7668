import Engine
import JSONValue
import Synchronization

/// TestState's answer ("TestState", Step Functions API reference): how the state ended and,
/// at DEBUG and TRACE, the values its data flow passed through.
public struct TestStateResult: Sendable {
    public var outcome: StateTestOutcome
    public var inspectionLevel: InspectionLevel
    /// The state's input as the request gave it (AWS's inspection data repeats the text).
    public var input: String
    /// The mocked result's text as the request gave it.
    public var mockedResult: String?
    /// The data flow's intermediate values, as the lifecycle computed them.
    public var stages: [DataFlowStage: JSONValue]
    /// A Map's MaxConcurrency, ToleratedFailureCount and ToleratedFailurePercentage, when
    /// written as numbers.
    public var maxConcurrency: Int?
    public var toleratedFailureCount: Int?
    public var toleratedFailurePercentage: Double?

    /// The answer's JSON, members in the order of the API's shapes (as the aws CLI prints them):
    /// `output` (JSON text), `error`, `cause`, `inspectionData`, `nextState`, `status`.
    public var json: JSONValue {
        var object: JSONObject = [:]
        if let output = outcome.output { object["output"] = .string(text(of: output)) }
        if let error = outcome.error { object["error"] = .string(error) }
        if let cause = outcome.cause { object["cause"] = .string(cause) }
        if inspectionLevel != .info { object["inspectionData"] = .object(inspectionData) }
        if let next = outcome.nextState { object["nextState"] = .string(next) }
        object["status"] = .string(outcome.status.rawValue)
        return .object(object)
    }

    /// The output as JSON text. A value that left the state as it came in keeps the text it came
    /// in: AWS answers a Choice's `{"number": 2}` with `{"number": 2}` (Developer Guide,
    /// "Testing a state using AWS CLI", Example 1) and a mocked Map's `[1, 1, 1]` with
    /// `[1, 1, 1]` (recorded, docs/testing.md); any other value is written compactly.
    private func text(of output: JSONValue) -> String {
        for given in [input, mockedResult] {
            if let given, (try? JSONValue.parse(given)) == output { return given }
        }
        return output.compactString()
    }

    /// "InspectionData": each value as JSON text, members in the shape's order. TRACE adds
    /// `request` and `response` only for an HTTP Task, which host does not run.
    var inspectionData: JSONObject {
        var data: JSONObject = ["input": .string(input)]
        for stage in [DataFlowStage.afterArguments, .afterInputPath, .afterParameters, .result, .afterResultSelector, .afterResultPath] {
            if let value = stages[stage] { data[stage.rawValue] = .string(value.compactString()) }
        }
        if !outcome.variables.isEmpty {
            let variables = JSONObject(uniqueKeysWithValues: outcome.variables.sorted { $0.key < $1.key })
            data["variables"] = .string(JSONValue.object(variables).compactString())
        }
        var details: JSONObject = [:]
        // In the order of the API's InspectionErrorDetails shape, as the aws CLI prints them.
        if let index = outcome.catchIndex { details["catchIndex"] = .int(Int64(index)) }
        if let index = outcome.retryIndex { details["retryIndex"] = .int(Int64(index)) }
        if let seconds = outcome.retryBackoffIntervalSeconds { details["retryBackoffIntervalSeconds"] = .int(Int64(seconds)) }
        if !details.isEmpty { data["errorDetails"] = .object(details) }
        for stage in [DataFlowStage.afterItemsPath, .afterItemSelector] {
            if let value = stages[stage] { data[stage.rawValue] = .string(value.compactString()) }
        }
        if let count = toleratedFailureCount { data["toleratedFailureCount"] = .int(Int64(count)) }
        if let percentage = toleratedFailurePercentage { data["toleratedFailurePercentage"] = .double(percentage) }
        if let limit = maxConcurrency { data["maxConcurrency"] = .int(Int64(limit)) }
        return data
    }
}

/// Keeps the values of one state's data flow as the lifecycle hands them over.
final class StageRecorder: StageObserver {
    private let state: String
    private let values = Mutex<[DataFlowStage: JSONValue]>([:])

    init(state: String) { self.state = state }

    func observe(_ stage: DataFlowStage, _ value: JSONValue, state: String) {
        guard state == self.state else { return }
        values.withLock { $0[stage] = value }
    }

    var stages: [DataFlowStage: JSONValue] { values.withLock { $0 } }
}
