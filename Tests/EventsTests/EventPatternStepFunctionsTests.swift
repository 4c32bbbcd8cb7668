import Events
import JSONValue
import XCTest

/// The error-handling rule of seed 000_3866d2a350364853 ("Main State Machine Error Handling"),
/// which listens for "Step Functions Execution Status Change" events "with error statuses of
/// FAILED, ABORTED, and TIMED_OUT", against the event shape of docs/status-events.md.
final class EventPatternStepFunctionsTests: EventPatternTestCase {
    /// The seed's pattern exactly as published: its ARNs and region are left blank ("").
    let seedPattern = """
        { "detail-type": [ "Step Functions Execution Status Change" ], "source": [ "aws.states" ],
          "detail": { "stateMachineArn": [ "", "" ], "status": [ "FAILED", "ABORTED", "TIMED_OUT" ] },
          "region": [ "" ] }
        """

    let ingestArn = "arn:aws:states:us-east-1:123456789012:stateMachine:ingest"
    let analysisArn = "arn:aws:states:us-east-1:123456789012:stateMachine:analysis"

    /// The seed's pattern with its blanks filled in, as a deployment would.
    var filledPattern: String {
        seedPattern
            .replacing(#"[ "", "" ]"#, with: #"[ "\#(ingestArn)", "\#(analysisArn)" ]"#)
            .replacing(#""region": [ "" ]"#, with: #""region": [ "us-east-1" ]"#)
    }

    /// A status-change event as docs/status-events.md gives it.
    func statusChange(status: String, machine: String, region: String = "us-east-1") -> String {
        let output = status == "SUCCEEDED" ? #""\"done\"""# : "null"
        return """
            {"version": "0", "id": "315c1398-40ff-a850-213b-158f73e60175",
             "detail-type": "Step Functions Execution Status Change", "source": "aws.states",
             "account": "123456789012", "time": "2019-02-26T19:42:21Z", "region": "\(region)",
             "resources": ["arn:aws:states:us-east-1:123456789012:execution:ingest:run-1"],
             "detail": {"executionArn": "arn:aws:states:us-east-1:123456789012:execution:ingest:run-1",
                        "stateMachineArn": "\(machine)", "name": "run-1", "status": "\(status)",
                        "startDate": 1551225146847, "stopDate": 1551225151881,
                        "input": "{}", "inputDetails": {"included": true},
                        "output": \(output), "outputDetails": null,
                        "error": "States.TaskFailed", "cause": "boom"}}
            """
    }

    func testSeedPatternIsValid() throws {
        XCTAssertNoThrow(try EventPattern.parse(seedPattern))
    }

    /// Each error status of either machine matches; the rule ignores every other event field.
    func testErrorStatusesOfBothMachinesMatch() throws {
        for status in ["FAILED", "ABORTED", "TIMED_OUT"] {
            for machine in [ingestArn, analysisArn] {
                try assertMatch(filledPattern, statusChange(status: status, machine: machine), true)
            }
        }
    }

    /// Statuses outside the list (§5: RUNNING, SUCCEEDED are emitted too) do not match.
    func testOtherStatusesDoNotMatch() throws {
        for status in ["RUNNING", "SUCCEEDED", "PENDING_REDRIVE", "failed"] {
            try assertMatch(filledPattern, statusChange(status: status, machine: ingestArn), false)
        }
    }

    /// Another machine, another region, or another source does not match.
    func testOtherMachinesRegionsAndSourcesDoNotMatch() throws {
        let otherMachine = "arn:aws:states:us-east-1:123456789012:stateMachine:billing"
        try assertMatch(filledPattern, statusChange(status: "FAILED", machine: otherMachine), false)
        try assertMatch(filledPattern, statusChange(status: "FAILED", machine: ingestArn, region: "eu-west-1"), false)
        let fromElsewhere = statusChange(status: "FAILED", machine: ingestArn).replacing(#""source": "aws.states""#, with: #""source": "custom.states""#)
        try assertMatch(filledPattern, fromElsewhere, false)
    }

    /// As published, the blanks are literal empty strings: "To match events where the value of
    /// eventVersion is an empty string, use [""]", so real ARNs do not match, and blank ones do.
    func testSeedPatternAsPublishedMatchesOnlyBlankFields() throws {
        try assertMatch(seedPattern, statusChange(status: "FAILED", machine: ingestArn), false)
        try assertMatch(seedPattern, statusChange(status: "FAILED", machine: "", region: ""), true)
    }

    /// `output` is null on failure (§5); a rule can select on it with `[null]`, and an
    /// `exists: true` rule on `error` selects failures that carry one.
    func testNullOutputAndErrorFields() throws {
        let failed = statusChange(status: "FAILED", machine: ingestArn)
        try assertMatch(#"{"detail": {"output": [null], "error": [{"exists": true}]}}"#, failed, true)
        try assertMatch(#"{"detail": {"output": [null]}}"#, statusChange(status: "SUCCEEDED", machine: ingestArn), false)
        // Epoch milliseconds lie past the numeric range (±5.0e9, aws/event-ruler issue #42
        // "Ruler supports matching for up to -5e9 to 5e9"), so numeric rules never match them.
        try assertMatch(#"{"detail": {"stopDate": [{"numeric": [">", 0]}]}}"#, failed, false)
    }

    /// The same rule built as a `JSONValue`, with the execution selected through `resources`
    /// ("the event pattern matches if the intersection of the event pattern array and the event
    /// array is non-empty") and a prefix on its ARN.
    func testRuleAsValueWithResourcesPrefix() throws {
        let rule = try EventPattern([
            "source": ["aws.states"],
            "resources": [["prefix": "arn:aws:states:us-east-1:123456789012:execution:ingest:"]],
            "detail": ["status": ["FAILED", "ABORTED", "TIMED_OUT"]],
        ])
        XCTAssertTrue(rule.matches(try event(statusChange(status: "TIMED_OUT", machine: ingestArn))))
        XCTAssertFalse(rule.matches(try event(statusChange(status: "SUCCEEDED", machine: ingestArn))))
        let otherExecution = statusChange(status: "FAILED", machine: ingestArn).replacing("execution:ingest:run-1\"]", with: "execution:billing:run-1\"]")
        XCTAssertFalse(rule.matches(try event(otherExecution)))
    }
}
