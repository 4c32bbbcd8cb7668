import Foundation
import JSONValue
import StatesLanguage

/// What TestState puts in place of a state's work ("MockInput", Step Functions API reference):
/// the result it returns, or the error it fails with. The state's input and output processing,
/// Retry and Catch run as they would around real work.
public struct MockedWork: Sendable {
    public enum Answer: Sendable {
        case result(JSONValue)
        case error(StatesError)
    }

    public var answer: Answer
    /// A Map's failed iterations ("mapIterationFailureCount"), held against its
    /// ToleratedFailureCount and ToleratedFailurePercentage.
    public var mapIterationFailureCount: Int?
    /// What a Map's ItemReader would have read ("mapItemReaderData"), as the object's text: its
    /// items, read by the reader's InputType, stand for those of the bucket.
    public var mapItemReaderData: String?

    public init(_ answer: Answer, mapIterationFailureCount: Int? = nil, mapItemReaderData: String? = nil) {
        self.answer = answer
        self.mapIterationFailureCount = mapIterationFailureCount
        self.mapItemReaderData = mapItemReaderData
    }
}

/// One state to test, and what it starts from (TestState's request, already checked).
public struct StateTestSetup: Sendable {
    public var state: State
    public var input: JSONValue
    /// The workflow variables the state sees ("variables").
    public var variables: JSONObject
    /// Members of the context object that replace the execution's ("context").
    public var context: JSONObject?
    /// The state's work replaced; nil to do it (a Task calls its function).
    public var mock: MockedWork?
    /// The retries already made by the retrier that takes the error ("retrierRetryCount").
    public var retrierRetryCount: Int
    /// `$$.Map.Item` for a state inside a Map's item processor.
    public var mapItem: JSONValue?

    public init(state: State, input: JSONValue, variables: JSONObject, context: JSONObject? = nil, mock: MockedWork? = nil,
                retrierRetryCount: Int = 0, mapItem: JSONValue? = nil) {
        self.state = state
        self.input = input
        self.variables = variables
        self.context = context
        self.mock = mock
        self.retrierRetryCount = retrierRetryCount
        self.mapItem = mapItem
    }
}

/// How the tested state ended, in TestState's terms ("TestState", Step Functions API reference).
public struct StateTestOutcome: Sendable {
    /// "The execution status of the state."
    public enum Status: String, Sendable {
        /// The state completed; `nextState` is where it goes (nil when it ends the workflow).
        case succeeded = "SUCCEEDED"
        /// The state failed, and neither a retrier nor a catcher takes its error.
        case failed = "FAILED"
        /// The state failed and a retrier would run it again.
        case retriable = "RETRIABLE"
        /// The state failed and a catcher takes it to `nextState`.
        case caughtError = "CAUGHT_ERROR"
    }

    public var status: Status
    /// The state's output (a catcher's, for CAUGHT_ERROR); nil when it has none.
    public var output: JSONValue?
    public var error: String?
    public var cause: String?
    public var nextState: String?
    /// For RETRIABLE: the retrier that takes the error, and its interval before the retry.
    public var retryIndex: Int?
    public var retryBackoffIntervalSeconds: Int?
    /// For CAUGHT_ERROR: the catcher that takes the error.
    public var catchIndex: Int?
    /// The workflow variables once the state has run.
    public var variables: [String: JSONValue]
}

extension Execution {
    /// Runs one state once through the lifecycle every state shares, as TestState does: its
    /// input processing, its work (or `mock`), its output processing; an error goes to its
    /// Retry and Catch, which are decided but not carried out beyond the catcher's output.
    public func testState(_ setup: StateTestSetup) async -> StateTestOutcome {
        clock.enter()
        defer { clock.leave() }
        return await Interpreter(execution: self).test(setup)
    }
}

