import Foundation
import JSONata
import JSONValue
import XCTest

/// What the engine relies on beyond the conformance suite: how results map to JSON, bindings
/// and registered functions, the injected clock and random source, the bounds, and errors
/// with their positions. Expected values follow JSONata's documentation (jsonata.org) and
/// JavaScript's number formatting, as commented.
final class EvaluationTests: XCTestCase {
    private func evaluate(_ text: String, _ input: JSONValue? = nil, _ context: JSONataContext = JSONataContext()) throws -> JSONValue? {
        try JSONataExpression(text).evaluate(input, context: context)
    }

    private func error(_ text: String, _ input: JSONValue? = nil, _ context: JSONataContext = JSONataContext()) -> JSONataError? {
        do {
            _ = try evaluate(text, input, context)
            return nil
        } catch let error as JSONataError {
            return error
        } catch {
            XCTFail("unexpected \(error)")
            return nil
        }
    }

    func testUndefinedIsNotNull() throws {
        XCTAssertNil(try evaluate("missing", ["present": 1]))
        XCTAssertEqual(try evaluate("present", ["present": nil]), .null)
        // Without any input, `$` is undefined and paths select nothing.
        XCTAssertNil(try evaluate("$"))
        XCTAssertEqual(try evaluate("$", nil as JSONValue? ?? .null), .null)
    }

    func testWholeNumbersBecomeIntegersAsJavaScriptWritesThem() throws {
        // JSON.stringify(1.5 + 1.5) is "3"; JSON.stringify(0.1 + 0.2) is "0.30000000000000004".
        XCTAssertEqual(try evaluate("1.5 + 1.5"), .int(3))
        XCTAssertEqual(try evaluate("0.1 + 0.2"), .double(0.30000000000000004))
        // JSON.stringify(-0) is "0".
        XCTAssertEqual(try evaluate("0 * -1"), .int(0))
        // An integer of the input stays an integer; 7 / 2 is 3.5 as in JavaScript.
        XCTAssertEqual(try evaluate("a / 2", ["a": 7]), .double(3.5))
        XCTAssertEqual(try evaluate("a", ["a": .int(9_007_199_254_740_993)]), .int(9_007_199_254_740_992))
    }

    func testStringOfNumbersFollowsJavaScript() throws {
        // Number.prototype.toString: exponent form from 1e21 and below 1e-6.
        XCTAssertEqual(try evaluate("$string(1e21)"), "1e+21")
        XCTAssertEqual(try evaluate("$string(123456789012345680000)"), "123456789012345680000")
        XCTAssertEqual(try evaluate("$string(0.000001)"), "0.000001")
        XCTAssertEqual(try evaluate("$string(0.0000001)"), "1e-7")
        // jsonata.org, $string: numbers are rounded to 15 significant digits.
        XCTAssertEqual(try evaluate("$string(0.1 + 0.2)"), "0.3")
        XCTAssertEqual(try evaluate("\"n=\" & 1/3"), "n=0.333333333333333")
    }

    func testBindingsAndRegisteredFunctions() throws {
        let twice = try JSONataFunction(name: "twice", signature: "<n:n>") { arguments in
            guard case .int(let n)? = arguments[0] else { return nil }
            return .int(n * 2)
        }
        let states: JSONValue = ["input": ["order": ["id": "A-1", "qty": 4]]]
        let context = JSONataContext(bindings: ["states": states], functions: [twice])
        XCTAssertEqual(try evaluate("$states.input.order.id", nil, context), "A-1")
        XCTAssertEqual(try evaluate("$twice($states.input.order.qty)", nil, context), .int(8))
        // The signature is checked before the function runs.
        XCTAssertEqual(error("$twice('x')", nil, context)?.code, "T0410")
        // A registered function replaces a built-in of the same name.
        let fixed = try JSONataFunction(name: "uppercase", signature: "<s:s>") { _ in "replaced" }
        XCTAssertEqual(try evaluate("$uppercase('a')", nil, JSONataContext(functions: [fixed])), "replaced")
    }

    func testPreparedInputGivesTheSameResults() throws {
        let input: JSONValue = ["items": [["p": 1], ["p": 2], ["p": 3]]]
        let expression = try JSONataExpression("{'total': $sum(items.p), 'first': items[0]}")
        let prepared = try expression.evaluate(prepared: JSONataValue(input))?.json
        XCTAssertEqual(prepared, try expression.evaluate(input))
        XCTAssertEqual(prepared, ["total": 6, "first": ["p": 1]])
    }

    func testTheClockAndRandomSourceAreTheCallers() throws {
        // 1700000000000 ms after the epoch is 2023-11-14T22:13:20.000Z.
        let context = JSONataContext(now: 1_700_000_000_000, random: { 0.25 })
        XCTAssertEqual(try evaluate("$millis()", nil, context), .int(1_700_000_000_000))
        XCTAssertEqual(try evaluate("$now()", nil, context), "2023-11-14T22:13:20.000Z")
        XCTAssertEqual(try evaluate("$now('[H01]:[m01]', '-0500')", nil, context), "17:13")
        // The same timestamp throughout one evaluation.
        XCTAssertEqual(try evaluate("$millis() = $millis()", nil, context), true)
        XCTAssertEqual(try evaluate("$random()", nil, context), .double(0.25))
    }

