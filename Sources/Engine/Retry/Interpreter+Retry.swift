import Foundation
import JSONValue
import StatesLanguage

extension Interpreter {
    /// Runs `attempt` under the state's Retry and Catch: retries wait on the path's clock,
    /// a catcher leaves the state, anything else fails it.
    func withRetry(_ step: StepContext, path: inout Path,
                   _ attempt: (_ retryCount: Int, _ path: inout Path) async throws -> Step) async throws -> Step {
        var counters = RetryCounters()
        var retryCount = 0
        while true {
            let error: StatesError
            var children: ChildrenFailed?
            do {
                return try await attempt(retryCount, &path)
            } catch let failure as StatesError {
                error = failure
            } catch let failure as ChildrenFailed {
                (error, children) = (failure.error, failure)
            }
            let decision = counters.decide(error, retriers: step.state.retriers, catchers: step.state.catchers, random: execution.random)
            if let children, children.isRecorded(decision) { try record(children.event, &path) }
            switch decision {
            case .retry(let seconds):
                // The retrier `decide` granted it: the first whose ErrorEquals matches.
                if let index = step.state.retriers.firstIndex(where: { ErrorMatching.matches($0.errorEquals, error: error.error) }) {
                    execution.recorder.decided(.retrier(index), state: step.state.name)
                }
                // The interval runs from the failure (the event the path ended on).
                try await sleep(seconds, after: path.lastEventTime ?? execution.clock.now, path: &path)
                retryCount += 1
            case .catch(let index):
                let next = try leave(step, catching: error, with: step.state.catchers[index], retryCount: retryCount, path: &path)
                execution.recorder.decided(.catcher(index), state: step.state.name)
                return next
            case .fail:
                throw error
            }
        }
    }
}

/// A Parallel state's branches or a Map state's iterations failed: the error the state fails
/// with, and the event that records it. Recorded on AWS (docs/history.md): a retried Map or
/// Parallel has no MapStateFailed or ParallelStateFailed between its attempts; a caught Map
/// records MapStateFailed before its MapStateExited, a caught Parallel no ParallelStateFailed.
struct ChildrenFailed: Error {
    var error: StatesError
    var event: EventType
    /// Whether the event is written when a catcher takes the error.
    var recordedWhenCaught = true

    func isRecorded(_ decision: ErrorDecision) -> Bool {
        switch decision {
        case .retry: false
        case .catch: recordedWhenCaught
        case .fail: true
        }
    }
}
