import Diagrams
import Engine
import StatesLanguage
import XCTest

/// The diagrams of the seed machines, whole, against golden files: seed 003's
/// MyAPIStateMachine and seed 001's TestErrorHandling, alone and with the histories of the runs
/// their seeds describe (statuscode 429 and 503, `{"fail": true}`), recorded by
/// `host run ... --virtual-clock` and `host executions history NAME --output json`.
///
/// The golden files were not taken from the program unread: Golden/README.md says, file by
/// file, how every line was checked against the definition and the history.
final class SeedDiagramTests: XCTestCase {
    func testAPIMachineDefinition() throws {
        let diagram = Diagram(machine: try Files.machine("MyAPIStateMachine"), name: "MyAPIStateMachine")
        try assertGolden(diagram.dot(), "MyAPIStateMachine.dot")
        try assertGolden(diagram.mermaid(), "MyAPIStateMachine.mmd")
    }

    func testAPIMachineWithStatus429() throws {
        let diagram = try executionDiagram("MyAPIStateMachine", run: "statuscode-429")
        try assertGolden(diagram.dot(), "MyAPIStateMachine.statuscode-429.dot")
        try assertGolden(diagram.mermaid(), "MyAPIStateMachine.statuscode-429.mmd")
    }

    func testAPIMachineWithStatus503() throws {
        let diagram = try executionDiagram("MyAPIStateMachine", run: "statuscode-503")
        try assertGolden(diagram.dot(), "MyAPIStateMachine.statuscode-503.dot")
        try assertGolden(diagram.mermaid(), "MyAPIStateMachine.statuscode-503.mmd")
    }

    func testErrorHandlingDefinition() throws {
        let diagram = Diagram(machine: try Files.machine("TestErrorHandling"), name: "TestErrorHandling")
        try assertGolden(diagram.dot(), "TestErrorHandling.dot")
        try assertGolden(diagram.mermaid(), "TestErrorHandling.mmd")
    }

    func testErrorHandlingWithFailure() throws {
        let diagram = try executionDiagram("TestErrorHandling", run: "fail")
        try assertGolden(diagram.dot(), "TestErrorHandling.fail.dot")
        try assertGolden(diagram.mermaid(), "TestErrorHandling.fail.mmd")
    }

    /// The path of the 429 run, read from its history: the first visit of Call API was retried
    /// twice and caught, the second succeeded (the seed: "the Wait state used brute force to
    /// change the response code to 200, and your workflow completed execution successfully").
    func testPathOfStatus429() throws {
        let path = ExecutionPath(history: try Files.history("MyAPIStateMachine.statuscode-429"),
                                 machine: try Files.machine("MyAPIStateMachine"))
        XCTAssertEqual(path.status, .succeeded)
        let call = path["Call API"]
        XCTAssertEqual(call.entered, 2)
        XCTAssertEqual(call.starts, 1)
        XCTAssertEqual(call.retries, [ErrorCount(error: "TooManyRequestsException", count: 2)])
        XCTAssertEqual(call.caught, 1)
        XCTAssertEqual(call.caughtErrors, ["TooManyRequestsException"])
        XCTAssertEqual(call.succeededAfterRetry + call.succeeded, 1)
        XCTAssertEqual(call.exits, [.catcher(0): 1, .next: 1])
        XCTAssertEqual(call.status, .caught)
        XCTAssertEqual(path["Wait and Try Later"].exits, [.next: 1])
        XCTAssertEqual(path["Change to 200"].status, .succeeded)
        XCTAssertEqual(path["OK"].exits, [.end: 1])
        XCTAssertEqual(path["Server Unavailable"].status, .notReached)
        XCTAssertEqual(path["Catch All"].status, .notReached)
    }

    /// The 503 run: caught by the second catcher, then the Fail state failed the execution.
    func testPathOfStatus503() throws {
        let path = ExecutionPath(history: try Files.history("MyAPIStateMachine.statuscode-503"),
                                 machine: try Files.machine("MyAPIStateMachine"))
        XCTAssertEqual(path.status, .failed)
        XCTAssertEqual(path["Call API"].exits, [.catcher(1): 1])
        XCTAssertEqual(path["Call API"].caughtErrors, ["ServerUnavailableException"])
        XCTAssertEqual(path["Call API"].retries, [])
        XCTAssertEqual(path["Server Unavailable"].status, .failed)
        XCTAssertEqual(path["Server Unavailable"].failedErrors, ["ServerUnavailable"])
        XCTAssertEqual(path["Server Unavailable"].exits, [.end: 1])
        for state in ["Wait and Try Later", "Change to 200", "OK", "Catch All"] {
            XCTAssertEqual(path[state].status, .notReached, state)
        }
    }

    /// Seed 001's failing run: "raise TestError, catch it within the state machine and call
    /// error_handler"; FailState (a Pass state) ends it successfully.
    func testPathOfFailingTest() throws {
        let path = ExecutionPath(history: try Files.history("TestErrorHandling.fail"), machine: try Files.machine("TestErrorHandling"))
        XCTAssertEqual(path.status, .succeeded)
        XCTAssertEqual(path["Test"].status, .caught)
        XCTAssertEqual(path["Test"].exits, [.catcher(0): 1])
        XCTAssertEqual(path["ErrorHandler"].status, .succeeded)
        XCTAssertEqual(path["FailState"].status, .succeeded)
        XCTAssertEqual(path["FailState"].exits, [.end: 1])
        XCTAssertEqual(path["SuccessState"].status, .notReached)
    }

    private func executionDiagram(_ machine: String, run: String) throws -> Diagram {
        let definition = try Files.machine(machine)
        let path = ExecutionPath(history: try Files.history("\(machine).\(run)"), machine: definition)
        return Diagram(machine: definition, name: machine, path: path, executionName: run)
    }
}
