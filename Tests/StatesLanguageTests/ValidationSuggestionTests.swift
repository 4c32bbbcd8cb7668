import JSONValue
import StatesLanguage
import XCTest

/// The issue: `host validate` "suggests the nearest name for a misspelled state or field ("did
/// you mean 'PackItems'?"); one wrong `Next` gives one error, not a cascade of "unreachable"
/// ones".
final class ValidationSuggestionTests: XCTestCase {
    func testAMisspelledNextSuggestsTheStateAndIsTheOnlyProblem() {
        let text = """
            {
              "StartAt": "Receive",
              "States": {
                "Receive": { "Type": "Pass", "Next": "PackItem" },
                "PackItems": { "Type": "Pass", "Next": "Ship" },
                "Ship": { "Type": "Succeed" }
              }
            }
            """
        // `    "Receive": { "Type": "Pass", "Next": "PackItem" }`: the value starts in column 42.
        assertOne(diagnostics(of: text), 4, 42, "Missing 'Next' target: PackItem. Did you mean 'PackItems'?", path: "$.States.Receive.Next")
    }

    func testAWrongNextWithNothingNearIsOneProblemToo() {
        let text = """
            {
              "StartAt": "A",
              "States": {
                "A": { "Type": "Pass", "Next": "Elsewhere" },
                "B": { "Type": "Pass", "Next": "C" },
                "C": { "Type": "Succeed" }
              }
            }
            """
        assertOne(diagnostics(of: text), 4, 36, "Missing 'Next' target: Elsewhere.")
    }

    func testAMisspelledStartAtAndDefaultSuggest() {
        let start = diagnostics(of: #"{"StartAt": "Strat", "States": {"Start": {"Type": "Succeed"}}}"#)
        XCTAssertEqual(start.map(\.message), ["Missing 'Next' target: Strat. Did you mean 'Start'?"])
        let choice = diagnostics(of: """
            {"StartAt": "C", "States": {
              "C": {"Type": "Choice", "Choices": [{"Variable": "$.x", "IsPresent": true, "Next": "Done"}], "Default": "Fial"},
              "Done": {"Type": "Succeed"}, "Fail": {"Type": "Fail"}}}
            """)
        XCTAssertEqual(choice.map(\.message), ["Missing 'Next' target: Fial. Did you mean 'Fail'?"])
    }

    func testAMisspelledFieldSuggestsTheField() {
        let found = diagnostics(of: machine(#"    "Type": "Pass", "Nxt": "T""#, topLevel: "") + "")
        XCTAssertTrue(found.contains { $0.message == "Field 'Nxt' is not supported in a Pass state. Did you mean 'Next'?" },
                      found.map(\.description).joined(separator: "\n"))
        let retry = diagnostics(of: machine(#"    "Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:F", "End": true, "Retry": [{"ErrorEquals": ["X"], "MaxAttempt": 2}]"#))
        XCTAssertEqual(retry.map(\.message), ["Field 'MaxAttempt' is not supported in a retrier. Did you mean 'MaxAttempts'?"])
    }

    func testAMisspelledTypeSuggestsTheType() {
        let found = diagnostics(of: machine(#"    "Type": "Taks", "End": true"#))
        XCTAssertEqual(found.count, 1)
        XCTAssertTrue(found.first?.message.hasSuffix("not \"Taks\". Did you mean 'Task'?") ?? false, found.first?.message ?? "")
    }

    func testNamesFarApartSuggestNothing() {
        XCTAssertNil(Suggestion.nearest(to: "Elsewhere", among: ["A", "B", "C"]))
        XCTAssertNil(Suggestion.nearest(to: "Next", among: ["End", "Type"]))
        XCTAssertEqual(Suggestion.nearest(to: "next", among: ["End", "Next"]), "Next")
        XCTAssertEqual(Suggestion.nearest(to: "Resrouce", among: ["Resource", "Result"]), "Resource")
    }
}
