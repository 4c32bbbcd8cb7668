import JSONata
import JSONValue
import XCTest

/// The evaluator's shortcuts (a field compared with a literal in a predicate, a field read as
/// a step, a lambda's frame reused between calls, arguments checked against an array
/// parameter) must give what the general rules give, errors and bounds included. Each case
/// is checked against JSONata's documented semantics (jsonata.org: predicates, function
/// scope, signatures) and, where the shortcut can be defeated by writing the same thing
/// another way (`(price) > 50` is a block, not a field), against that form too.
final class ShortcutTests: XCTestCase {
    private func evaluate(_ text: String, _ input: JSONValue? = nil, limits: JSONataLimits = JSONataLimits()) throws -> JSONValue? {
        try JSONataExpression(text).evaluate(input, context: JSONataContext(limits: limits))
    }

    private func errorCode(_ text: String, _ input: JSONValue? = nil, limits: JSONataLimits = JSONataLimits()) -> String? {
        do {
            _ = try evaluate(text, input, limits: limits)
            return nil
        } catch let error as JSONataError {
            return error.code
        } catch {
            XCTFail("unexpected \(error)")
            return nil
        }
    }

    private let items: JSONValue = ["items": [
        ["sku": "A", "price": 10], ["sku": "B", "price": 60], ["sku": "C"], ["sku": "D", "price": 50],
        ["sku": "E", "price": [70, 80]], ["sku": "F", "price": nil],
    ]]

    func testFieldComparedWithALiteralSelectsAsTheGeneralRulesDo() throws {
        // Numbers, strings and missing fields: a missing field is undefined, never selected.
        let plain: JSONValue = ["items": [["sku": "A", "price": 10], ["sku": "B", "price": 60], ["sku": "C"], ["sku": "D", "price": 50]]]
        XCTAssertEqual(try evaluate("items[price > 50].sku", plain), "B")
        XCTAssertEqual(try evaluate("items[price >= 50].sku", plain), ["B", "D"])
        for op in ["=", "!=", "<", "<=", ">", ">="] {
            XCTAssertEqual(try evaluate("items[price \(op) 50].sku", plain), try evaluate("items[(price) \(op) 50].sku", plain), op)
            XCTAssertEqual(try evaluate("items[sku \(op) 'B'].sku", plain), try evaluate("items[(sku) \(op) 'B'].sku", plain), op)
        }
        // An array or null field takes the general rules: `=`/`!=` compare deeply, ordering
        // them is T2010 (jsonata.org, comparison operators).
        XCTAssertEqual(try evaluate("items[price = 50].sku", items), "D")
        XCTAssertEqual(try evaluate("items[price != 50].sku", items), ["A", "B", "E", "F"])
        XCTAssertEqual(try evaluate("items[sku = 'C'].price", items), nil)
        XCTAssertEqual(try evaluate("items[sku < 'C'].sku", items), ["A", "B"])
        XCTAssertEqual(errorCode("items[price > 50].sku", items), "T2010")
        // A string field against a number: T2009, as without the shortcut.
        XCTAssertEqual(errorCode("items[sku > 5]", items), "T2009")
        XCTAssertEqual(errorCode("items[(sku) > 5]", items), "T2009")
    }

    func testFieldStepsGiveWhatTheGeneralRulesGive() throws {
        // Arrays in a field are flattened into the step's result; missing fields drop out.
        XCTAssertEqual(try evaluate("items.price", items), [10, 60, 50, 70, 80, nil])
        XCTAssertEqual(try evaluate("items.(price)", items), [10, 60, 50, 70, 80, nil])
    }

    func testEachLambdaCallHasItsOwnScope() throws {
        // A variable a call assigns is not seen by the next call (jsonata.org: each function
        // invocation gets a new frame).
        XCTAssertEqual(try evaluate("$map([1, 2, 3], function($v) { $y := $y ? $y : $v })"), [1, 2, 3])
        // Closures made in different calls keep their own `$v`.
        XCTAssertEqual(try evaluate("$map([1, 2, 3], function($v) { function() { $v } }) ~> $map(function($f) { $f() })"), [1, 2, 3])
        XCTAssertEqual(try evaluate("($f := function($v) { $v * 2 }; [$f(1), $f(2), $f(3)])"), [2, 4, 6])
        // Recursion: each level's parameter stays its own while deeper calls run.
        XCTAssertEqual(try evaluate("($fact := function($n) { $n <= 1 ? 1 : $n * $fact($n - 1) }; $fact(5))"), 120)
    }

    func testArrayParametersWrapAndCheckAsTheSignatureSays() throws {
        // `$join`'s signature is <a<s>s?:s>: a single string is wrapped; members must be strings.
        XCTAssertEqual(try evaluate("$join('a')"), "a")
        XCTAssertEqual(try evaluate("$join(['a', 'b'], '-')"), "a-b")
        XCTAssertEqual(try evaluate("$join([], '-')"), "")
        XCTAssertEqual(errorCode("$join(['a', 1])"), "T0412")
        XCTAssertEqual(errorCode("$join(1)"), "T0412")
        XCTAssertEqual(try evaluate("$join($split('a-b-c', '-'), '_')"), "a_b_c")
    }

