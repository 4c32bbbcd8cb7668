import StatesLanguage
import XCTest

/// Which errors an `ErrorEquals` handles (docs/errors.md).
final class ErrorMatchingTests: XCTestCase {
    /// "Names are case-sensitive."
    func testExactNamesAreCaseSensitive() {
        XCTAssertTrue(ErrorMatching.matches(["TooManyRequestsException"], error: "TooManyRequestsException"))
        XCTAssertFalse(ErrorMatching.matches(["TooManyRequestsException"], error: "toomanyrequestsexception"))
        XCTAssertFalse(ErrorMatching.matches(["ErrorA", "ErrorB"], error: "ErrorC"))
        XCTAssertTrue(ErrorMatching.matches(["ErrorA", "ErrorB"], error: "ErrorB"))
    }

    /// States.ALL matches any name, States.DataLimitExceeded included (AWS's recorded behaviour).
    func testStatesALL() {
        for error in ["TooManyRequestsException", "States.Timeout", "States.TaskFailed", "States.DataLimitExceeded", "Lambda.Unknown"] {
            XCTAssertTrue(ErrorMatching.matches([ErrorName.all], error: error), error)
        }
    }

    /// "It never matches States.Runtime, which always fails the execution."
    func testNothingMatchesStatesRuntime() {
        XCTAssertFalse(ErrorMatching.matches([ErrorName.all], error: ErrorName.runtime))
        XCTAssertFalse(ErrorMatching.matches([ErrorName.taskFailed], error: ErrorName.runtime))
        XCTAssertFalse(ErrorMatching.matches([ErrorName.runtime], error: ErrorName.runtime))
    }

    /// "States.TaskFailed matches every error except States.Timeout."
    func testStatesTaskFailed() {
        XCTAssertFalse(ErrorMatching.matches([ErrorName.taskFailed], error: ErrorName.timeout))
        for error in ["TooManyRequestsException", "States.HeartbeatTimeout", "States.DataLimitExceeded", "Sandbox.Timedout", "States.TaskFailed"] {
            XCTAssertTrue(ErrorMatching.matches([ErrorName.taskFailed], error: error), error)
        }
    }

    /// The tutorial's catchers (seed 003): a 503 goes to the second, anything else to the third.
    func testRetriersAndCatchersUseTheSameRules() {
        let catchers = [
            Catcher(errorEquals: ["TooManyRequestsException"], next: "Wait and Try Later"),
            Catcher(errorEquals: ["ServerUnavailableException"], next: "Server Unavailable"),
            Catcher(errorEquals: ["States.ALL"], next: "Catch All"),
        ]
        XCTAssertEqual(catchers.first { $0.matches(error: "ServerUnavailableException") }?.next, "Server Unavailable")
        XCTAssertEqual(catchers.first { $0.matches(error: "UnknownException") }?.next, "Catch All")
        XCTAssertNil(catchers.first { $0.matches(error: "States.Runtime") })
        XCTAssertTrue(Retrier(errorEquals: ["States.Timeout"]).matches(error: "States.Timeout"))
        XCTAssertFalse(Retrier(errorEquals: ["States.TaskFailed"]).matches(error: "States.Timeout"))
    }
}
