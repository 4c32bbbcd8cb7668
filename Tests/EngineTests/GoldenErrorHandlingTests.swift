import XCTest

/// Golden histories (Golden/errors/, see GoldenSupport.swift): Retry with backoff and MaxAttempts, Catch with and without ResultPath, States.ALL,
/// States.TaskFailed, Fail with ErrorPath/CausePath, uncaught errors, States.Runtime, and a Fail state without Error.
final class GoldenErrorHandlingTests: XCTestCase {
    static let cases = [
        "errors/catch.specific",
        "errors/catch.task_failed",
        "errors/catch_to_fail_paths.function_error",
        "errors/fail_empty.basic",
        "errors/fail_intrinsic_cause.order",
        "errors/retrier_example.aws_doc",
        "errors/retry_backoff.exhausted",
        "errors/retry_backoff.not_retried",
        "errors/retry_backoff.recovers",
        "errors/retry_first_match.falls_to_second",
        "errors/retry_first_match.max_attempts_zero",
        "errors/retry_max_delay.capped",
        "errors/runtime_not_caught.missing_parameter_path",
        "errors/seed_api_retry_catch.status_200",
        "errors/seed_api_retry_catch.status_429",
        "errors/seed_api_retry_catch.status_500",
        "errors/seed_api_retry_catch.status_503",
    ]

    func testCatchSpecific() async throws { try await Golden.check("errors/catch.specific") }
    func testCatchTaskFailed() async throws { try await Golden.check("errors/catch.task_failed") }
    func testCatchToFailPathsFunctionError() async throws { try await Golden.check("errors/catch_to_fail_paths.function_error") }
    func testFailEmptyBasic() async throws { try await Golden.check("errors/fail_empty.basic") }
    func testFailIntrinsicCauseOrder() async throws { try await Golden.check("errors/fail_intrinsic_cause.order") }
    func testRetrierExampleAwsDoc() async throws { try await Golden.check("errors/retrier_example.aws_doc") }
    func testRetryBackoffExhausted() async throws { try await Golden.check("errors/retry_backoff.exhausted") }
    func testRetryBackoffNotRetried() async throws { try await Golden.check("errors/retry_backoff.not_retried") }
    func testRetryBackoffRecovers() async throws { try await Golden.check("errors/retry_backoff.recovers") }
    func testRetryFirstMatchFallsToSecond() async throws { try await Golden.check("errors/retry_first_match.falls_to_second") }
    func testRetryFirstMatchMaxAttemptsZero() async throws { try await Golden.check("errors/retry_first_match.max_attempts_zero") }
    func testRetryMaxDelayCapped() async throws { try await Golden.check("errors/retry_max_delay.capped") }
    func testRuntimeNotCaughtMissingParameterPath() async throws { try await Golden.check("errors/runtime_not_caught.missing_parameter_path") }
    func testSeedApiRetryCatchStatus200() async throws { try await Golden.check("errors/seed_api_retry_catch.status_200") }
    func testSeedApiRetryCatchStatus429() async throws { try await Golden.check("errors/seed_api_retry_catch.status_429") }
    func testSeedApiRetryCatchStatus500() async throws { try await Golden.check("errors/seed_api_retry_catch.status_500") }
    func testSeedApiRetryCatchStatus503() async throws { try await Golden.check("errors/seed_api_retry_catch.status_503") }

    func testEveryCaseOfTheFolderIsListed() throws { try Golden.assertListed(Self.cases, feature: "errors") }
}
