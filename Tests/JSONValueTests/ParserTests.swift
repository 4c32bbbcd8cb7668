import JSONValue
import XCTest

/// Successful parses: what each kind of input becomes.
final class ParserTests: XCTestCase {
    func testScalarsAtTopLevel() throws {
        XCTAssertEqual(try JSONValue.parse("null"), .null)
        XCTAssertEqual(try JSONValue.parse("true"), .bool(true))
        XCTAssertEqual(try JSONValue.parse("false"), .bool(false))
        XCTAssertEqual(try JSONValue.parse("\"a\""), .string("a"))
        XCTAssertEqual(try JSONValue.parse(" \t\r\n 7 \n"), .int(7))
    }

    func testContainers() throws {
        XCTAssertEqual(try JSONValue.parse("[]"), .array([]))
        XCTAssertEqual(try JSONValue.parse("{ }"), .object([:]))
        XCTAssertEqual(
            try JSONValue.parse(#"{"a": [1, {"b": null}, []], "c": {"d": {}}}"#),
            ["a": [1, ["b": nil], []], "c": ["d": [:]]]
        )
    }

    func testIntegersStayIntegers() throws {
        XCTAssertEqual(try JSONValue.parse("1"), .int(1))
        XCTAssertEqual(try JSONValue.parse("-12"), .int(-12))
        // 2^53 + 1 has no exact double; it must not go through one.
        XCTAssertEqual(try JSONValue.parse("9007199254740993"), .int(9_007_199_254_740_993))
        XCTAssertEqual(try JSONValue.parse("9223372036854775807"), .int(.max))
        XCTAssertEqual(try JSONValue.parse("-9223372036854775808"), .int(.min))
    }

    func testIntegersBeyondInt64BecomeDoubles() throws {
        XCTAssertEqual(try JSONValue.parse("9223372036854775808"), .double(9_223_372_036_854_775_808.0))
        XCTAssertEqual(try JSONValue.parse("-9223372036854775809"), .double(-9_223_372_036_854_775_809.0))
        XCTAssertEqual(try JSONValue.parse("18446744073709551616"), .double(1.8446744073709552e19))
        XCTAssertEqual(try JSONValue.parse("1" + String(repeating: "0", count: 308)), .double(1e308))
    }

    func testZeroes() throws {
        XCTAssertEqual(try JSONValue.parse("0"), .int(0))
        // Documented choice: -0 has no Int64 form and is read as the integer 0, as Jackson does.
        XCTAssertEqual(try JSONValue.parse("-0"), .int(0))
        guard case .double(let negativeZero) = try JSONValue.parse("-0.0") else { return XCTFail("-0.0 is a double") }
        XCTAssertEqual(negativeZero, 0)
        XCTAssertEqual(negativeZero.sign, .minus)
        XCTAssertEqual(try JSONValue.parse("0e5"), .double(0))
    }

    func testDoubles() throws {
        XCTAssertEqual(try JSONValue.parse("1.5"), .double(1.5))
        XCTAssertEqual(try JSONValue.parse("1.0"), .double(1.0))
        XCTAssertNotEqual(try JSONValue.parse("1.0"), .int(1))
        XCTAssertEqual(try JSONValue.parse("1e2"), .double(100))
        XCTAssertEqual(try JSONValue.parse("1E+2"), .double(100))
        XCTAssertEqual(try JSONValue.parse("-1e-2"), .double(-0.01))
        XCTAssertEqual(try JSONValue.parse("0.1"), .double(0.1))
        XCTAssertEqual(try JSONValue.parse("0.30000000000000004"), .double(0.1 + 0.2))
        XCTAssertEqual(try JSONValue.parse("3.14159265358979323846264338327950288"), .double(.pi))
        XCTAssertEqual(try JSONValue.parse("1.7976931348623157e308"), .double(.greatestFiniteMagnitude))
        XCTAssertEqual(try JSONValue.parse("2.2250738585072014e-308"), .double(.leastNormalMagnitude))
        XCTAssertEqual(try JSONValue.parse("5e-324"), .double(.leastNonzeroMagnitude))
        // Underflow is not an error: the nearest double is zero.
        XCTAssertEqual(try JSONValue.parse("1e-400"), .double(0))
        XCTAssertEqual(try JSONValue.parse("1e-99999999999999999999"), .double(0))
    }

    /// The parser's own fast path must agree with the standard library on every number.
    func testNumbersAgreeWithStandardLibrary() throws {
        var random = SplitMix64(seed: 42)
        for _ in 0..<5_000 {
            let integerDigits = String(random.next() % 10_000_000_000)
            let fraction = String(random.next() % 100_000_000_000_000_000)
            let exponent = Int(random.next() % 80) - 40
            let text = "\(integerDigits).\(fraction)e\(exponent)"
            XCTAssertEqual(try JSONValue.parse(text), .double(Double(text)!), text)
        }
    }

    func testStringEscapes() throws {
        XCTAssertEqual(try JSONValue.parse(#""\"\\\/\b\f\n\r\t""#), .string("\"\\/\u{8}\u{c}\n\r\t"))
        XCTAssertEqual(try JSONValue.parse(#""a\u0041\u00e9\u4E2D\u0000z""#), .string("aAé中\u{0}z"))
        XCTAssertEqual(try JSONValue.parse(#""\ud83d\ude00""#), .string("😀"))
        XCTAssertEqual(try JSONValue.parse(#""<\uD83D\uDE00>""#), .string("<😀>"))
        XCTAssertEqual(try JSONValue.parse(#""\u20ac\u00A0""#), .string("€\u{A0}"))
    }

    func testRawUnicodeInStrings() throws {
        XCTAssertEqual(try JSONValue.parse("\"héllo 😀 中文 \u{7F}\""), .string("héllo 😀 中文 \u{7F}"))
        XCTAssertEqual(try JSONValue.parse("[\"e\u{301}\", \"\\n😀\"]"), ["e\u{301}", "\n😀"])
    }

    func testKeyOrderIsKept() throws {
        let value = try JSONValue.parse(#"{"b": 1, "a": 2, "c": {"z": 0, "y": 0}}"#)
        XCTAssertEqual(value.objectValue.map { Array($0.keys) }, ["b", "a", "c"])
        XCTAssertEqual(value["c"]?.objectValue.map { Array($0.keys) }, ["z", "y"])
    }

    /// Documented choice: the last value wins, at the position of the first occurrence.
    func testDuplicateKeys() throws {
        let value = try JSONValue.parse(#"{"a": 1, "b": 2, "a": 3}"#)
        XCTAssertEqual(value.objectValue.map { Array($0.keys) }, ["a", "b"])
        XCTAssertEqual(value["a"], .int(3))
        XCTAssertEqual(value.compactString(), #"{"a":3,"b":2}"#)
    }

    /// Documented choice: a leading byte order mark is skipped.
    func testLeadingByteOrderMarkIsSkipped() throws {
        XCTAssertEqual(try JSONValue.parse("\u{FEFF}{\"a\": 1}"), ["a": 1])
        XCTAssertEqual(try JSONValue.parse(bytes: [0xEF, 0xBB, 0xBF, 0x31]), .int(1))
    }

    func testByteInputs() throws {
        XCTAssertEqual(try JSONValue.parse(bytes: Array("[1, \"é\"]".utf8)), [1, "é"])
        XCTAssertEqual(try JSONValue.parse(bytes: "[true]".utf8), [true])
        // A collection without contiguous storage is copied first.
        XCTAssertEqual(try JSONValue.parse(bytes: "[2]".utf8.lazy.map { $0 }), [2])
        XCTAssertEqual(try JSONValue.parse(bytes: ArraySlice(Array("x[3]".utf8))[1...]), [3])
    }

    func testNestingAtTheLimit() throws {
        let depth = JSONValue.maximumNestingDepth
        XCTAssertEqual(depth, 1000)
        let arrays = try JSONValue.parse(String(repeating: "[", count: depth) + String(repeating: "]", count: depth))
        XCTAssertEqual(nestingDepth(of: arrays), depth)
        let objects = try JSONValue.parse(String(repeating: #"{"a":"#, count: depth) + "1" + String(repeating: "}", count: depth))
        XCTAssertEqual(nestingDepth(of: objects), depth)
    }

    private func nestingDepth(of value: JSONValue) -> Int {
        var depth = 0
        var current = value
        while true {
            switch current {
            case .array(let elements): depth += 1; guard let first = elements.first else { return depth }; current = first
            case .object(let members): depth += 1; guard let first = members.values.first else { return depth }; current = first
            default: return depth
            }
        }
    }
}

/// A small deterministic random generator, so failures reproduce.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
