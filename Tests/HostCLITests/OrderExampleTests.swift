import Foundation
import JSONValue
import TestSupport
import XCTest

/// `host run machines/order.json`, the example of JSONata and variables, with both of its
/// inputs in examples/. Each expected value is worked out by hand from AWS's semantics
/// (*Transforming data with JSONata in Step Functions*, *Passing data between states with
/// variables*; docs/variables.md): a Map's `$states.result` is the array of its iterations'
/// outputs; a Choice rule's `Assign` applies when the rule matches and the Choice state's own
/// when it takes the `Default`; `lambda:invoke` puts the function's result in `Payload`; an
/// array constructor keeps a single line an array.
final class OrderExampleTests: RunTestCase {
    static let machine = "machines/order.json"

    override func setUpWithError() throws {
        try super.setUpWithError()
        for file in [Self.machine, "examples/order-gold.json", "examples/order-basic.json"] {
            try workspace.copy(fromRepository: file)
        }
    }

    /// Ada (gold) buys 4 PEN at 1.5, 2 BOOK at 12 and 1 MUG at 10: lines of 6, 24 and 10, a
    /// total of 40; gold and 40 >= 30, so the rule assigns a discount of 40 / 10 = 4 and the
    /// function is asked to charge 36.
    func testAGoldOrderGetsItsDiscount() throws {
        let input = try String(contentsOf: workspace.root.appendingPathComponent("examples/order-gold.json"), encoding: .utf8)
        let run = try runMachine(Self.machine, input: input, status: 0)
        XCTAssertEqual(run.status, "SUCCEEDED")
        XCTAssertEqual(run.output, [
            "orderId": "A-1001", "customer": "Ada", "lines": ["1. PEN: 6", "2. BOOK: 24", "3. MUG: 10"],
            "subtotal": 40, "discount": 4, "charged": 36, "payment": "200 OK",
        ])
        XCTAssertEqual(assigned(run, "Start order"), ["orderId": #""A-1001""#, "customer": #"{"name":"Ada","tier":"gold"}"#])
        XCTAssertEqual(assigned(run, "Price items"), [
            "lines": #"[{"position":1,"sku":"PEN","lineTotal":6},{"position":2,"sku":"BOOK","lineTotal":24},{"position":3,"sku":"MUG","lineTotal":10}]"#,
            "total": "40",
        ])
        XCTAssertEqual(assigned(run, "Discount?"), ["discount": "4"])
        XCTAssertEqual(assigned(run, "Charge"), ["payment": #""200 OK""#])
        // An optimized integration's call is a TaskScheduled whose parameters are the Arguments.
        let scheduled = try XCTUnwrap(run.events.first { $0.type == "TaskScheduled" })
        XCTAssertEqual(try scheduled.details?["parameters"]?.stringValue.map(JSONValue.parse), [
            "FunctionName": "arn:aws:lambda:us-east-1:123456789012:function:MockAPIFunction",
            "Payload": ["statuscode": "200", "orderId": "A-1001", "amount": 36],
        ])
        XCTAssertEqual(run.events.filter { $0.type == "MapIterationSucceeded" }.count, 3)
    }

    /// Grace (basic) buys 2 PEN at 1.5: one line of 3, no discount (the Choice's Default and its
    /// own Assign), 3 charged; her one line is still a list.
    func testABasicOrderTakesTheDefault() throws {
        let input = try String(contentsOf: workspace.root.appendingPathComponent("examples/order-basic.json"), encoding: .utf8)
        let run = try runMachine(Self.machine, input: input, status: 0)
        XCTAssertEqual(run.output, [
            "orderId": "A-1002", "customer": "Grace", "lines": ["1. PEN: 3"],
            "subtotal": 3, "discount": 0, "charged": 3, "payment": "200 OK",
        ])
        XCTAssertEqual(assigned(run, "Discount?"), ["discount": "0"])
    }

    /// The variables a state's Exited event records (`assignedVariables`: each value as compact
    /// JSON text).
    private func assigned(_ run: Run, _ state: String, file: StaticString = #filePath, line: UInt = #line) -> [String: String] {
        let exited = run.events.first { $0.type.hasSuffix("StateExited") && $0.stateName == state }
        guard let variables = exited?.details?["assignedVariables"]?.objectValue else {
            XCTFail("no assignedVariables for \(state)", file: file, line: line)
            return [:]
        }
        return Dictionary(uniqueKeysWithValues: variables.map { ($0.key, $0.value.stringValue ?? "") })
    }
}
