import JSONValue
import StatesLanguage
import XCTest

/// A `State` shares its fields with its copies until one of them changes: the changed copy
/// gets fields of its own, with every other field as it was, and the original is unchanged.
final class StateCopyTests: XCTestCase {
    /// Every common field set away from its default, so that a field the copy left out would
    /// show as its default.
    private func stateWithEveryField() throws -> State {
        let machine = try XCTUnwrap(decodeValid("""
            {"StartAt": "T", "States": {
              "T": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:F", "Comment": "c",
                    "InputPath": "$.in", "OutputPath": "$.out", "ResultPath": "$.result",
                    "Parameters": {"p.$": "$.x"}, "ResultSelector": {"r.$": "$.y"}, "Assign": {"v.$": "$.z"},
                    "Retry": [{"ErrorEquals": ["States.ALL"], "MaxAttempts": 5}],
                    "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "D"}], "Next": "D"},
              "D": {"Type": "Succeed"}}}
            """))
        var state = try XCTUnwrap(machine["T"])
        state.arguments = ["a": 1]
        state.output = ["o": 2]
        state.readsContext = false
        state.queryLanguage = .jsonata
        return state
    }

    /// Each field of `state` as text, by name: the fields' types need not be Equatable.
    private func fields(_ state: State) -> [String: String] {
        [
            "name": state.name, "comment": "\(state.comment as Any)", "queryLanguage": "\(state.queryLanguage)",
            "transition": "\(state.transition as Any)", "inputPath": "\(state.inputPath)", "outputPath": "\(state.outputPath)",
            "resultPath": "\(state.resultPath)", "parameters": "\(state.parameters as Any)",
            "resultSelector": "\(state.resultSelector as Any)", "arguments": "\(state.arguments as Any)",
            "output": "\(state.output as Any)", "assign": "\(state.assign as Any)", "retriers": "\(state.retriers)",
            "catchers": "\(state.catchers)", "kind": "\(state.kind)", "readsContext": "\(state.readsContext)",
        ]
    }

    func testChangingACopyKeepsItsOtherFieldsAndLeavesTheOriginal() throws {
        let original = try stateWithEveryField()
        let before = fields(original)
        // The fixture really sets each field away from its default.
        let blank = fields(State(name: "T", kind: .succeed, transition: nil))
        for (field, value) in before where field != "name" {
            XCTAssertNotEqual(value, blank[field], "\(field) is at its default in the fixture")
        }
        var copy = original
        copy.name = "Renamed"
        var expected = before
        expected["name"] = "Renamed"
        XCTAssertEqual(fields(copy), expected)
        XCTAssertEqual(fields(original), before)
    }
}
