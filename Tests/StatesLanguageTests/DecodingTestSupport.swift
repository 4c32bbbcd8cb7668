import JSONValue
import StatesLanguage
import XCTest

/// Parses a definition that must be valid, failing the test with every diagnostic otherwise.
func decodeValid(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> StateMachine? {
    switch StateMachine.parse(text) {
    case .success(let machine):
        return machine
    case .failure(let errors):
        XCTFail("expected a valid definition, got:\n\(errors)", file: file, line: line)
        return nil
    }
}

/// Parses a definition that must be refused and returns its diagnostics.
func diagnostics(of text: String, file: StaticString = #filePath, line: UInt = #line) -> [Diagnostic] {
    switch StateMachine.parse(text) {
    case .success:
        XCTFail("expected the definition to be refused", file: file, line: line)
        return []
    case .failure(let errors):
        return errors.diagnostics
    }
}

/// Asserts that `diagnostics` holds exactly one problem whose message contains `message`,
/// at `line`:`column` and, when given, at JSON path `path` (as `Diagnostic.pathDescription`).
func assertOne(
    _ diagnostics: [Diagnostic], _ line: Int, _ column: Int, _ message: String, path: String? = nil,
    file: StaticString = #filePath, testLine: UInt = #line
) {
    XCTAssertEqual(diagnostics.count, 1, "diagnostics:\n" + diagnostics.map(\.description).joined(separator: "\n"), file: file, line: testLine)
    guard let first = diagnostics.first else { return }
    assertDiagnostic(first, line, column, message, path: path, file: file, testLine: testLine)
}

/// Asserts one diagnostic's place and message.
func assertDiagnostic(
    _ diagnostic: Diagnostic, _ line: Int, _ column: Int, _ message: String, path: String? = nil,
    file: StaticString = #filePath, testLine: UInt = #line
) {
    XCTAssertEqual(diagnostic.location, SourceLocation(line: line, column: column), diagnostic.description, file: file, line: testLine)
    XCTAssertTrue(diagnostic.message.contains(message), "«\(diagnostic.message)» lacks «\(message)»", file: file, line: testLine)
    if let path { XCTAssertEqual(diagnostic.pathDescription, path, file: file, line: testLine) }
}

/// A one-state machine around the state written in `state` (an object's members), named "S",
/// laid out so that the state's members start on line 4:
///
///     1 {
///     2   "StartAt": "S",
///     3   "States": { "S": {
///     4 <state's first line>
func machine(_ state: String, topLevel: String = "") -> String {
    "{\n  \"StartAt\": \"S\",\(topLevel)\n  \"States\": { \"S\": {\n\(state)\n  } }\n}"
}

/// `machine(_:)` with a second state, `"T": { "Type": "Succeed" }`, after S: the state's
/// lines are followed by `  },` and `  "T": { "Type": "Succeed"`.
func machineWithT(_ state: String, topLevel: String = "") -> String {
    machine(state + "\n  },\n  \"T\": { \"Type\": \"Succeed\"", topLevel: topLevel)
}