extension Interpreter {
    func test(_ setup: StateTestSetup) async -> StateTestOutcome {
        let state = setup.state
        var variables = WorkflowVariables()
        variables.assign(setup.variables)
        var path = Path(lastEventId: 0, mapItem: setup.mapItem.map(MapItem.given), variables: variables, contextOverrides: setup.context)
        let retries = state.type == .task || state.type == .parallel || state.type == .map
        var step: StepContext?
        do {
            let entered = try recordEvent(state.type.enteredEvent, &path, [
                "name": .string(state.name), "input": .string(setup.input.compactString()), "inputDetails": ["truncated": false],
            ])
            let context = StepContext(state: state, enteredEventId: entered.id, enteredTime: entered.timestamp, input: setup.input)
            step = context
            let next: Step
            if state.type == .fail {
                next = try await runState(context, path: &path)
            } else {
                next = try await runStages(context, retryCount: retries ? setup.retrierRetryCount : nil, path: &path, mock: setup.mock)
            }
            return Self.outcome(.succeeded, next, path)
        } catch {
            let error = Self.statesError(error)
            var failed = StateTestOutcome(status: .failed, error: error.error, cause: error.cause, variables: path.variables.all)
            guard retries, let step else { return failed }
            var counters = RetryCounters()
            let retrier = state.retriers.firstIndex { ErrorMatching.matches($0.errorEquals, error: error.error) }
            if let retrier { counters.assume(setup.retrierRetryCount, byRetrier: retrier, for: error.error) }
            switch counters.decide(error, retriers: state.retriers, catchers: state.catchers, random: execution.random) {
            case .retry(let seconds):
                failed.status = .retriable
                failed.retryIndex = retrier
                failed.retryBackoffIntervalSeconds = Int(seconds.rounded())
                return failed
            case .catch(let index):
                do {
                    let next = try leave(step, catching: error, with: state.catchers[index], retryCount: setup.retrierRetryCount, path: &path)
                    var caught = Self.outcome(.caughtError, next, path)
                    (caught.error, caught.cause, caught.catchIndex) = (error.error, error.cause, index)
                    return caught
                } catch {
                    let error = Self.statesError(error)
                    return StateTestOutcome(status: .failed, error: error.error, cause: error.cause, variables: path.variables.all)
                }
            case .fail:
                // Recorded on AWS: a retrier that matched but has used its MaxAttempts is still
                // named (`errorDetails.retryIndex`), with no interval.
                failed.retryIndex = retrier
                return failed
            }
        }
    }

    /// TestState's mock in place of the state's work: its result, or its error. A Map still
    /// takes its items from its input (ItemsPath or Items, then ItemSelector), as "Testing Map
    /// and Parallel states" in the Developer Guide describes; a Map whose mocked iterations
    /// failed beyond its tolerance fails as a Map does.
    func mocked(_ step: StepContext, _ mock: MockedWork, _ stage: StageInput) throws -> BodyOutcome {
        if case .map(let map) = step.state.kind {
            // A mock reads no bucket: a Map with an ItemReader takes its items from
            // `mapItemReaderData`, read as its InputType says; without it, the mocked result
            // stands for them.
            let items: Int
            if let reader = map.itemReader {
                if let data = mock.mapItemReaderData {
                    let read: [JSONValue]
                    do { read = try ItemFormats.items(Array(data.utf8), config: reader.config, maxItems: nil) } catch {
                        throw StatesError(ErrorName.itemReaderFailed, cause: error.message)
                    }
                    items = try prepareItems(step, map, stage, read: read).items.count
                } else if case .result(.array(let results)) = mock.answer {
                    items = results.count
                } else {
                    items = 0
                }
            } else {
                items = try prepareItems(step, map, stage).items.count
            }
            if let failures = mock.mapIterationFailureCount, case .result = mock.answer {
                let toleratedCount = try count(map.toleratedFailureCount, "ToleratedFailureCount", step: step, stage)
                let toleratedPercentage = try percentage(map.toleratedFailurePercentage, step: step, stage)
                let tolerated = (toleratedCount.map { failures <= $0 } ?? false)
                    || (toleratedPercentage.map { items == 0 || Double(failures) * 100 / Double(items) <= $0 } ?? false)
                if (toleratedCount != nil || toleratedPercentage != nil) && !tolerated {
                    throw StatesError(ErrorName.exceedToleratedFailureThreshold, cause: "The specified tolerated failure threshold was exceeded")
                }
            }
        }
        switch mock.answer {
        case .result(let result): return BodyOutcome(result: result, transition: step.state.transition)
        case .error(let error): throw error
        }
    }

    private static func outcome(_ status: StateTestOutcome.Status, _ step: Step, _ path: Path) -> StateTestOutcome {
        switch step {
        case .next(let next, let output):
            StateTestOutcome(status: status, output: output, nextState: next, variables: path.variables.all)
        case .end(let output):
            StateTestOutcome(status: status, output: output, variables: path.variables.all)
        }
    }

    private static func statesError(_ error: any Error) -> StatesError {
        switch error {
        case let error as StatesError: error
        case let failure as ChildrenFailed: failure.error
        case let failure as PathFailure: failure.error
        default: StatesError(ErrorName.runtime, cause: "\(error)")
        }
    }
}

extension JSONObject {
    /// Replaces members with `overrides`' ones; where both are objects, member by member.
    mutating func override(with overrides: JSONObject) {
        for (key, value) in overrides {
            if case .object(var inner)? = self[key], case .object(let given) = value {
                for (name, member) in given { inner[name] = member }
                self[key] = .object(inner)
            } else {
                self[key] = value
            }
        }
    }
}
