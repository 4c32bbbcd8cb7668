import JSONValue
import StatesLanguage
import XCTest

/// JSONata definitions from AWS's "Transforming data with JSONata" and state docs: kept and
/// accepted, though the engine may not evaluate JSONata yet.
final class DecodingJSONataExampleTests: XCTestCase {
    func testJSONataStatesOfEveryKind() throws {
        let machine = try XCTUnwrap(decodeValid("""
            {
              "QueryLanguage": "JSONata",
              "StartAt": "Call",
              "States": {
                "Call": {
                  "Type": "Task",
                  "Resource": "arn:aws:states:::lambda:invoke",
                  "Arguments": {
                    "FunctionName": "arn:aws:lambda:us-east-1:123456789012:function:Work",
                    "Payload": { "static": "Hello", "title": "{% $states.input.title %}", "not-evaluated": "$customerName" }
                  },
                  "TimeoutSeconds": "{% $states.input.timeout %}",
                  "Assign": { "currentPrice": "{% $states.result.Payload.current_price %}" },
                  "Output": "{% $states.result.Payload %}",
                  "Catch": [ { "ErrorEquals": ["States.ALL"], "Next": "Failed", "Output": "{% $states.errorOutput %}" } ],
                  "Next": "Decide"
                },
                "Decide": {
                  "Type": "Choice",
                  "Choices": [
                    { "Condition": "{% $foo = 1 %}", "Next": "Each", "Assign": { "matched": true } },
                    { "Condition": "{% $type = 'local' %}", "Next": "Pause" }
                  ],
                  "Default": "Done"
                },
                "Each": {
                  "Type": "Map",
                  "Items": "{% $states.input.colors %}",
                  "ItemSelector": { "color": "{% $states.context.Map.Item.Value %}" },
                  "MaxConcurrency": "{% $limit %}",
                  "ItemProcessor": { "StartAt": "Echo", "States": { "Echo": { "Type": "Pass", "Output": "{% $states.input %}", "End": true } } },
                  "Next": "Pause"
                },
                "Pause": { "Type": "Wait", "Seconds": "{% $states.input.delay %}", "Next": "Done" },
                "Done": { "Type": "Succeed", "Output": { "ok": true } },
                "Failed": { "Type": "Fail", "Error": "{% $states.input.error %}", "Cause": "Something failed" }
              }
            }
            """))
        XCTAssertEqual(machine.queryLanguage, .jsonata)
        let call = try XCTUnwrap(machine["Call"])
        XCTAssertEqual(call.queryLanguage, .jsonata)
        XCTAssertEqual(call.output, "{% $states.result.Payload %}")
        XCTAssertEqual(call.arguments?["Payload"]?["title"], "{% $states.input.title %}")
        guard case .task(let task) = call.kind, case .jsonata(let timeout)? = task.timeoutSeconds else { return XCTFail() }
        XCTAssertEqual(timeout, "{% $states.input.timeout %}")
        guard case .jsonata? = call.assign else { return XCTFail("Assign kept as JSONata") }
        guard case .choice(let decide) = machine["Decide"]?.kind, case .condition(.jsonata(let condition)) = decide.choices[0].rule else { return XCTFail() }
        XCTAssertEqual(condition, "{% $foo = 1 %}")
        guard case .map(let each) = machine["Each"]?.kind else { return XCTFail() }
        XCTAssertEqual(each.items, "{% $states.input.colors %}")
        // States inside the item processor inherit the machine's JSONata.
        XCTAssertEqual(each.itemProcessor["Echo"]?.queryLanguage, .jsonata)
        guard case .fail(let failed) = machine["Failed"]?.kind, case .jsonata? = failed.error else { return XCTFail() }
    }

    /// A JSONPath machine may switch single states to JSONata ("could be set and inherited
    /// from top-level").
    func testOneJSONataStateInAJSONPathMachine() throws {
        let machine = try XCTUnwrap(decodeValid(machine("""
                "Type": "Pass",
                "QueryLanguage": "JSONata",
                "Output": { "sum": "{% 1 + 2 %}" },
                "End": true
            """)))
        XCTAssertEqual(machine.queryLanguage, .jsonPath)
        XCTAssertEqual(machine["S"]?.queryLanguage, .jsonata)
    }

    /// Workflow variables in a JSONPath state: `Assign` is a payload template there.
    func testJSONPathAssign() throws {
        let machine = try XCTUnwrap(decodeValid(machine("""
                "Type": "Pass",
                "Assign": { "productName.$": "$.product.name", "available": true },
                "End": true
            """)))
        guard case .template? = machine["S"]?.assign else { return XCTFail("Assign is a template") }
    }
}
