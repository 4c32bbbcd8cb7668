import JSONValue
import StatesLanguage

extension PathField {
    var dataFlowPath: JSONPath? { path }
    var isNull: Bool { if case .null = self { true } else { false } }
}

extension Interpreter {
    /// InputPath, then Parameters: the value the state works on.
    func effectiveInput(_ step: StepContext, path: Path, context: JSONValue) throws(StatesError) -> JSONValue {
        let state = step.state
        return try step.placed { () throws(StatesError) in
            let selected = try DataFlow.select(state.inputPath.dataFlowPath, isNull: state.inputPath.isNull, from: step.input, context: context)
            return try state.parameters?.evaluate(input: selected, context: context) ?? selected
        }
    }

    /// ResultSelector (when `selecting`), ResultPath into the state's raw input, then
    /// OutputPath: the state's output.
    func output(_ step: StepContext, result: JSONValue, context: JSONValue, selecting: Bool = true) throws(StatesError) -> JSONValue {
        let state = step.state
        return try step.placed { () throws(StatesError) in
            let selected = selecting ? try state.resultSelector?.evaluate(input: result, context: context) ?? result : result
            let placed = try DataFlow.applyResultPath(state.resultPath.dataFlowPath, isNull: state.resultPath.isNull,
                                                      result: selected, input: step.input)
            return try DataFlow.select(state.outputPath.dataFlowPath, isNull: state.outputPath.isNull, from: placed, context: context)
        }
    }

    /// Records the state's Exited event and goes where its transition says.
    func leave(_ step: StepContext, output: JSONValue, path: inout Path) throws(StatesError) -> Step {
        try leave(step, output: output, to: step.state.transition, path: &path)
    }

    func leave(_ step: StepContext, output: JSONValue, to transition: Transition?, path: inout Path) throws(StatesError) -> Step {
        let text = output.compactString()
        if text.utf8.count > DataLimit.bytes { throw DataLimit.error(name: step.state.name) }
        if let exited = step.state.type.exitedEvent {
            try record(exited, &path, [
                "name": .string(step.state.name),
                "output": .string(text),
                "outputDetails": ["truncated": false],
            ])
        }
        switch transition {
        case .next(let next)?: return .next(next, output)
        case .end?, nil: return .end(output)
        }
    }

    /// Leaves through a catcher: `{"Error", "Cause"}` placed by its ResultPath into the
    /// state's raw input (docs/errors.md), no OutputPath.
    func leave(_ step: StepContext, catching error: StatesError, with catcher: Catcher, path: inout Path) throws(StatesError) -> Step {
        var thrown: JSONObject = ["Error": .string(error.error)]
        thrown["Cause"] = error.cause.map { .string($0) } ?? .null
        let output = try step.placed { () throws(StatesError) in
            try DataFlow.applyResultPath(catcher.resultPath.dataFlowPath, isNull: catcher.resultPath.isNull,
                                         result: .object(thrown), input: step.input)
        }
        return try leave(step, output: output, to: .next(catcher.next), path: &path)
    }

    /// Runs `attempt` under the state's Retry and Catch: retries wait on the path's clock,
    /// a catcher leaves the state, anything else fails it.
    func withRetry(_ step: StepContext, path: inout Path,
                   _ attempt: (_ retryCount: Int, _ path: inout Path) async throws -> Step) async throws -> Step {
        var counters = RetryCounters()
        var retryCount = 0
        while true {
            let error: StatesError
            var failedEvent: EventType?
            do {
                return try await attempt(retryCount, &path)
            } catch let failure as StatesError {
                error = failure
            } catch let failure as ChildrenFailed {
                (error, failedEvent) = (failure.error, failure.event)
            }
            let decision = counters.decide(error, retriers: step.state.retriers, catchers: step.state.catchers, random: execution.random)
            if let failedEvent, !decision.isRetry { try record(failedEvent, &path) }
            switch decision {
            case .retry(let seconds):
                // The interval runs from the failure (the event the path ended on).
                try await sleep(seconds, after: path.lastEventTime ?? execution.clock.now, path: &path)
                retryCount += 1
            case .catch(let index):
                return try leave(step, catching: error, with: step.state.catchers[index], path: &path)
            case .fail:
                throw error
            }
        }
    }
}

/// A Parallel state's branches or a Map state's iterations failed: the error the state fails
/// with, and the event that records it. That event is written only when no retrier takes the
/// error: recorded on AWS, a retried Map has no MapStateFailed between its attempts, only
/// once it is caught or fails for good (docs/history.md).
struct ChildrenFailed: Error {
    var error: StatesError
    var event: EventType
}

/// "The maximum input or output size for a task, state, or execution is 256 KiB of data as a
/// UTF-8 encoded string" (Step Functions quotas).
enum DataLimit {
    static let bytes = 262_144

    /// The error for a result over the limit; `name` is what the cause calls the producer
    /// (docs/errors.md: the state, the function's ARN, or `lambda`).
    static func check(_ value: JSONValue, name: String?) -> StatesError? {
        exceeds(value) ? error(name: name) : nil
    }

    static func error(name: String?) -> StatesError {
        StatesError(ErrorName.dataLimitExceeded,
                    cause: "The state/task '\(name ?? "execution")' returned a result with a size exceeding the maximum number of bytes service limit.")
    }

    static func exceeds(_ value: JSONValue) -> Bool {
        // Serialize only a value that might be over the limit: most are far below it, and a
        // cheap upper bound of their written size says so.
        var bound = 0
        guard sizeBound(value, &bound) else { return value.compactString().utf8.count > bytes }
        return false
    }

    /// Adds to `total` at least the bytes `value` takes written compactly (each character
    /// of a string counted as an escape, six bytes); false once it passes the limit.
    private static func sizeBound(_ value: JSONValue, _ total: inout Int) -> Bool {
        switch value {
        case .null, .bool, .int, .double: total += 32
        case .string(let s): total += 6 * s.utf8.count + 2
        case .array(let elements):
            total += 2 + elements.count
            for element in elements where !sizeBound(element, &total) { return false }
        case .object(let members):
            total += 2 + members.count
            for (key, member) in members {
                total += 6 * key.utf8.count + 3
                if !sizeBound(member, &total) { return false }
            }
        }
        return total <= bytes
    }
}
