import Events
import JSONValue
import XCTest

/// Exact values, AND between fields, arrays, null and empty strings, and the Step Functions rule.
final class EventPatternBasicsTests: EventPatternTestCase {
    /// The EC2 event of "Amazon EventBridge event patterns".
    let ec2Event = """
        {"version": "0", "id": "6a7e8feb-b491-4cf7-a9f1-bf3703467718",
         "detail-type": "EC2 Instance State-change Notification", "source": "aws.ec2",
         "account": "111122223333", "time": "2017-12-22T18:43:48Z", "region": "us-west-1",
         "resources": ["arn:aws:ec2:us-west-1:123456789012:instance/i-1234567890abcdef0"],
         "detail": {"instance-id": "i-1234567890abcdef0", "state": "terminated"}}
        """

    /// "The following event pattern processes all Amazon EC2 instance-termination events."
    func testGuideInstanceTerminationExample() throws {
        let rule = #"{"source": ["aws.ec2"], "detail-type": ["EC2 Instance State-change Notification"], "detail": {"state": ["terminated"]}}"#
        try assertMatch(rule, ec2Event, true)
        try assertMatch(rule, ec2Event.replacing("\"terminated\"", with: "\"running\""), false)
    }

    /// "For an event pattern to match an event, the event must contain all the field names listed
    /// in the event pattern. The field names must also appear in the event with the same nesting
    /// structure."
    func testEveryFieldMustMatchAndNesting() throws {
        try assertMatch(#"{"source": ["aws.ec2"], "detail": {"color": ["red"]}}"#, ec2Event, false)
        try assertMatch(#"{"state": ["terminated"]}"#, ec2Event, false)  // not nested under detail
        try assertMatch(#"{"source": ["aws.ec2"], "region": ["us-west-1"]}"#, ec2Event, true)
    }

    /// "match events from Amazon EC2 or AWS Fargate [...] the value for the "source" field is
    /// either "aws.ec2" or "aws.fargate"."
    func testLeafArrayIsOr() throws {
        try assertMatch(#"{"source": ["aws.ec2", "aws.fargate"]}"#, ec2Event, true)
        try assertMatch(#"{"source": ["aws.fargate", "aws.ecs"]}"#, ec2Event, false)
    }

    /// Arrays in event patterns: "the event pattern matches if the intersection of the event
    /// pattern array and the event array is non-empty" (the guide's resources example).
    func testEventArrayMatchesWhenAnyElementMatches() throws {
        let rule = #"{"resources": ["arn:aws:ec2:us-east-1:123456789012:instance/i-b188560f", "arn:aws:ec2:us-east-1:111122223333:instance/i-b188560f"]}"#
        let event = #"{"resources": ["arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:eb56d16b:autoScalingGroupName/ASGTerminate", "arn:aws:ec2:us-east-1:123456789012:instance/i-b188560f"]}"#
        try assertMatch(rule, event, true)
        try assertMatch(rule, #"{"resources": ["arn:aws:ec2:us-east-1:444455556666:instance/i-b188560f"]}"#, false)
    }

    /// event-ruler README (JSON Array Matching): objects in an event array are matched one element
    /// at a time, so Anna's first name and Jones's last name do not combine.
    func testObjectsInEventArraysMatchPerElement() throws {
        let employees = #"{"employees": [{"firstName": "John", "lastName": "Doe"}, {"firstName": "Anna", "lastName": "Smith"}, {"firstName": "Peter", "lastName": "Jones"}]}"#
        try assertMatch(#"{"employees": {"firstName": ["Anna"]}}"#, employees, true)
        try assertMatch(#"{"employees": {"firstName": ["Anna"], "lastName": ["Smith"]}}"#, employees, true)
        try assertMatch(#"{"employees": {"firstName": ["Anna"], "lastName": ["Jones"]}}"#, employees, false)
        // "This works for multi-level arrays too."
        try assertMatch(#"{"employees": {"firstName": ["Peter"]}}"#, #"{"employees": [[{"firstName": "John"}], [{"firstName": "Peter"}]]}"#, true)
    }

    /// "Matching null values and empty strings": `[""]` matches `"eventVersion": ""`, `[null]`
    /// matches `"responseElements": null`, and "An event pattern that matches empty strings
    /// doesn't match values of null."
    func testNullAndEmptyStringAreDistinct() throws {
        let event = #"{"source": "aws.autoscaling", "resources": [], "detail": {"eventVersion": "", "responseElements": null}}"#
        try assertMatch(#"{"detail": {"eventVersion": [""]}}"#, event, true)
        try assertMatch(#"{"detail": {"responseElements": [null]}}"#, event, true)
        try assertMatch(#"{"detail": {"responseElements": [""]}}"#, event, false)
        try assertMatch(#"{"detail": {"eventVersion": [null]}}"#, event, false)
        // A missing field is not null, and an empty event array holds no null (AWS: arrays_empty_null_NEG).
        try assertMatch(#"{"detail": {"other": [null]}}"#, event, false)
        try assertMatch(#"{"resources": [null]}"#, event, false)
    }

    /// Value matching example of the guide (Macie alert): numbers at two levels.
    func testNumbersAtTwoLevels() throws {
        let rule = #"{"source": ["aws.macie"], "detail": {"risk-score": [80], "trigger": {"risk": [8]}}}"#
        try assertMatch(rule, #"{"source": "aws.macie", "detail": {"risk-score": 80, "trigger": {"risk": 8}}}"#, true)
        try assertMatch(rule, #"{"source": "aws.macie", "detail": {"risk-score": 80, "trigger": {"risk": 9}}}"#, false)
    }

    /// Numbers compare numerically: AWS matches `[300]` against `300.0` (recorded; the guide's
    /// "300, 300.0, and 3.0e2 are not considered equal" describes an older engine). A string
    /// never equals a number, nor `true` the string "true".
    func testNumbersCompareByValueNotText() throws {
        try assertMatch(#"{"n": [300]}"#, #"{"n": 300.0}"#, true)
        try assertMatch(#"{"n": [5]}"#, #"{"n": 5.0}"#, true)
        try assertMatch(#"{"n": [3.0e2]}"#, #"{"n": 300}"#, true)
        try assertMatch(#"{"n": [300]}"#, #"{"n": "300"}"#, false)
        try assertMatch(#"{"n": ["300"]}"#, #"{"n": 300}"#, false)
        try assertMatch(#"{"b": [true]}"#, #"{"b": "true"}"#, false)
        try assertMatch(#"{"b": [false]}"#, #"{"b": false}"#, true)
        // Outside the numeric range only the literal matches, as for an account number.
        try assertMatch(#"{"account": [123456789012]}"#, #"{"account": 123456789012}"#, true)
        try assertMatch(#"{"account": [123456789012]}"#, #"{"account": 123456789013}"#, false)
    }

    /// "For strings, EventBridge uses exact character-by-character matching without case-folding
    /// or any other string normalization": a composed é is not a decomposed one.
    func testStringsAreComparedWithoutNormalization() throws {
        try assertMatch(#"{"name": ["caf\u00e9"]}"#, #"{"name": "café"}"#, true)
        try assertMatch(#"{"name": ["cafe\u0301"]}"#, #"{"name": "caf\u00e9"}"#, false)
        try assertMatch(#"{"name": ["Alice"]}"#, #"{"name": "alice"}"#, false)
    }

    /// A pattern leaf against an event object matches nothing but `exists: false`: "Exists
    /// matching only works on leaf nodes. It does not work on intermediate nodes."
    func testLeafPatternAgainstObjectValue() throws {
        let event = #"{"detail": {"state": {"code": 16}}}"#
        try assertMatch(#"{"detail": {"state": [{"exists": true}]}}"#, event, false)
        try assertMatch(#"{"detail": {"state": [{"exists": false}]}}"#, event, true)
        try assertMatch(#"{"detail": {"state": [{"anything-but": "x"}]}}"#, event, false)
        try assertMatch(#"{"detail": {"state": {"code": [16]}}}"#, event, true)
    }

    /// A nested pattern against a scalar finds no fields under it.
    func testNestedPatternAgainstScalar() throws {
        try assertMatch(#"{"detail": {"state": ["running"]}}"#, #"{"detail": "running"}"#, false)
    }

    /// Events are JSON objects; TestEventPattern rejects anything else ("Parameter Event is not valid.").
    func testNonObjectEventsMatchNothing() throws {
        let rule = try pattern(#"{"a": [{"exists": false}]}"#)
        XCTAssertTrue(rule.matches(["b": 1]))
        XCTAssertFalse(rule.matches([["b": 1]]))
        XCTAssertFalse(rule.matches("text"))
    }

    /// Parsing from text and from a `JSONValue` give the same pattern.
    func testTextAndValueGiveEqualPatterns() throws {
        let text = #"{"source": ["aws.states"], "detail": {"status": ["FAILED", {"prefix": "TIMED"}]}}"#
        XCTAssertEqual(try EventPattern.parse(text), try EventPattern(JSONValue.parse(text)))
        XCTAssertNotEqual(try EventPattern.parse(text), try EventPattern.parse(#"{"source": ["aws.states"]}"#))
    }
}
