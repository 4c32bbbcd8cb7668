import JSONValue
import XCTest

/// Compact and pretty output, number formatting and string escaping, and round trips.
final class WriterTests: XCTestCase {
    func testCompact() {
        let value: JSONValue = ["a": 1, "b": [true, nil], "c": ["d": "e"], "f": [], "g": [:]]
        XCTAssertEqual(value.compactString(), #"{"a":1,"b":[true,null],"c":{"d":"e"},"f":[],"g":{}}"#)
        XCTAssertEqual(value.description, value.compactString())
        XCTAssertEqual("\(JSONValue.array([1, 2]))", "[1,2]")
    }

    func testPretty() {
        let value: JSONValue = ["a": 1, "b": [true, nil], "c": [:], "d": [], "e": ["f": "g", "h": [[]]]]
        XCTAssertEqual(value.prettyString(), """
            {
              "a": 1,
              "b": [
                true,
                null
              ],
              "c": {},
              "d": [],
              "e": {
                "f": "g",
                "h": [
                  []
                ]
              }
            }
            """)
        XCTAssertEqual(JSONValue.array([["x": 1]]).prettyString(indent: 4), "[\n    {\n        \"x\": 1\n    }\n]")
        XCTAssertEqual(JSONValue.object(["a": 1]).prettyString(indent: 0), "{\n\"a\": 1\n}")
        XCTAssertEqual(JSONValue.int(1).prettyString(), "1")
        XCTAssertEqual(JSONValue.object([:]).prettyString(), "{}")
        XCTAssertEqual(JSONValue.array([]).prettyString(), "[]")
    }

    func testIntegers() {
        XCTAssertEqual(JSONValue.int(0).compactString(), "0")
        XCTAssertEqual(JSONValue.int(1).compactString(), "1")
        XCTAssertEqual(JSONValue.int(-42).compactString(), "-42")
        XCTAssertEqual(JSONValue.int(9_007_199_254_740_993).compactString(), "9007199254740993")
        XCTAssertEqual(JSONValue.int(.max).compactString(), "9223372036854775807")
        XCTAssertEqual(JSONValue.int(.min).compactString(), "-9223372036854775808")
    }

    /// Doubles print Swift's shortest round-tripping form, never mistakable for an integer.
    func testDoubles() {
        XCTAssertEqual(JSONValue.double(1.5).compactString(), "1.5")
        XCTAssertEqual(JSONValue.double(1.0).compactString(), "1.0")
        XCTAssertEqual(JSONValue.double(-0.0).compactString(), "-0.0")
        XCTAssertEqual(JSONValue.double(0.1).compactString(), "0.1")
        XCTAssertEqual(JSONValue.double(0.1 + 0.2).compactString(), "0.30000000000000004")
        XCTAssertEqual(JSONValue.double(1e15).compactString(), "1000000000000000.0")
        XCTAssertEqual(JSONValue.double(1e16).compactString(), "1e+16")
        XCTAssertEqual(JSONValue.double(1e21).compactString(), "1e+21")
        XCTAssertEqual(JSONValue.double(0.00001).compactString(), "1e-05")
        XCTAssertEqual(JSONValue.double(.leastNonzeroMagnitude).compactString(), "5e-324")
        XCTAssertEqual(JSONValue.double(.nan).compactString(), "null")
        XCTAssertEqual(JSONValue.array([.double(.infinity), .double(-.infinity)]).compactString(), "[null,null]")
    }

    func testStringEscaping() {
        let text = "q\"b\\s/\u{8}\u{C}\n\r\t\u{0}\u{1}\u{1F}\u{7F}é😀"
        XCTAssertEqual(JSONValue.string(text).compactString(), #""q\"b\\s/\b\f\n\r\t\u0000\u0001\u001f"# + "\u{7F}é😀\"")
        XCTAssertEqual(JSONValue.object(["k\"\n": "v"]).compactString(), #"{"k\"\n":"v"}"#)
        XCTAssertEqual(JSONValue.string("").compactString(), #""""#)
    }

    /// The compact text's UTF-8, escapes and characters beyond ASCII included, written out here
    /// byte by byte.
    func testCompactTextsUTF8() {
        let value: JSONValue = ["é\n": ["q\"", 1, -2.5, nil, false], "😀": [:]]
        let expected: [UInt8] = [0x7B, 0x22, 0xC3, 0xA9, 0x5C, 0x6E, 0x22, 0x3A, 0x5B, 0x22, 0x71, 0x5C, 0x22, 0x22, 0x2C, 0x31, 0x2C,
                                 0x2D, 0x32, 0x2E, 0x35, 0x2C, 0x6E, 0x75, 0x6C, 0x6C, 0x2C, 0x66, 0x61, 0x6C, 0x73, 0x65, 0x5D, 0x2C,
                                 0x22, 0xF0, 0x9F, 0x98, 0x80, 0x22, 0x3A, 0x7B, 0x7D, 0x7D]
        XCTAssertEqual(Array(value.compactString().utf8), expected)
    }

    func testRoundTripKeepsTextAndOrder() throws {
        let texts = [
            #"{"z":1,"a":[1.5,1.0,-0.0,9007199254740993,"x"],"m":{"b":null,"a":false}}"#,
            #"[1e+21,1e-05,0.30000000000000004,-9223372036854775808,"\"\\\n\u001f😀/"]"#,
            "\"\"", "[]", "{}", "true",
        ]
        for text in texts {
            XCTAssertEqual(try JSONValue.parse(text).compactString(), text)
        }
    }

    func testPrettyAndCompactParseBack() throws {
        let value: JSONValue = ["a": [1, 2.5, "three", ["four": nil]], "b": [:], "c": [], "d": "\u{1}\u{2028}"]
        XCTAssertEqual(try JSONValue.parse(value.prettyString()), value)
        XCTAssertEqual(try JSONValue.parse(value.prettyString(indent: 7)), value)
        XCTAssertEqual(try JSONValue.parse(value.compactString()), value)
    }

    func testDeepestParsableValueWritesBack() throws {
        let depth = JSONValue.maximumNestingDepth
        let text = String(repeating: #"{"a":["#, count: depth / 2) + String(repeating: "]}", count: depth / 2)
        let value = try JSONValue.parse(text)
        XCTAssertEqual(value.compactString(), text)
        XCTAssertEqual(try JSONValue.parse(value.prettyString()), value)
    }

    /// Any finite double written and read back is the same double, bit for bit.
    func testDoublesRoundTripExactly() throws {
        var random = SplitMix64(seed: 2024)
        var checked = 0
        while checked < 5_000 {
            let number = Double(bitPattern: random.next())
            guard number.isFinite else { continue }
            checked += 1
            let text = JSONValue.double(number).compactString()
            guard case .double(let parsed) = try JSONValue.parse(text) else { return XCTFail("\(text) is not a double") }
            XCTAssertEqual(parsed.bitPattern, number.bitPattern, text)
        }
    }
}
