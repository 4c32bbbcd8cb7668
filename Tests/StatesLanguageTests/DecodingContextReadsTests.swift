import JSONValue
import StatesLanguage
import XCTest

/// `State.readsContext`: the engine builds the context object only for states whose fields can
/// read it, so a state that reads it in any way must be marked, and a state that cannot must not
/// (the saving that issue 11's Pass-chain figure needs).
final class DecodingContextReadsTests: XCTestCase {
    private func reads(_ state: String, language: String = "JSONata") throws -> Bool {
        let machine = try XCTUnwrap(decodeValid("""
            {"QueryLanguage": "\(language)", "StartAt": "S", "States": {"S": \(state)}}
            """))
        return try XCTUnwrap(machine["S"]).readsContext
    }

    func testJSONataStatesThatReadOnlyTheirInputOrResultDoNotReadTheContext() throws {
        XCTAssertFalse(try reads(#"{"Type": "Pass", "End": true}"#))
        XCTAssertFalse(try reads(#"{"Type": "Pass", "Output": {"n": "{% $states.input.n %}", "t": "x"}, "End": true}"#))
        XCTAssertFalse(try reads(#"{"Type": "Pass", "Output": "{% $states.input %}", "Assign": {"a": "{% $a + 1 %}"}, "End": true}"#))
        XCTAssertFalse(try reads(#"{"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:F", "Output": "{% $states.result.x %}", "Catch": [{"ErrorEquals": ["States.ALL"], "Output": "{% $states.errorOutput %}", "Next": "S"}], "End": true}"#))
    }

    func testEveryWayOfReachingTheContextInJSONataCounts() throws {
        XCTAssertTrue(try reads(#"{"Type": "Pass", "Output": "{% $states.context.Execution.Id %}", "End": true}"#))
        XCTAssertTrue(try reads(#"{"Type": "Pass", "Output": {"a": ["{% $states %}"]}, "End": true}"#))
        XCTAssertTrue(try reads(#"{"Type": "Pass", "Output": "{% $lookup($states, 'context') %}", "End": true}"#))
        XCTAssertTrue(try reads(#"{"Type": "Pass", "Output": "{% $states.inputs %}", "End": true}"#))
        XCTAssertTrue(try reads(#"{"Type": "Pass", "Output": "{% $states.input_x %}", "End": true}"#))
        XCTAssertTrue(try reads(#"{"Type": "Pass", "Output": "{% $states.input.n & $states.context.State.Name %}", "End": true}"#))
        XCTAssertTrue(try reads(#"{"Type": "Pass", "Assign": {"id": "{% $states . context %}"}, "End": true}"#))
        XCTAssertTrue(try reads(#"{"Type": "Wait", "Seconds": "{% $count($keys($states)) %}", "End": true}"#))
    }

    func testDollarDollarInJSONPathCounts() throws {
        XCTAssertTrue(try reads(#"{"Type": "Pass", "Parameters": {"id.$": "$$.Execution.Id"}, "End": true}"#, language: "JSONPath"))
        XCTAssertTrue(try reads(#"{"Type": "Pass", "Parameters": {"s.$": "States.Format('{}', $$.State.Name)"}, "End": true}"#, language: "JSONPath"))
        XCTAssertTrue(try reads(#"{"Type": "Pass", "InputPath": "$$.Execution.Input", "End": true}"#, language: "JSONPath"))
        XCTAssertFalse(try reads(#"{"Type": "Pass", "Parameters": {"n.$": "$.n", "v.$": "$v"}, "End": true}"#, language: "JSONPath"))
    }

    func testOnlyAStatesOwnFieldsCountNotThoseOfTheStatesItContains() throws {
        let map = #"""
            {"Type": "Map", "ItemProcessor": {"StartAt": "I", "States": {"I": {"Type": "Pass", "Output": "{% $states.context.Map.Item.Index %}", "End": true}}}, "End": true}
            """#
        XCTAssertFalse(try reads(map))
        let selecting = #"""
            {"Type": "Map", "ItemSelector": {"i": "{% $states.context.Map.Item.Index %}"}, "ItemProcessor": {"StartAt": "I", "States": {"I": {"Type": "Pass", "End": true}}}, "End": true}
            """#
        XCTAssertTrue(try reads(selecting))
    }
}
