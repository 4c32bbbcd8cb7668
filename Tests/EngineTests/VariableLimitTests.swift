import Clocks
import Engine
import Foundation
import JSONValue
import StatesLanguage
import XCTest

/// AWS's size limits on variables (*Passing data between states with variables*): "The
/// maximum size of a single variable is 256KiB", "The maximum combined size for all variables
/// in a single Assign field is also 256KiB", "The total size of all stored variables cannot
/// exceed 10MiB per execution". A value's size is its compact JSON text in UTF-8 bytes, so a
/// string of n ASCII characters is n + 2 bytes (its quotes) (docs/variables.md).
final class VariableLimitTests: XCTestCase {
    private func run(_ definition: String, file: StaticString = #filePath, line: UInt = #line) async throws -> ExecutionResult {
        let machine: StateMachine
        switch StateMachine.parse(definition) {
        case .success(let parsed): machine = parsed
        case .failure(let errors):
            XCTFail("the definition was refused: \(errors)", file: file, line: line)
            throw errors
        }
        let execution = Execution(machine: machine, identity: ExecutionIdentity(machineName: "M", executionName: "e"),
                                  input: [:], clock: VirtualClock(start: Date(timeIntervalSince1970: 1_714_564_800)),
                                  invoker: GoldenInvoker(), observer: nil, random: { 0.5 })
        return await execution.run()
    }

    /// A JSONata machine of Pass states S0, S1, ... in a row, state i assigning `assigns[i]`
    /// (the members of its `Assign`).
    private func passes(_ assigns: [String]) -> String {
        let states = assigns.enumerated().map { index, assign in
            let transition = index == assigns.count - 1 ? #""End": true"# : #""Next": "S\#(index + 1)""#
            return #""S\#(index)": {"Type": "Pass", "Assign": {\#(assign)}, \#(transition)}"#
        }
        return #"{"QueryLanguage": "JSONata", "StartAt": "S0", "States": {\#(states.joined(separator: ", "))}}"#
    }

    /// A string of `count` x's, as a JSONata expression.
    private func text(_ count: Int) -> String { "\"{% $pad('', \(count), 'x') %}\"" }

    func testOneVariableOfExactly256KiBIsStored() async throws {
        let result = try await run(passes(["\"v\": \(text(262_142))"]))
        XCTAssertEqual(result.status, .succeeded, result.cause ?? "")
    }

    func testOneVariableOverThe256KiBLimitFailsTheState() async throws {
        let result = try await run(passes(["\"v\": \(text(262_143))"]))
        XCTAssertEqual(result.status, .failed)
        XCTAssertEqual(result.error, "States.Runtime")
        XCTAssertEqual(result.cause, "An error occurred while executing the state 'S0' (entered at the event id #2). The value assigned to the variable '$v' is 262145 bytes, over the limit of 262144 bytes (256 KiB) for one variable.")
        XCTAssertEqual(result.history.map(\.type.rawValue), ["ExecutionStarted", "PassStateEntered", "ExecutionFailed"])
    }

    /// "you could assign X and Y to 128KiB, but you cannot assign both X and Y to 256KiB in the
    /// same Assign field": two values of 150,002 bytes fit alone but not together.
    func testOneAssignOverThe256KiBLimitFailsTheState() async throws {
        let result = try await run(passes(["\"x\": \(text(150_000)), \"y\": \(text(150_000))"]))
        XCTAssertEqual(result.error, "States.Runtime")
        XCTAssertEqual(result.cause, "An error occurred while executing the state 'S0' (entered at the event id #2). The values assigned by this state's Assign are 300004 bytes together, over the limit of 262144 bytes (256 KiB) for one Assign.")
        let split = try await run(passes(["\"x\": \(text(150_000))", "\"y\": \(text(150_000))"]))
        XCTAssertEqual(split.status, .succeeded, split.cause ?? "")
    }

    /// 40 variables of 256,002 bytes are 10,240,080 bytes, under 10 MiB (10,485,760); a 41st
    /// brings them to 10,496,082, over it.
    func testAllVariablesOverThe10MiBLimitFailTheExecution() async throws {
        let assigns = (0...40).map { "\"v\($0)\": \(text(256_000))" }
        let result = try await run(passes(assigns))
        XCTAssertEqual(result.error, "States.Runtime")
        XCTAssertEqual(result.cause, "An error occurred while executing the state 'S40' (entered at the event id #82). The variables of this execution would be 10496082 bytes together, over the limit of 10485760 bytes (10 MiB) for all variables of an execution.")
        let fewer = try await run(passes(Array(assigns.prefix(40))))
        XCTAssertEqual(fewer.status, .succeeded, fewer.cause ?? "")
    }

    /// A variable assigned again replaces its value: 41 assignments of one name store one value.
    func testReassigningAVariableDoesNotAddToTheTotal() async throws {
        let result = try await run(passes(Array(repeating: "\"v\": \(text(256_000))", count: 41)))
        XCTAssertEqual(result.status, .succeeded, result.cause ?? "")
    }
}
