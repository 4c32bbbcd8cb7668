@testable import Engine
import StatesLanguage
import XCTest

/// Retry and Catch decisions (docs/errors.md), without clocks or threads.
final class RetryDecisionTests: XCTestCase {
    private func retrier(_ errors: [String], interval: Int = 1, attempts: Int = 3, backoff: Double = 2.0,
                         maxDelay: Int? = nil, jitter: Retrier.JitterStrategy = .none) -> Retrier {
        var r = Retrier(errorEquals: errors)
        r.intervalSeconds = interval
        r.maxAttempts = attempts
        r.backoffRate = backoff
        r.maxDelaySeconds = maxDelay
        r.jitterStrategy = jitter
        return r
    }

    /// AWS's own example: retriers [ErrorA, ErrorB] (IntervalSeconds 1, BackoffRate 2,
    /// MaxAttempts 2) and [ErrorC] (IntervalSeconds 5); errors ErrorA, ErrorB, ErrorC, ErrorB,
    /// ErrorB wait 1, 2, 5 and 4 s, and the fifth goes to Catch.
    func testAWSRetrierExampleWaits1_2_5_4ThenCatches() {
        let retriers = [retrier(["ErrorA", "ErrorB"], interval: 1, attempts: 2, backoff: 2),
                        retrier(["ErrorC"], interval: 5)]
        let catchers = [Catcher(errorEquals: ["States.ALL"], next: "Handle")]
        var counters = RetryCounters()
        let decisions = ["ErrorA", "ErrorB", "ErrorC", "ErrorB", "ErrorB"].map {
            counters.decide(StatesError($0), retriers: retriers, catchers: catchers, random: { 0.5 })
        }
        XCTAssertEqual(decisions, [.retry(afterSeconds: 1), .retry(afterSeconds: 2), .retry(afterSeconds: 5),
                                   .retry(afterSeconds: 4), .catch(0)])
    }

    func testDefaultsAreOneSecondThreeAttemptsBackoffTwo() {
        var counters = RetryCounters()
        let retriers = [Retrier(errorEquals: ["States.ALL"])]
        let waits = (0..<4).map { _ in counters.decide(StatesError("X"), retriers: retriers, catchers: [], random: { 0 }) }
        XCTAssertEqual(waits, [.retry(afterSeconds: 1), .retry(afterSeconds: 2), .retry(afterSeconds: 4), .fail])
    }

    func testMaxAttemptsZeroNeverRetries() {
        var counters = RetryCounters()
        XCTAssertEqual(counters.decide(StatesError("X"), retriers: [retrier(["X"], attempts: 0)], catchers: [], random: { 0 }), .fail)
    }

    func testMaxDelaySecondsCapsTheInterval() {
        var counters = RetryCounters()
        let retriers = [retrier(["X"], interval: 3, attempts: 5, backoff: 3, maxDelay: 10)]
        let waits = (0..<4).map { _ in counters.decide(StatesError("X"), retriers: retriers, catchers: [], random: { 0 }) }
        XCTAssertEqual(waits, [.retry(afterSeconds: 3), .retry(afterSeconds: 9), .retry(afterSeconds: 10), .retry(afterSeconds: 10)])
    }

    func testFullJitterIsRandomWithinTheInterval() {
        var counters = RetryCounters()
        let retriers = [retrier(["X"], interval: 4, jitter: .full)]
        XCTAssertEqual(counters.decide(StatesError("X"), retriers: retriers, catchers: [], random: { 0.25 }), .retry(afterSeconds: 1))
    }

    /// States.ALL never matches States.Runtime, which always fails the execution.
    func testRuntimeErrorsAreNeitherRetriedNorCaught() {
        var counters = RetryCounters()
        let decision = counters.decide(StatesError(ErrorName.runtime), retriers: [retrier(["States.ALL"])],
                                       catchers: [Catcher(errorEquals: ["States.ALL"], next: "x")], random: { 0 })
        XCTAssertEqual(decision, .fail)
    }

    /// States.TaskFailed matches every error except States.Timeout.
    func testTaskFailedDoesNotMatchTimeout() {
        var counters = RetryCounters()
        let catchers = [Catcher(errorEquals: ["States.TaskFailed"], next: "a"), Catcher(errorEquals: ["States.Timeout"], next: "b")]
        XCTAssertEqual(counters.decide(StatesError("Custom"), retriers: [], catchers: catchers, random: { 0 }), .catch(0))
        XCTAssertEqual(counters.decide(StatesError(ErrorName.timeout), retriers: [], catchers: catchers, random: { 0 }), .catch(1))
    }

    /// The first retrier that matches decides, even when its attempts are spent.
    func testFirstMatchingRetrierDecides() {
        var counters = RetryCounters()
        let retriers = [retrier(["X"], attempts: 1), retrier(["States.ALL"], interval: 7)]
        XCTAssertEqual(counters.decide(StatesError("X"), retriers: retriers, catchers: [], random: { 0 }), .retry(afterSeconds: 1))
        XCTAssertEqual(counters.decide(StatesError("X"), retriers: retriers, catchers: [], random: { 0 }), .fail)
    }
}
