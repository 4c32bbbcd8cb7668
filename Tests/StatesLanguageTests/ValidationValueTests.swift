import JSONValue
import StatesLanguage
import XCTest

/// Fields that exclude each other and values out of range.
final class ValidationValueTests: XCTestCase {
    /// statelint: "should reject Task state with both static and dynamic timeouts".
    func testTimeoutSecondsWithTimeoutSecondsPath() {
        assertOne(diagnostics(of: machine("""
                "Type": "Task",
                "Resource": "arn:aws:lambda:us-east-1:123456789012:function:F",
                "TimeoutSeconds": 30,
                "TimeoutSecondsPath": "$.t",
                "End": true
            """)), 7, 5, "Only one of 'TimeoutSeconds' and 'TimeoutSecondsPath' can be given.")
    }

    func testHeartbeatSecondsWithHeartbeatSecondsPath() {
        assertOne(diagnostics(of: machine("""
                "Type": "Task",
                "Resource": "arn:aws:lambda:us-east-1:123456789012:function:F",
                "HeartbeatSeconds": 30,
                "HeartbeatSecondsPath": "$.h",
                "End": true
            """)), 7, 5, "Only one of 'HeartbeatSeconds' and 'HeartbeatSecondsPath' can be given.")
    }

    /// "HeartbeatSeconds ... MUST be smaller than TimeoutSeconds": equal is refused.
    func testHeartbeatNotSmallerThanTimeout() {
        assertOne(diagnostics(of: machine("""
                "Type": "Task",
                "Resource": "arn:aws:lambda:us-east-1:123456789012:function:F",
                "TimeoutSeconds": 30,
                "HeartbeatSeconds": 30,
                "End": true
            """)), 7, 25, "HeartbeatSeconds (30) must be smaller than TimeoutSeconds (30).")
    }

    /// "TimeoutSeconds ... MUST be a positive integer".
    func testTaskTimeoutMustBePositive() {
        assertOne(diagnostics(of: machine("""
                "Type": "Task",
                "Resource": "arn:aws:lambda:us-east-1:123456789012:function:F",
                "TimeoutSeconds": 0,
                "End": true
            """)), 6, 23, "Field 'TimeoutSeconds' must be an integer from 1 to 99999999, not 0.")
    }

