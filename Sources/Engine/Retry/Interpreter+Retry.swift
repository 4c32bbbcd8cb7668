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
                return try leave(step, catching: error, with: step.state.catchers[index], retryCount: retryCount, path: &path)
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