    func testRunawayRecursionFailsInsteadOfCrashing() throws {
        // Not a tail call: each level nests deeper until the depth bound.
        let deep = error("($f := function($n) { 1 + $f($n + 1) }; $f(0))")
        XCTAssertEqual(deep?.code, "U1001")
        // A tail call runs in constant depth (jsonata.org, "Tail call optimization").
        XCTAssertEqual(try evaluate("($count := function($n, $acc) { $n = 0 ? $acc : $count($n - 1, $acc + 1) }; $count(5000, 0))"),
                       .int(5000))
    }

    func testDeepRecursionIsBoundedByDepthNotByTheCallersStack() throws {
        // With almost no stack allowed on this thread, the evaluation moves to a thread of
        // its own; only the depth bound limits it.
        var limits = JSONataLimits(maximumDepth: 5000)
        limits.callerStackBytes = 16 * 1024
        let sum = "($f := function($n) { $n = 0 ? 0 : $n + $f($n - 1) }; $f(300))"
        XCTAssertEqual(try evaluate(sum, nil, JSONataContext(limits: limits)), .int(45150))  // 300 × 301 / 2
        limits.maximumDepth = 100
        XCTAssertEqual(error(sum, nil, JSONataContext(limits: limits))?.code, "U1001")
    }

    func testEndlessLoopsStopAtTheStepOrTimeBound() throws {
        let loop = "($f := function($n) { $f($n + 1) }; $f(0))"
        let steps = JSONataContext(limits: JSONataLimits(maximumSteps: 100_000, timeLimit: nil))
        XCTAssertEqual(error(loop, nil, steps)?.code, "U1001")
        let time = JSONataContext(limits: JSONataLimits(timeLimit: .milliseconds(20)))
        XCTAssertEqual(error(loop, nil, time)?.code, "U1001")
        // A catastrophic regular expression is stopped the same way.
        let regex = "$match('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!', /(a+)+b/)"
        XCTAssertEqual(error(regex, nil, steps)?.code, "U1001")
    }

    func testSyntaxErrorsSayWhere() {
        // jsonata-js reports the position just past the token at fault.
        var e = error("Account.Order[0")
        XCTAssertEqual(e?.code, "S0203")
        XCTAssertEqual(e?.position, 15)
        XCTAssertEqual(e?.message, "Expected \"]\" before end of expression")
        e = error("(1 + 2]")
        XCTAssertEqual(e?.code, "S0202")
        XCTAssertEqual(e?.position, 7)
        XCTAssertEqual(e?.message, "Expected \")\", got \"]\"")
        e = error("\"abc")
        XCTAssertEqual(e?.code, "S0101")
    }

    func testNewerOperatorsCanBeRejectedAsStepFunctionsDoes() throws {
        // `??` is JSONata 2.1; 2.0.6 reads `a ?? b` as `a ? (? b)`: `?` as a prefix is S0211.
        XCTAssertEqual(try JSONataExpression("a ?? 'x'").evaluate(nil), "x")
        XCTAssertThrowsError(try JSONataExpression("a ?? 'x'", newerOperators: false)) { error in
            XCTAssertEqual((error as? JSONataError)?.code, "S0211")
            XCTAssertEqual((error as? JSONataError)?.position, 4)
        }
    }

    func testEvaluationErrorsSayWhatAndWhere() {
        let e = error("'a' + 1")
        XCTAssertEqual(e?.code, "T2001")
        XCTAssertEqual(e?.message, "The left side of the \"+\" operator must evaluate to a number")
        XCTAssertEqual(e?.position, 5)
        XCTAssertEqual(error("$error('stop')")?.message, "stop")
    }

    func testOneExpressionEvaluatesConcurrently() throws {
        let expression = try JSONataExpression("$sum($map(items, function($v) { $v * 2 }))")
        let results = Results()
        DispatchQueue.concurrentPerform(iterations: 16) { i in
            let input: JSONValue = ["items": .array((0...i).map { .int(Int64($0)) })]
            results.set(i, (try? expression.evaluate(input)) ?? nil)
        }
        for i in 0..<16 {
            // 2 × (0 + 1 + ... + i)
            XCTAssertEqual(results.get(i), .int(Int64(i * (i + 1))))
        }
    }
}

/// Results written from many threads.
private final class Results: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [Int: JSONValue] = [:]
    func set(_ i: Int, _ value: JSONValue?) { lock.withLock { values[i] = value } }
    func get(_ i: Int) -> JSONValue? { lock.withLock { values[i] } }
}
