import Clocks
import Foundation
import JSONValue

/// One event of an execution's history, in the shape GetExecutionHistory returns:
/// `{timestamp, type, id, previousEventId, <detailsKey>: {...}}`.
public struct HistoryEvent: Sendable, Equatable {
    public var id: Int
    /// The event that led to this one; 0 for ExecutionStarted and the first state entered.
    public var previousEventId: Int
    public var timestamp: Date
    public var type: EventType
    /// The details, kept as the engine recorded them (`EventDetails`).
    var storedDetails: EventDetails

    /// The details member's object (`stateEnteredEventDetails`, ...); nil for an event without one.
    public var details: JSONObject? {
        get { storedDetails.object }
        set { storedDetails = EventDetails(newValue) }
    }

    /// `details` as compact JSON text, as the store keeps it; the same text as serializing
    /// `details`, without building it first.
    public var detailsText: String? { storedDetails.text }

    public init(id: Int, previousEventId: Int, timestamp: Date, type: EventType, details: JSONObject?) {
        self.init(id: id, previousEventId: previousEventId, timestamp: timestamp, type: type, storedDetails: EventDetails(details))
    }

    init(id: Int, previousEventId: Int, timestamp: Date, type: EventType, storedDetails: EventDetails) {
        self.id = id
        self.previousEventId = previousEventId
        self.timestamp = timestamp
        self.type = type
        self.storedDetails = storedDetails
    }

    /// Events are equal when everything GetExecutionHistory shows of them is.
    public static func == (a: HistoryEvent, b: HistoryEvent) -> Bool {
        a.id == b.id && a.previousEventId == b.previousEventId && a.timestamp == b.timestamp && a.type == b.type
            && a.details == b.details
    }

    /// The event as GetExecutionHistory returns it; `timestamp` in epoch seconds with
    /// milliseconds, as the AWS CLI prints it.
    public var json: JSONValue {
        var object: JSONObject = [
            "timestamp": .double(timestamp.epochSeconds),
            "type": .string(type.rawValue),
            "id": .int(Int64(id)),
            "previousEventId": .int(Int64(previousEventId)),
        ]
        if let details, let key = type.detailsKey { object[key] = .object(details) }
        return .object(object)
    }
}

/// The history event types `host` records (AWS's names).
public enum EventType: String, Sendable, CaseIterable {
    case executionStarted = "ExecutionStarted"
    case executionSucceeded = "ExecutionSucceeded"
    case executionFailed = "ExecutionFailed"
    case executionTimedOut = "ExecutionTimedOut"
    case executionAborted = "ExecutionAborted"

    case taskStateEntered = "TaskStateEntered", taskStateExited = "TaskStateExited"
    case taskStateAborted = "TaskStateAborted"
    case passStateEntered = "PassStateEntered", passStateExited = "PassStateExited"
    case waitStateEntered = "WaitStateEntered", waitStateExited = "WaitStateExited"
    case choiceStateEntered = "ChoiceStateEntered", choiceStateExited = "ChoiceStateExited"
    case succeedStateEntered = "SucceedStateEntered", succeedStateExited = "SucceedStateExited"
    case failStateEntered = "FailStateEntered"
    case parallelStateEntered = "ParallelStateEntered", parallelStateExited = "ParallelStateExited"
    case parallelStateStarted = "ParallelStateStarted"
    case parallelStateSucceeded = "ParallelStateSucceeded", parallelStateFailed = "ParallelStateFailed"
    case parallelStateAborted = "ParallelStateAborted"
    case mapStateEntered = "MapStateEntered", mapStateExited = "MapStateExited"
    case mapStateStarted = "MapStateStarted"
    case mapStateSucceeded = "MapStateSucceeded", mapStateFailed = "MapStateFailed"
    case mapStateAborted = "MapStateAborted"
    case mapIterationStarted = "MapIterationStarted", mapIterationSucceeded = "MapIterationSucceeded"
    case mapIterationFailed = "MapIterationFailed", mapIterationAborted = "MapIterationAborted"
    /// A Distributed Map's Map Run (docs/distributed-map.md).
    case mapRunStarted = "MapRunStarted", mapRunSucceeded = "MapRunSucceeded"
    case mapRunFailed = "MapRunFailed", mapRunAborted = "MapRunAborted"

    case lambdaFunctionScheduled = "LambdaFunctionScheduled"
    case lambdaFunctionStarted = "LambdaFunctionStarted"
    case lambdaFunctionSucceeded = "LambdaFunctionSucceeded"
    case lambdaFunctionFailed = "LambdaFunctionFailed"
    case lambdaFunctionTimedOut = "LambdaFunctionTimedOut"
    case lambdaFunctionScheduleFailed = "LambdaFunctionScheduleFailed"
    case lambdaFunctionStartFailed = "LambdaFunctionStartFailed"

    case taskScheduled = "TaskScheduled"
    case taskStarted = "TaskStarted"
    case taskSubmitted = "TaskSubmitted"
    case taskSucceeded = "TaskSucceeded"
    case taskFailed = "TaskFailed"
    case taskTimedOut = "TaskTimedOut"

    /// A JSONata expression of a state failed (States.QueryEvaluationError), before the state
    /// fails with it.
    case evaluationFailed = "EvaluationFailed"

    /// The member that holds the details. StateEntered/Exited of every state type share
    /// `stateEnteredEventDetails` / `stateExitedEventDetails`; the others are named after
    /// their type, camel-cased.
    public var detailsKey: String? {
        let name = rawValue
        if name.hasSuffix("StateEntered") { return "stateEnteredEventDetails" }
        if name.hasSuffix("StateExited") { return "stateExitedEventDetails" }
        switch self {
        case .lambdaFunctionStarted, .taskStateAborted, .parallelStateStarted, .parallelStateSucceeded, .parallelStateFailed,
             .parallelStateAborted, .mapStateSucceeded, .mapStateFailed, .mapStateAborted, .mapRunSucceeded, .mapRunAborted:
            return nil
        default:
            return name.prefix(1).lowercased() + name.dropFirst() + "EventDetails"
        }
    }
}