    func testShortcutsKeepTheDepthBound() throws {
        // `a[b > 1]`: the path (level 1) evaluates the step `a` (2) and its predicate (2), whose
        // left side is a path (3) of one name (4): depth 3 is too shallow, 4 is enough.
        let input: JSONValue = ["a": [["b": 2], ["b": 0]]]
        XCTAssertEqual(errorCode("a[b > 1]", input, limits: JSONataLimits(maximumDepth: 3)), "U1001")
        XCTAssertEqual(try evaluate("a[b > 1]", input, limits: JSONataLimits(maximumDepth: 4)), ["b": 2])
    }

    private func errorPosition(_ text: String, _ input: JSONValue? = nil) -> (String, Int?)? {
        do {
            _ = try evaluate(text, input)
            return nil
        } catch let error as JSONataError {
            return (error.code, error.position)
        } catch {
            XCTFail("unexpected \(error)")
            return nil
        }
    }

    func testConcatenationChainsGiveWhatEachAmpersandGives() throws {
        // jsonata.org, string operators: `&` casts each operand with $string; undefined is ''.
        XCTAssertEqual(try evaluate("'a' & 1 & true & null & [1, 2] & {'k': 'v'} & nothing & 'b'"), "a1truenull[1,2]{\"k\":\"v\"}b")
        XCTAssertEqual(try evaluate("('a' & 'b') & ('c' & 'd') & 'e'"), "abcde")
        XCTAssertEqual(try evaluate("x & '-' & x", ["x": "long text past fifteen bytes"]), "long text past fifteen bytes-long text past fifteen bytes")
        // An operand $string cannot cast (Infinity) fails at its own `&`, chained or not.
        let alone = errorPosition("'a' & (1/0)")
        XCTAssertEqual(alone?.0, "D3001")
        XCTAssertEqual(alone?.1, 5)
        let chained = errorPosition("'a' & (1/0) & 'b'")
        XCTAssertEqual(chained?.0, "D3001")
        XCTAssertEqual(chained?.1, 5)
        XCTAssertEqual(errorPosition("'a' & 'b' & (1/0)")?.1, 11)
    }

    func testConcatenationChainsKeepTheDepthBound() throws {
        // Each `&` is one level: the outer one (1) evaluates the next (2) ... the fifth (5),
        // whose operands are at level 6.
        let chain = "'a' & 'b' & 'c' & 'd' & 'e' & 'f'"
        XCTAssertEqual(errorCode(chain, limits: JSONataLimits(maximumDepth: 5)), "U1001")
        XCTAssertEqual(try evaluate(chain, limits: JSONataLimits(maximumDepth: 6)), "abcdef")
    }

    func testFieldPathsOfAVariableGiveWhatTheGeneralRulesGive() throws {
        // A path from a variable (`$i.price`) over objects, arrays, missing fields and other values.
        let input: JSONValue = ["o": ["a": ["b": 1, "c": [1, 2], "d": [["e": 1], ["e": 2]]]]]
        XCTAssertEqual(try evaluate("($x := o; $x.a.b)", input), 1)
        XCTAssertEqual(try evaluate("($x := o; $x.a.c)", input), [1, 2])
        XCTAssertEqual(try evaluate("($x := o; $x.a.d.e)", input), [1, 2])
        XCTAssertEqual(try evaluate("($x := o; $x.a.missing)", input), nil)
        XCTAssertEqual(try evaluate("($x := o; $x.a.b.c)", input), nil)
        XCTAssertEqual(try evaluate("($x := [o, o]; $x.a.b)", input), [1, 1])
        XCTAssertEqual(try evaluate("$unbound.a", input), nil)
        XCTAssertEqual(try evaluate("$string.a", input), nil)
        // A built-in shadowed by a binding is the binding, also as a callee.
        XCTAssertEqual(try evaluate("($uppercase := function($s) { $s & '!' }; $uppercase('a'))"), "a!")
        // Calling what is not a function (an array holding one, nothing) is T1006.
        XCTAssertEqual(errorCode("($f := [function($s) { $s }]; $f('a'))"), "T1006")
        XCTAssertEqual(errorCode("$nothing('a')"), "T1006")
    }

    func testStringFunctionsOnTheirEdges() throws {
        // jsonata.org, string functions: $trim collapses runs of whitespace to one space and
        // strips the ends; $split by a string keeps empty parts and takes a limit; $length
        // counts code points; $join puts the separator between the strings.
        XCTAssertEqual(try evaluate("$trim('  a  b\\t\\nc  ')"), "a b c")
        XCTAssertEqual(try evaluate("$trim('a b')"), "a b")
        XCTAssertEqual(try evaluate("$trim(' \\t ')"), "")
        XCTAssertEqual(try evaluate("$trim('')"), "")
        XCTAssertEqual(try evaluate("$split('a--b-', '-')"), ["a", "", "b", ""])
        XCTAssertEqual(try evaluate("$split('a-b-c', '-', 2)"), ["a", "b"])
        XCTAssertEqual(try evaluate("$split('', '-')"), [""])
        XCTAssertEqual(try evaluate("$split('ab', '')"), ["a", "b"])
        XCTAssertEqual(try evaluate("$split('h\\u00e9\\u00e9h', '\\u00e9')"), ["h", "", "h"])
        XCTAssertEqual(try evaluate("$length('h\\u00e9\\ud83d\\ude00')"), 3)
        XCTAssertEqual(try evaluate("$join(['a', 'b', 'c'])"), "abc")
        XCTAssertEqual(try evaluate("$join(['\\u00e9', 'b'], '\\u00e9')"), "\u{e9}\u{e9}b")
    }
}