    func testTopLevelTimeoutMustBePositive() {
        let text = machine(#"    "Type": "Succeed""#, topLevel: #" "TimeoutSeconds": 0,"#)
        assertOne(diagnostics(of: text), 2, 37, "Field 'TimeoutSeconds' must be an integer from 1 to 99999999, not 0.", path: "$.TimeoutSeconds")
    }

    func testErrorWithErrorPath() {
        assertOne(diagnostics(of: machine("""
                "Type": "Fail",
                "Error": "E",
                "ErrorPath": "$.e"
            """)), 6, 5, "Only one of 'Error' and 'ErrorPath' can be given.")
    }

    func testCauseWithCausePath() {
        assertOne(diagnostics(of: machine("""
                "Type": "Fail",
                "CausePath": "$.c",
                "Cause": "C"
            """)), 6, 5, "Only one of 'Cause' and 'CausePath' can be given.")
    }

    /// statelint's map-with-parameters-and-itemselector.
    func testMapParametersWithItemSelector() {
        assertOne(diagnostics(of: machine("""
                "Type": "Map",
                "ItemProcessor": { "StartAt": "P", "States": { "P": { "Type": "Succeed" } } },
                "ItemSelector": {},
                "Parameters": {},
                "End": true
            """)), 7, 5, "Only one of 'ItemSelector' and 'Parameters' can be given")
    }

    /// statelint's map-with-itemprocessor-and-iterator.
    func testMapIteratorWithItemProcessor() {
        assertOne(diagnostics(of: machine("""
                "Type": "Map",
                "ItemProcessor": { "StartAt": "P", "States": { "P": { "Type": "Succeed" } } },
                "Iterator": { "StartAt": "Q", "States": { "Q": { "Type": "Succeed" } } },
                "End": true
            """)), 6, 5, "Only one of 'ItemProcessor' and 'Iterator' can be given")
    }

    func testMapWithoutItemProcessor() {
        assertOne(diagnostics(of: machine("""
                "Type": "Map",
                "End": true
            """)), 3, 20, "These fields are required: [ItemProcessor].")
    }

    /// "A Wait State MUST contain exactly one of "Seconds", "SecondsPath", "Timestamp", or
    /// "TimestampPath"": none.
    func testWaitWithoutItsField() {
        assertOne(diagnostics(of: machine("""
                "Type": "Wait",
                "End": true
            """)), 3, 20, "A Wait state must have exactly one of 'Seconds', 'Timestamp', 'SecondsPath' and 'TimestampPath'.")
    }

    /// ... and two.
    func testWaitWithTwoOfItsFields() {
        assertOne(diagnostics(of: machine("""
                "Type": "Wait",
                "Seconds": 5,
                "Timestamp": "2016-03-14T01:59:00Z",
                "End": true
            """)), 6, 5, "A Wait state must have exactly one of")
    }

    /// "You must specify time as an integer value from 0 to 99999999."
    func testWaitNegativeSeconds() {
        assertOne(diagnostics(of: machine("""
                "Type": "Wait",
                "Seconds": -1,
                "End": true
            """)), 5, 16, "Field 'Seconds' must be an integer from 0 to 99999999, not -1.")
    }

    /// docs/errors.md: `2016-12-05T21:29:29` is not "a valid ISO-8601 extended offset
    /// date-time format string" (it has no offset).
    func testWaitTimestampWithoutOffset() {
        assertOne(diagnostics(of: machine("""
                "Type": "Wait",
                "Timestamp": "2016-12-05T21:29:29",
                "End": true
            """)), 5, 18, "Field 'Timestamp' must be a timestamp such as \"2016-03-14T01:59:00Z\"")
    }

    /// Retrier fields, one per line 6 of `"Retry": [ { "ErrorEquals": ["E"], "<field>": <v> } ]`,
    /// where the field starts in column 40 and its value `len(field) + 4` columns later.
    func testRetrierValuesOutOfRange() {
        let cases: [(String, String, String)] = [
            // "MaxAttempts ... MUST be a non-negative integer".
            ("MaxAttempts", "-1", "Field 'MaxAttempts' must be an integer from 0 to 99999999, not -1."),
            // "BackoffRate ... MUST be greater than or equal to 1.0".
            ("BackoffRate", "0.5", "Field 'BackoffRate' must be a number of at least 1.0, not 0.5."),
            // "IntervalSeconds ... MUST be a positive integer".
            ("IntervalSeconds", "0", "Field 'IntervalSeconds' must be an integer from 1 to 99999999, not 0."),
            // MaxDelaySeconds: "less than 31622401".
            ("MaxDelaySeconds", "31622401", "Field 'MaxDelaySeconds' must be an integer from 1 to 31622400, not 31622401."),
            ("JitterStrategy", "\"HALF\"", "Field 'JitterStrategy' must be \"FULL\" or \"NONE\", not \"HALF\"."),
        ]
        for (field, value, message) in cases {
            let text = machine("""
                    "Type": "Task",
                    "Resource": "arn:aws:lambda:us-east-1:123456789012:function:F",
                    "Retry": [ { "ErrorEquals": ["E"], "\(field)": \(value) } ],
                    "End": true
                """)
            assertOne(diagnostics(of: text), 6, 40 + field.count + 4, message, path: "$.States.S.Retry[0].\(field)")
        }
    }

    /// "ToleratedFailurePercentage must be between 0 and 100." (docs/errors.md).
    func testMapLimitsOutOfRange() {
        let cases: [(String, String, String)] = [
            ("ToleratedFailurePercentage", "101", "Field 'ToleratedFailurePercentage' must be a number from 0 to 100, not 101."),
            ("ToleratedFailureCount", "-1", "Field 'ToleratedFailureCount' must be an integer of at least 0, not -1."),
            ("MaxConcurrency", "-1", "Field 'MaxConcurrency' must be an integer of at least 0, not -1."),
        ]
        for (field, value, message) in cases {
            let text = machine("""
                    "Type": "Map",
                    "ItemProcessor": { "StartAt": "P", "States": { "P": { "Type": "Succeed" } } },
                    "\(field)": \(value),
                    "End": true
                """)
            assertOne(diagnostics(of: text), 6, field.count + 9, message)
        }
    }

    /// statelint: "should not allow null value in Map state ItemsPath".
    func testMapItemsPathCannotBeNull() {
        assertOne(diagnostics(of: machine("""
                "Type": "Map",
                "ItemProcessor": { "StartAt": "P", "States": { "P": { "Type": "Succeed" } } },
                "ItemsPath": null,
                "End": true
            """)), 6, 18, "Field 'ItemsPath' must be a reference path string, not null.")
    }

    /// A distributed Map's ProcessorConfig needs its ExecutionType (STANDARD or EXPRESS).
    /// `    "ItemProcessor": { "ProcessorConfig": {` opens ProcessorConfig in column 43.
    func testDistributedMapNeedsAnExecutionType() {
        assertOne(diagnostics(of: machine("""
                "Type": "Map",
                "ItemProcessor": { "ProcessorConfig": { "Mode": "DISTRIBUTED" }, "StartAt": "P", "States": { "P": { "Type": "Succeed" } } },
                "End": true
            """)), 5, 43, "These fields are required: [ExecutionType].")
    }

    /// `{ "Mode": ` after that brace puts the value in column 53.
    func testUnknownProcessorMode() {
        assertOne(diagnostics(of: machine("""
                "Type": "Map",
                "ItemProcessor": { "ProcessorConfig": { "Mode": "PARALLEL" }, "StartAt": "P", "States": { "P": { "Type": "Succeed" } } },
                "End": true
            """)), 5, 53, "Field 'Mode' must be \"INLINE\" or \"DISTRIBUTED\", not \"PARALLEL\".")
    }
}
