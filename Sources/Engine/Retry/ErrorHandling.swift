import StatesLanguage

/// What to do with an error a state raised: decided from its Retry and Catch fields and
/// the retry counters of this stay in the state. Pure: the interpreter carries it out.
enum ErrorDecision: Equatable {
    /// Run the state's work again after this many seconds.
    case retry(afterSeconds: Double)
    /// Leave through this catcher (its index in Catch).
    case `catch`(Int)
    /// Fail the state with the error.
    case fail

    var isRetry: Bool { if case .retry = self { true } else { false } }
}

/// The retry counters of one stay in a state. "A retrier's parameters apply across all
/// visits to the retrier in the context of a single-state execution" (AWS, Retry docs), and
/// AWS's worked example (docs/errors.md) shows both counts: the interval grows with every
/// retry a retrier grants, while MaxAttempts is counted per error name.
struct RetryCounters {
    private var granted: [Int: Int] = [:]
    private var perError: [Int: [String: Int]] = [:]

    /// Counts `retries` as already granted by the retrier at `index` for `error`: TestState's
    /// `retrierRetryCount`, "the number of retry attempts that have occurred for the state's
    /// Retry that applies to the mocked error" (API reference, "TestStateConfiguration").
    mutating func assume(_ retries: Int, byRetrier index: Int, for error: String) {
        granted[index] = retries
        perError[index, default: [:]][error] = retries
    }

    /// Decides for `error`. `random` gives a number in 0..<1 for FULL jitter.
    mutating func decide(_ error: StatesError, retriers: [Retrier], catchers: [Catcher],
                         random: () -> Double) -> ErrorDecision {
        // "States.Runtime ... always fails the execution": no retrier or catcher sees it. Nor
        // does States.ReferencePathConflict, a ResultPath that cannot be applied, which AWS
        // raises beside the documented names (docs/errors.md); host treats it as the data
        // error it is, like States.Runtime.
        if error.error == ErrorName.runtime || error.error == ErrorName.referencePathConflict { return .fail }
        if let index = retriers.firstIndex(where: { ErrorMatching.matches($0.errorEquals, error: error.error) }) {
            let retrier = retriers[index]
            let attempts = perError[index, default: [:]][error.error, default: 0]
            if attempts < retrier.maxAttempts {
                perError[index, default: [:]][error.error] = attempts + 1
                let retryNumber = granted[index, default: 0]
                granted[index] = retryNumber + 1
                var interval = Double(retrier.intervalSeconds) * pow(retrier.backoffRate, Double(retryNumber))
                if let cap = retrier.maxDelaySeconds { interval = min(interval, Double(cap)) }
                if retrier.jitterStrategy == .full { interval *= random() }
                return .retry(afterSeconds: interval)
            }
        }
        if let index = catchers.firstIndex(where: { ErrorMatching.matches($0.errorEquals, error: error.error) }) {
            return .catch(index)
        }
        return .fail
    }
}

import Foundation
