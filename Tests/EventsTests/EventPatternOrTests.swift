import Events
import JSONValue
import XCTest

/// `"$or"`: "Location is "New York", or Day is "Monday"" (Comparison operators). The examples are
/// event-ruler's README ("The "$or" Primitive").
final class EventPatternOrTests: EventPatternTestCase {
    /// The guide's row: `"$or": [ { "Location": [ "New York" ] }, { "Day": [ "Monday" ] } ]`.
    func testGuideLocationOrDay() throws {
        let rule = #"{"$or": [{"Location": ["New York"]}, {"Day": ["Monday"]}]}"#
        try assertMatch(rule, #"{"Location": "New York", "Day": "Friday"}"#, true)
        try assertMatch(rule, #"{"Location": "Boston", "Day": "Monday"}"#, true)
        try assertMatch(rule, #"{"Location": "Boston", "Day": "Friday"}"#, false)
    }

    /// "Normal "Or"": Effect of "source" && ("metricName" || "namespace").
    func testOrBesideAField() throws {
        let rule = #"{"source": ["aws.cloudwatch"], "$or": [{"metricName": ["CPUUtilization", "ReadLatency"]}, {"namespace": ["AWS/EC2", "AWS/ES"]}]}"#
        try assertMatch(rule, #"{"source": "aws.cloudwatch", "namespace": "AWS/ES"}"#, true)
        try assertMatch(rule, #"{"source": "aws.cloudwatch", "metricName": "ReadLatency"}"#, true)
        try assertMatch(rule, #"{"source": "aws.ec2", "metricName": "ReadLatency"}"#, false)
        try assertMatch(rule, #"{"source": "aws.cloudwatch", "metricName": "Other"}"#, false)
    }

    /// "Parallel "Or"": ("metricName" || "namespace") && ("detail.source" || "detail.detail-type").
    func testParallelOrAtTwoLevels() throws {
        let rule = """
            {"$or": [{"metricName": ["CPUUtilization", "ReadLatency"]}, {"namespace": ["AWS/EC2", "AWS/ES"]}],
             "detail": {"$or": [{"source": ["aws.cloudwatch"]}, {"detail-type": ["CloudWatch Alarm State Change"]}]}}
            """
        try assertMatch(rule, #"{"namespace": "AWS/EC2", "detail": {"detail-type": "CloudWatch Alarm State Change"}}"#, true)
        try assertMatch(rule, #"{"namespace": "AWS/EC2", "detail": {"source": "aws.ec2"}}"#, false)
        try assertMatch(rule, #"{"namespace": "AWS/S3", "detail": {"source": "aws.cloudwatch"}}"#, false)
    }

    /// "Nested "Or" and "And"": ("source" && ("metricName" || ("metricType" && "namespace" &&
    /// ("metricId" || "spaceId")) || "scope")).
    func testNestedOrAndAnd() throws {
        let rule = """
            {"source": ["aws.cloudwatch"],
             "$or": [{"metricName": ["CPUUtilization", "ReadLatency"]},
                     {"metricType": ["MetricType"], "namespace": ["AWS/EC2", "AWS/ES"],
                      "$or": [{"metricId": [1234]}, {"spaceId": [1000]}]},
                     {"scope": ["Service"]}]}
            """
        try assertMatch(rule, #"{"source": "aws.cloudwatch", "metricType": "MetricType", "namespace": "AWS/EC2", "spaceId": 1000}"#, true)
        try assertMatch(rule, #"{"source": "aws.cloudwatch", "metricType": "MetricType", "namespace": "AWS/EC2", "spaceId": 1001}"#, false)
        try assertMatch(rule, #"{"source": "aws.cloudwatch", "scope": "Service"}"#, true)
        try assertMatch(rule, #"{"source": "aws.cloudwatch", "metricType": "MetricType", "metricId": 1234}"#, false)
    }

    /// Branches may hold any operator, `exists: false` included (AWS's or-exists case).
    func testBranchesWithOperators() throws {
        let rule = #"{"detail": {"$or": [{"count": [{"numeric": [">", 10]}]}, {"state": [{"exists": false}]}]}}"#
        try assertMatch(rule, #"{"detail": {"count": 11, "state": "x"}}"#, true)
        try assertMatch(rule, #"{"detail": {"count": 1}}"#, true)
        try assertMatch(rule, #"{"detail": {"count": 1, "state": "x"}}"#, false)
    }

    /// In an event array, one element must satisfy a whole branch.
    func testOrInsideArrayElements() throws {
        let rule = #"{"items": {"$or": [{"a": [1]}, {"b": [2]}], "c": [3]}}"#
        try assertMatch(rule, #"{"items": [{"a": 1, "c": 3}, {"b": 9}]}"#, true)
        try assertMatch(rule, #"{"items": [{"a": 1}, {"c": 3}]}"#, false)
    }

    /// Branches may nest objects: each branch is a pattern of its own over the same level.
    func testBranchesWithNestedObjects() throws {
        let rule = """
            {"source": ["aws.states"],
             "$or": [{"detail": {"status": ["FAILED"]}}, {"detail": {"status": ["SUCCEEDED"], "output": [null]}}]}
            """
        try assertMatch(rule, #"{"source": "aws.states", "detail": {"status": "FAILED", "output": null}}"#, true)
        try assertMatch(rule, #"{"source": "aws.states", "detail": {"status": "SUCCEEDED", "output": null}}"#, true)
        try assertMatch(rule, #"{"source": "aws.states", "detail": {"status": "SUCCEEDED", "output": "{}"}}"#, false)
        try assertMatch(rule, #"{"source": "aws.states", "detail": {"status": "RUNNING"}}"#, false)
    }

    /// A field outside `$or` still applies when a branch names the same field.
    func testFieldAndBranchOnTheSameName() throws {
        let rule = #"{"n": [{"numeric": [">", 0]}], "$or": [{"n": [{"numeric": ["<", 10]}]}, {"n": [100]}]}"#
        try assertMatch(rule, #"{"n": 5}"#, true)
        try assertMatch(rule, #"{"n": 100}"#, true)
        try assertMatch(rule, #"{"n": -5}"#, false)
        try assertMatch(rule, #"{"n": 50}"#, false)
    }

    /// event-ruler's conditions: an array, of objects, at least two, with no operator names as
    /// field names inside.
    func testInvalidOr() {
        assertRejected(#"{"$or": {"a": ["x"]}}"#, ["It must be an Array followed with $or."])
        assertRejected(#"{"$or": [{"a": ["x"]}]}"#, ["There must have at least 2 Objects in $or relationship."])
        assertRejected(#"{"$or": [{"a": ["x"]}, "b"]}"#, ["Only JSON object is allowed in array of $or relationship."])
        assertRejected(
            #"{"$or": [{"numeric": [123]}, {"prefix": ["abc"]}]}"#,
            ["numeric is Ruler reserved fieldName which cannot be used inside $or.",
             "prefix is Ruler reserved fieldName which cannot be used inside $or."])
        assertRejected(#"{"$or": [{}, {"a": ["x"]}]}"#, ["Empty objects are not allowed"])
    }

    /// Outside `$or` an operator name is an ordinary field name.
    func testOperatorNamesAreFieldNamesOutsideOr() throws {
        try assertMatch(#"{"prefix": ["abc"]}"#, #"{"prefix": "abc"}"#, true)
    }
}
