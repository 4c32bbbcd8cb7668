import JSONValue
import StatesLanguage
import XCTest

/// The rule written as `{ <members>, "Next": "Yes" }`, decoded from a Choice state with
/// Default "No", so that the tests check decoding and evaluation together.
func choiceState(_ members: String, file: StaticString = #filePath, line: UInt = #line) -> ChoiceState? {
    let text = """
        {
          "StartAt": "C",
          "States": {
            "C": { "Type": "Choice", "Choices": [ { \(members), "Next": "Yes" } ], "Default": "No" },
            "Yes": { "Type": "Succeed" },
            "No": { "Type": "Succeed" }
          }
        }
        """
    guard let machine = decodeValid(text, file: file, line: line), case .choice(let state)? = machine["C"]?.kind else { return nil }
    return state
}

/// Whether the rule `{ <members> }` matches `input` (with an empty Context object).
func matches(_ members: String, _ input: JSONValue, context: JSONValue = [:], file: StaticString = #filePath, line: UInt = #line) throws -> Bool {
    let state = try XCTUnwrap(choiceState(members, file: file, line: line), file: file, line: line)
    return try state.choices[0].rule.matches(input: input, context: context)
}

/// Asserts the rule `{ <members> }` matches `yes` and does not match `no`.
func assertRule(_ members: String, matches yes: JSONValue, not no: JSONValue, file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(try matches(members, yes, file: file, line: line), true, "\(members) with \(yes)", file: file, line: line)
    XCTAssertEqual(try matches(members, no, file: file, line: line), false, "\(members) with \(no)", file: file, line: line)
}
