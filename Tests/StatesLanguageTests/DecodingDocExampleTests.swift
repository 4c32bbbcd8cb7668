import JSONValue
import StatesLanguage
import XCTest

/// Valid definitions from the ASL specification and AWS's Step Functions documentation: none
/// may be refused, and each decodes into the model its text describes.
final class DecodingDocExampleTests: XCTestCase {
    /// "Hello World" of the ASL specification.
    func testHelloWorld() throws {
        let machine = try XCTUnwrap(decodeValid("""
            {
              "Comment": "A simple minimal example of the States language",
              "StartAt": "Hello World",
              "States": {
                "Hello World": {
                  "Type": "Task",
                  "Resource": "arn:aws:lambda:us-east-1:123456789012:function:HelloWorld",
                  "End": true
                }
              }
            }
            """))
        XCTAssertEqual(machine.startState?.transition, .end)
    }

    /// Task state doc: an activity with `TimeoutSeconds` 300 and `HeartbeatSeconds` 60.
    func testTaskWithTimeoutAndHeartbeat() throws {
        let machine = try XCTUnwrap(decodeValid(machine("""
                "Type": "Task",
                "Resource": "arn:aws:states:us-east-1:123456789012:activity:HelloWorld",
                "TimeoutSeconds": 300,
                "HeartbeatSeconds": 60,
                "End": true
            """)))
        guard case .task(let task) = machine["S"]?.kind else { return XCTFail() }
        XCTAssertEqual(task.timeoutSeconds?.value, 300)
        XCTAssertEqual(task.heartbeatSeconds?.value, 60)
    }

    /// statelint's "task-with-dynamic-timeouts": the `...Path` forms.
    func testTaskWithDynamicTimeouts() throws {
        let machine = try XCTUnwrap(decodeValid(machine("""
                "Type": "Task",
                "Resource": "arn:aws:states:::lambda:invoke",
                "TimeoutSecondsPath": "$.timeout",
                "HeartbeatSecondsPath": "$.heartbeat",
                "End": true
            """)))
        guard case .task(let task) = machine["S"]?.kind, case .path(let timeout)? = task.timeoutSeconds else { return XCTFail() }
        XCTAssertEqual(timeout.text, "$.timeout")
    }

    /// Pass state doc: "No-op" with a Result placed by ResultPath.
    func testPassWithResultAndResultPath() throws {
        let machine = try XCTUnwrap(decodeValid(machine("""
                "Type": "Pass",
                "Result": { "x-datum": 0.381018, "y-datum": 622.2269926397355 },
                "ResultPath": "$.coords",
                "End": true
            """)))
        let state = try XCTUnwrap(machine["S"])
        XCTAssertEqual(state.resultPath.text, "$.coords")
        guard case .pass(let pass) = state.kind else { return XCTFail() }
        XCTAssertEqual(pass.result, ["x-datum": 0.381018, "y-datum": 622.2269926397355])
    }

    /// InputPath/OutputPath null and the Context object (statelint's pass-with-null-inputpath
    /// and pass-with-io-path-context-object), Parameters with `.$` keys and an intrinsic.
    func testPassWithNullPathsContextObjectAndParameters() throws {
        let machine = try XCTUnwrap(decodeValid(machine("""
                "Type": "Pass",
                "InputPath": null,
                "OutputPath": "$$.Execution.Input",
                "ResultPath": null,
                "Parameters": { "id.$": "$$.Execution.Id", "uuid.$": "States.UUID()", "static": 1 },
                "End": true
            """)))
        let state = try XCTUnwrap(machine["S"])
        guard case .null = state.inputPath, case .null = state.resultPath else { return XCTFail("null paths") }
        XCTAssertEqual(state.outputPath.path?.isContextPath, true)
        XCTAssertNotNil(state.parameters)
    }

    /// The Wait state doc's four forms.
    func testWaitForms() throws {
        for (field, value) in [("Seconds", "10"), ("Timestamp", "\"2016-03-14T01:59:00Z\""), ("SecondsPath", "\"$.waitseconds\""), ("TimestampPath", "\"$.expirydate\"")] {
            let machine = try XCTUnwrap(decodeValid(machine("""
                    "Type": "Wait",
                    "\(field)": \(value),
                    "Next": "T"
                  },
                  "T": { "Type": "Succeed"
                """)))
            guard case .wait(let wait) = machine["S"]?.kind else { return XCTFail(field) }
            switch (field, wait) {
            case ("Seconds", .seconds(.value(10))), ("SecondsPath", .seconds(.path)), ("TimestampPath", .timestamp(.path)): break
            case ("Timestamp", .timestamp(.value(let t))): XCTAssertEqual(t.secondsSince1970, 1_457_920_740)
            default: XCTFail("\(field) decoded as \(wait)")
            }
        }
    }

