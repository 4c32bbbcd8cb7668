import Events
import JSONValue
import XCTest

/// Rejected patterns: AWS's reasons (InvalidEventPatternException, "Event pattern is not valid.
/// Reason: ..."; the quoted answers were recorded from AWS by LocalStack's parity tests), every
/// problem at once, each with its line, column and path.
final class EventPatternErrorTests: EventPatternTestCase {
    /// Structure: AWS answers `{"int": 42}` with "\"int\" must be an object or an array",
    /// `{"resources": []}` with "Empty arrays are not allowed", `["not", "a", "dict"]` with
    /// "Filter is not an object", and `{"detail": {}}` with "Empty objects are not allowed".
    func testStructureProblems() {
        assertRejected(#"{"int": 42}"#, [#""int" must be an object or an array"#])
        assertRejected(#"{"string": "my-value"}"#, [#""string" must be an object or an array"#])
        assertRejected(#"{"resources": []}"#, ["Empty arrays are not allowed"])
        assertRejected(#"["not", "a", "dict", "but valid json"]"#, ["Filter is not an object"])
        assertRejected(#"{"source": ["aws.health"], "detail": {}}"#, ["Empty objects are not allowed"])
        assertRejected("{}", ["Empty objects are not allowed"])
        assertRejected(#"{"a": [["nested"]]}"#, ["Match value must be String, number, true, false, or null"])
        assertRejected(#"{"a": [{}]}"#, ["Match expression name not found"])
    }

    /// Operators: each wrong operand with AWS's recorded reason.
    func testOperatorProblems() {
        assertRejected(#"{"my_key": [{"EXISTS": true}]}"#, ["Unrecognized match type EXISTS"])
        assertRejected(#"{"time": [{"prefix": ["2022-07-13"]}]}"#, ["prefix match pattern must be a string"])
        assertRejected(#"{"time": [{"prefix": 123}]}"#, ["prefix match pattern must be a string"])
        assertRejected(#"{"FileName": [{"suffix": [".png"]}]}"#, ["suffix match pattern must be a string"])
        assertRejected(#"{"s": [{"prefix": {"wildcard": "x"}}]}"#, ["Unsupported prefix pattern: wildcard"])
        assertRejected(#"{"detail-type": [{"equals-ignore-case": ["ec2"]}]}"#, ["equals-ignore-case match pattern must be a string"])
        assertRejected(#"{"detail-type": [{"equals-ignore-case": {"prefix": "ec2"}}]}"#, ["equals-ignore-case match pattern must be a string"])
        assertRejected(#"{"EventBusArn": [{"wildcard": 123}]}"#, ["wildcard match pattern must be a string"])
        assertRejected(#"{"a": [{"exists": "yes"}]}"#, ["exists match pattern must be either true or false."])
        assertRejected(#"{"a": [{"prefix": "x", "suffix": "y"}]}"#, ["Only one key allowed in match expression"])
    }

    /// "consecutive wildcard characters are not allowed"; AWS counts positions from 1 (it answers
    /// `arn:aws:events:us-east-1:**:event-bus/*` with "Consecutive wildcard characters at pos 26").
    func testWildcardProblems() {
        assertRejected(#"{"EventBusArn": [{"wildcard": "arn:aws:events:us-east-1:**:event-bus/*"}]}"#, ["Consecutive wildcard characters at pos 26"])
        assertRejected(#"{"v": [{"wildcard": "a\\b"}]}"#, ["Invalid escape character at pos 2"])
        assertRejected(#"{"v": [{"anything-but": {"wildcard": ["ok*", "**"]}}]}"#, ["Consecutive wildcard characters at pos 1"])
    }

    /// CIDR: AWS answers "bad-cidr"-like operands with "Malformed CIDR, one '/' required",
    /// `10.0.0.0/xx` with "Malformed CIDR, mask bits must be an integer", `xx.11.xx/24` with
    /// "Nonstandard IP address: xx.11.xx", and `["bad-type"]` with "prefix match pattern must be a string".
    func testCIDRProblems() {
        assertRejected(#"{"ip": [{"cidr": "bad-cidr"}]}"#, ["Malformed CIDR, one '/' required"])
        assertRejected(#"{"ip": [{"cidr": "10.0.0.0/xx"}]}"#, ["Malformed CIDR, mask bits must be an integer"])
        assertRejected(#"{"ip": [{"cidr": "10.0.0.0/-1"}]}"#, ["Malformed CIDR, mask bits must not be negative"])
        assertRejected(#"{"ip": [{"cidr": "xx.11.xx/24"}]}"#, ["Nonstandard IP address: xx.11.xx"])
        assertRejected(#"{"ip": [{"cidr": "xxxx:db8:1234:1a00::/64"}]}"#, ["Nonstandard IP address: xxxx:db8:1234:1a00::"])
        assertRejected(#"{"ip": [{"cidr": "10.0.0.256/24"}]}"#, ["Invalid IP address: 10.0.0.256"])
        assertRejected(#"{"ip": [{"cidr": "10.0.0.0/32"}]}"#, ["IPv4 mask bits must be < 32"])
        assertRejected(#"{"ip": [{"cidr": "::/128"}]}"#, ["IPv6 mask bits must be < 128"])
        assertRejected(#"{"ip": [{"cidr": ["bad-type"]}]}"#, ["prefix match pattern must be a string"])
    }

    /// anything-but: the recorded reasons for wrong operands.
    func testAnythingButProblems() {
        assertRejected(#"{"s": [{"anything-but": {"equals-ignore-case": 123}}]}"#, ["Inside anything-but/equals-ignore-case list, number|start|null|boolean is not supported."])
        assertRejected(#"{"s": [{"anything-but": {"prefix": 123}}]}"#, ["prefix/suffix match pattern must be a string"])
        assertRejected(#"{"s": [{"anything-but": {"suffix": [123, ".txt"]}}]}"#, ["prefix/suffix match pattern must be a string"])
        assertRejected(#"{"s": [{"anything-but": {"wildcard": [123, "*/dir/*"]}}]}"#, ["wildcard match pattern must be a string"])
        assertRejected(#"{"s": [{"anything-but": {"prefix": {"equals-ignore-case": "file"}}}]}"#, ["Value of anything-but must be an array or single string/number value."])
        assertRejected(#"{"s": [{"anything-but": {"prefix": ""}}]}"#, ["Null prefix/suffix not allowed"])
        assertRejected(#"{"s": [{"anything-but": {"exists": true}}]}"#, ["Unsupported anything-but pattern: exists"])
        assertRejected(#"{"s": [{"anything-but": {}}]}"#, ["Anything-But expression name not found"])
        assertRejected(#"{"s": [{"anything-but": null}]}"#, ["Value of anything-but must be an array or single string/number value."])
        assertRejected(#"{"s": [{"anything-but": ["a", 1]}]}"#, ["Inside anything but list, either all values are number or string, mixed type is not supported"])
        assertRejected(#"{"s": [{"anything-but": []}]}"#, ["Inside anything but list, either all values are number or string, mixed type is not supported"])
        assertRejected(#"{"s": [{"anything-but": ["a", null]}]}"#, ["Inside anything but list, start|null|boolean is not supported."])
    }

    /// "A definition with five mistakes gets five diagnostics": every problem, in document order,
    /// each at the line and column where its value starts.
    func testEveryProblemWithItsPlace() {
        let text = """
            {
              "source": "aws.states",
              "detail": {
                "status": [],
                "count": [{"numeric": [">", 10, "<", 5]}],
                "name": [{"Prefix": "x"}]
              }
            }
            """
        let found = problems(text)
        XCTAssertEqual(found.map(\.description), [
            #"2:13: "source" must be an object or an array (at $.source)"#,
            "4:15: Empty arrays are not allowed (at $.detail.status)",
            "5:33: Bottom must be less than top (at $.detail.count[0].numeric[1])",
            "6:15: Unrecognized match type Prefix (at $.detail.name[0].Prefix)",
        ])
        XCTAssertEqual(found.first?.line, 2)
        XCTAssertEqual(found.first?.column, 13)
        XCTAssertEqual(found.first?.path, ["source"])
    }

    /// Paths quote keys that are not plain names, such as `detail-type`.
    func testPathsQuoteOddKeys() {
        let found = problems(#"{"detail-type": "Step Functions Execution Status Change"}"#)
        XCTAssertEqual(found.map(\.description), [#"1:17: "detail-type" must be an object or an array (at $['detail-type'])"#])
    }

    /// Invalid JSON is one problem where the JSON parser stopped.
    func testInvalidJSON() {
        let found = problems("{\n  \"source\": [\"aws.states\"\n}")
        XCTAssertEqual(found.count, 1)
        XCTAssertEqual(found.first?.line, 3)
        XCTAssertEqual(found.first?.path, [])
    }

    /// A pattern given as a `JSONValue` has paths but no places; `awsMessage` reads as AWS's.
    func testValuePatternsHaveNoPlaces() {
        XCTAssertThrowsError(try EventPattern(["resources": []])) { error in
            guard let error = error as? EventPatternError else { return XCTFail("wrong error \(error)") }
            XCTAssertNil(error.problems.first?.location)
            XCTAssertEqual(error.description, "Empty arrays are not allowed (at $.resources)")
            XCTAssertEqual(error.awsMessage, "Event pattern is not valid. Reason: Empty arrays are not allowed")
        }
    }
}
