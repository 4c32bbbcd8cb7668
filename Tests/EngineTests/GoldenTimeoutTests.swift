import XCTest

/// Golden histories (Golden/timeouts/, see GoldenSupport.swift): Task TimeoutSeconds (LambdaFunctionTimedOut, States.Timeout) and the execution's TimeoutSeconds.
final class GoldenTimeoutTests: XCTestCase {
    static let cases = [
        "timeouts/execution_timeout.long_wait",
        "timeouts/task_timeout.uncaught",
        "timeouts/task_timeout_caught.caught",
        "timeouts/task_timeout_retry.retried",
    ]

    func testExecutionTimeoutLongWait() async throws { try await Golden.check("timeouts/execution_timeout.long_wait") }
    func testTaskTimeoutUncaught() async throws { try await Golden.check("timeouts/task_timeout.uncaught") }
    func testTaskTimeoutCaughtCaught() async throws { try await Golden.check("timeouts/task_timeout_caught.caught") }
    func testTaskTimeoutRetryRetried() async throws { try await Golden.check("timeouts/task_timeout_retry.retried") }

    func testEveryCaseOfTheFolderIsListed() throws { try Golden.assertListed(Self.cases, feature: "timeouts") }
}