    /// The Choice state doc's example: Not, NumericEquals, And with two numeric comparisons, Default.
    func testChoiceExample() throws {
        let machine = try XCTUnwrap(decodeValid("""
            {
              "StartAt": "ChoiceStateX",
              "States": {
                "ChoiceStateX": {
                  "Type": "Choice",
                  "Choices": [
                    { "Not": { "Variable": "$.type", "StringEquals": "Private" }, "Next": "Public" },
                    { "Variable": "$.value", "NumericEquals": 0, "Next": "ValueIsZero" },
                    {
                      "And": [
                        { "Variable": "$.value", "NumericGreaterThanEquals": 20 },
                        { "Variable": "$.value", "NumericLessThan": 30 }
                      ],
                      "Next": "ValueInTwenties"
                    }
                  ],
                  "Default": "DefaultState"
                },
                "Public": { "Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:Foo", "Next": "NextState" },
                "ValueIsZero": { "Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:Zero", "Next": "NextState" },
                "ValueInTwenties": { "Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:Bar", "Next": "NextState" },
                "DefaultState": { "Type": "Fail", "Cause": "No Matches!" },
                "NextState": { "Type": "Succeed" }
              }
            }
            """))
        guard case .choice(let choice) = machine["ChoiceStateX"]?.kind else { return XCTFail() }
        XCTAssertEqual(choice.choices.map(\.next), ["Public", "ValueIsZero", "ValueInTwenties"])
        XCTAssertEqual(choice.defaultNext, "DefaultState")
        XCTAssertEqual(try choice.evaluate(input: ["type": "Private", "value": 25], context: [:]), "ValueInTwenties")
        XCTAssertEqual(try choice.evaluate(input: ["type": "Public", "value": 25], context: [:]), "Public")
        XCTAssertEqual(try choice.evaluate(input: ["type": "Private", "value": 35], context: [:]), "DefaultState")
    }

    /// The Parallel state doc's "LookupCustomerInfo": two branches, each its own scope.
    func testParallelExample() throws {
        let machine = try XCTUnwrap(decodeValid("""
            {
              "Comment": "Parallel Example.",
              "StartAt": "LookupCustomerInfo",
              "States": {
                "LookupCustomerInfo": {
                  "Type": "Parallel",
                  "End": true,
                  "Branches": [
                    {
                      "StartAt": "LookupAddress",
                      "States": {
                        "LookupAddress": { "Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:AddressFinder", "End": true }
                      }
                    },
                    {
                      "StartAt": "LookupPhone",
                      "States": {
                        "LookupPhone": { "Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:PhoneFinder", "End": true }
                      }
                    }
                  ]
                }
              }
            }
            """))
        guard case .parallel(let parallel) = machine["LookupCustomerInfo"]?.kind else { return XCTFail() }
        XCTAssertEqual(parallel.branches.map(\.startAt), ["LookupAddress", "LookupPhone"])
    }

    /// The inline Map doc's "Validate-All" with ItemSelector reading `$$.Map.Item.Value`.
    func testInlineMapExample() throws {
        let machine = try XCTUnwrap(decodeValid("""
            {
              "StartAt": "Validate-All",
              "States": {
                "Validate-All": {
                  "Type": "Map",
                  "InputPath": "$.detail",
                  "ItemsPath": "$.shipped",
                  "MaxConcurrency": 0,
                  "ItemSelector": { "parcel.$": "$$.Map.Item.Value", "courier.$": "$.delivery-partner" },
                  "ItemProcessor": {
                    "ProcessorConfig": { "Mode": "INLINE" },
                    "StartAt": "Validate",
                    "States": {
                      "Validate": { "Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:ship-val", "End": true }
                    }
                  },
                  "ResultPath": "$.detail.shipped",
                  "End": true
                }
              }
            }
            """))
        guard case .map(let map) = machine["Validate-All"]?.kind else { return XCTFail() }
        XCTAssertEqual(map.itemsPath.text, "$.shipped")
        XCTAssertEqual(map.maxConcurrency?.value, 0)
        XCTAssertFalse(map.isDistributed)
        XCTAssertEqual(map.itemProcessor.startAt, "Validate")
        guard case .template? = map.itemSelector else { return XCTFail("ItemSelector is a JSONPath template") }
    }

    /// The ASL specification's Map: the legacy `Iterator` and `Parameters`.
    func testLegacyIteratorMap() throws {
        let machine = try XCTUnwrap(decodeValid("""
            {
              "StartAt": "Validate-All",
              "States": {
                "Validate-All": {
                  "Type": "Map",
                  "InputPath": "$.detail",
                  "ItemsPath": "$.shipped",
                  "MaxConcurrency": 0,
                  "Parameters": { "parcel.$": "$$.Map.Item.Value", "courier.$": "$.delivery-partner" },
                  "Iterator": {
                    "StartAt": "Validate",
                    "States": {
                      "Validate": { "Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:ship-val", "End": true }
                    }
                  },
                  "ResultPath": "$.detail.shipped",
                  "End": true
                }
              }
            }
            """))
        guard case .map(let map) = machine["Validate-All"]?.kind else { return XCTFail() }
        XCTAssertTrue(map.usesIterator)
        XCTAssertNotNil(map.itemSelector)
        XCTAssertNil(machine["Validate-All"]?.parameters)
    }

    /// The distributed Map doc's CSV example: ItemReader, DISTRIBUTED/EXPRESS, ItemBatcher,
    /// ResultWriter, Label, MaxConcurrency 1000, ToleratedFailurePercentage 5.
    func testDistributedMapExample() throws {
        let machine = try XCTUnwrap(decodeValid("""
            {
              "Comment": "Using Map state in Distributed mode",
              "StartAt": "Map",
              "States": {
                "Map": {
                  "Type": "Map",
                  "ItemReader": {
                    "ReaderConfig": { "InputType": "CSV", "CSVHeaderLocation": "FIRST_ROW" },
                    "Resource": "arn:aws:states:::s3:getObject",
                    "Parameters": { "Bucket": "amzn-s3-demo-bucket", "Key": "csv-dataset/ratings.csv" }
                  },
                  "ItemProcessor": {
                    "ProcessorConfig": { "Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS" },
                    "StartAt": "LambdaTask",
                    "States": {
                      "LambdaTask": {
                        "Type": "Task",
                        "Resource": "arn:aws:states:::lambda:invoke",
                        "OutputPath": "$.Payload",
                        "Parameters": { "Payload.$": "$", "FunctionName": "arn:aws:lambda:us-east-2:123456789012:function:processCSVData" },
                        "Retry": [
                          {
                            "ErrorEquals": ["Lambda.ServiceException", "Lambda.AWSLambdaException", "Lambda.SdkClientException"],
                            "IntervalSeconds": 2,
                            "MaxAttempts": 6,
                            "BackoffRate": 2
                          }
                        ],
                        "End": true
                      }
                    }
                  },
                  "Label": "Map",
                  "End": true,
                  "ResultWriter": {
                    "Resource": "arn:aws:states:::s3:putObject",
                    "Parameters": { "Bucket": "amzn-s3-demo-destination-bucket", "Prefix": "csvProcessJobs" }
                  },
                  "ItemBatcher": { "MaxItemsPerBatch": 10 },
                  "MaxConcurrency": 1000,
                  "ToleratedFailurePercentage": 5
                }
              }
            }
            """))
        guard case .map(let map) = machine["Map"]?.kind else { return XCTFail() }
        XCTAssertTrue(map.isDistributed)
        XCTAssertEqual(map.itemProcessor.processorConfig?.executionType, "EXPRESS")
        XCTAssertEqual(map.itemReader?.resource, "arn:aws:states:::s3:getObject")
        XCTAssertEqual(map.itemBatcher?.maxItemsPerBatch?.value, 10)
        XCTAssertEqual(map.resultWriter?.resource, "arn:aws:states:::s3:putObject")
        XCTAssertEqual(map.toleratedFailurePercentage?.value, 5)
        XCTAssertEqual(map.label, "Map")
        XCTAssertEqual(map.itemProcessor["LambdaTask"]?.retriers.first?.backoffRate, 2)
    }
}
