import JSONValue
import StatesLanguage
import XCTest

/// "Never silently wrong": a valid definition that uses what host does not run yet parses,
/// but lists each such field with its place as `unsupported` (the issue's §2.1). The field
/// lists come from AWS's documentation: JSONata and variables ("Transforming data with
/// JSONata", "Passing data between states with variables"), service integrations, Distributed
/// Map's fields, lambda:invoke's request fields.
final class ValidationHostSupportTests: XCTestCase {
    private func unsupported(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> [Diagnostic] {
        guard let machine = decodeValid(text, file: file, line: line) else { return [] }
        XCTAssertTrue(machine.unsupported.allSatisfy { $0.severity == .unsupported }, file: file, line: line)
        return machine.unsupported
    }

    /// JSONata states and variables run: a definition that uses them has nothing unsupported.
    func testJSONataAndVariablesAreSupported() {
        XCTAssertEqual(unsupported("""
            {"QueryLanguage": "JSONata", "StartAt": "P",
             "States": {"P": {"Type": "Pass", "Output": {"static": 1}, "Assign": {"x": "{% $states.input %}"}, "End": true}}}
            """).count, 0)
        XCTAssertEqual(unsupported("""
            {"StartAt": "P", "States": {
              "P": {"Type": "Pass", "Assign": {"x": 1}, "Next": "Q"},
              "Q": {"Type": "Pass", "Parameters": {"y.$": "$x"}, "Next": "R"},
              "R": {"Type": "Pass", "InputPath": "$x.a", "Next": "S"},
              "S": {"Type": "Pass", "Parameters": {"z.$": "States.Format('{}', $x)"}, "End": true}}}
            """).count, 0)
    }

    /// A JSONata syntax error inside `{% %}` is a definition error at its place, with
    /// JSONata's code and the character it is at, counted from the start of the string.
    func testJSONataSyntaxErrorIsLocated() {
        let found = diagnostics(of: """
            {"QueryLanguage": "JSONata", "StartAt": "P",
             "States": {"P": {"Type": "Pass", "Output": {"a": "{% $states.input.( %}"}, "End": true}}}
            """)
        XCTAssertEqual(found.map(\.pathDescription), ["$.States.P.Output.a"])
        XCTAssertEqual(found.first?.severity, .error)
        XCTAssertTrue(found.first?.message.hasPrefix("The JSONata expression '$states.input.(' is not valid: S0") == true,
                      found.first?.message ?? "")
        // `??` is JSONata 2.1; Step Functions' 2.0.6 refuses it.
        let newer = diagnostics(of: """
            {"QueryLanguage": "JSONata", "StartAt": "P",
             "States": {"P": {"Type": "Pass", "Output": "{% $x ?? 1 %}", "End": true}}}
            """)
        XCTAssertEqual(newer.map(\.pathDescription), ["$.States.P.Output"])
    }

    func testResourcesOtherThanLambdaAndTheIntegrationsHostRunsAreUnsupported() {
        let runnable = [
            "arn:aws:lambda:us-east-1:123456789012:function:F", "arn:aws:lambda:us-east-1:123456789012:function:F:prod",
            "arn:aws:states:::lambda:invoke", "arn:aws:states:::lambda:invoke.waitForTaskToken",
            "arn:aws:states:::dynamodb:getItem", "arn:aws:states:::dynamodb:putItem", "arn:aws:states:::dynamodb:updateItem",
            "arn:aws:states:::dynamodb:deleteItem", "arn:aws:states:::sns:publish",
            "arn:aws:states:::aws-sdk:s3:getObject", "arn:aws:states:::aws-sdk:s3:putObject", "arn:aws:states:::aws-sdk:s3:listObjectsV2",
            "arn:aws:states:::aws-sdk:dynamodb:query", "arn:aws:states:::aws-sdk:dynamodb:scan",
            "arn:aws:states:::aws-sdk:dynamodb:batchWriteItem", "arn:aws:states:::aws-sdk:dynamodb:transactWriteItems",
            "arn:aws:states:::events:putEvents", "arn:aws:states:::events:putEvents.waitForTaskToken",
            "arn:aws:states:::states:startExecution", "arn:aws:states:::states:startExecution.sync",
            "arn:aws:states:::states:startExecution.sync:2", "arn:aws:states:::states:startExecution.waitForTaskToken",
        ]
        for resource in runnable {
            XCTAssertEqual(unsupported(task(resource)).count, 0, resource)
        }
        let others = [
            "arn:aws:states:::lambda:invoke.sync", "arn:aws:states:::sqs:sendMessage", "arn:aws:states:::sns:publish.waitForTaskToken",
            "arn:aws:states:::dynamodb:putItem.waitForTaskToken", "arn:aws:states:::dynamodb:query", "arn:aws:states:us-east-1::dynamodb:putItem",
            "arn:aws:states:::aws-sdk:s3:deleteObject", "arn:aws:states:::aws-sdk:s3:getObject.waitForTaskToken",
            "arn:aws:states:::aws-sdk:dynamodb:batchGetItem", "arn:aws:states:::aws-sdk:sqs:sendMessage",
            "arn:aws:states:::states:startExecution.sync:3", "arn:aws:states:::events:putEvents.sync",
            "arn:aws:states:::states:startSyncExecution", "arn:aws:states:us-east-1:123456789012:activity:Work",
        ]
        for resource in others {
            let found = unsupported(task(resource))
            XCTAssertEqual(found.map(\.pathDescription), ["$.States.T.Resource"], resource)
            XCTAssertEqual(found.first?.message, "host does not run the resource '\(resource)' yet; it runs Lambda functions, by their ARN or through arn:aws:states:::lambda:invoke (and its .waitForTaskToken), and the service integrations docs/integrations.md lists.")
        }
        let credentials = unsupported(task("arn:aws:states:::lambda:invoke", extra: #", "Parameters": {"FunctionName": "F"}, "Credentials": {"RoleArn": "arn:aws:iam::1:role/r"}"#))
        XCTAssertEqual(credentials.map(\.pathDescription), ["$.States.T.Credentials"])
    }

    func testLambdaInvokeParameters() {
        XCTAssertEqual(unsupported(task("arn:aws:states:::lambda:invoke", extra: #", "Parameters": {"FunctionName": "F", "Payload.$": "$", "LogType": "Tail", "InvocationType": "RequestResponse", "Qualifier": "$LATEST"}"#)).count, 0)
        // "InvocationType: Event | RequestResponse | DryRun" (Lambda's Invoke) all run; a client
        // context does not.
        for type in ["Event", "DryRun"] {
            XCTAssertEqual(unsupported(task("arn:aws:states:::lambda:invoke", extra: #", "Parameters": {"FunctionName": "F", "InvocationType": "\#(type)"}"#)).count, 0)
        }
        let context = unsupported(task("arn:aws:states:::lambda:invoke", extra: #", "Parameters": {"FunctionName": "F", "InvocationType": "Event", "ClientContext": "e30="}"#))
        XCTAssertEqual(context.map(\.pathDescription), ["$.States.T.Parameters.ClientContext"])
        let badType = diagnostics(of: task("arn:aws:states:::lambda:invoke", extra: #", "Parameters": {"FunctionName": "F", "InvocationType": "Async"}"#))
        XCTAssertEqual(badType.map(\.pathDescription), ["$.States.T.Parameters.InvocationType"])
        // AWS refuses a request field Invoke does not have; a misspelling gets its suggestion.
        let wrong = diagnostics(of: task("arn:aws:states:::lambda:invoke", extra: #", "Parameters": {"FunctionName": "F", "Paylaod": {}}"#))
        XCTAssertEqual(wrong.map(\.message), ["The field 'Paylaod' is not supported by Step Functions. Did you mean 'Payload'?"])
        let missing = diagnostics(of: task("arn:aws:states:::lambda:invoke", extra: #", "Parameters": {"Payload": {}}"#))
        XCTAssertEqual(missing.map(\.message), ["The field 'FunctionName' is required."])
    }

    /// The request fields of the integrations host runs are checked as lambda:invoke's are
    /// (docs/integrations.md): DynamoDB's PutItem and SNS's Publish, after their API references.
    func testIntegrationParameters() {
        XCTAssertEqual(unsupported(task("arn:aws:states:::dynamodb:putItem", extra: #", "Parameters": {"TableName": "T", "Item": {"id": {"S.$": "$.id"}}, "ConditionExpression": "attribute_not_exists(id)", "ReturnValues": "ALL_OLD"}"#)).count, 0)
        XCTAssertEqual(unsupported(task("arn:aws:states:::sns:publish", extra: #", "Parameters": {"TopicArn": "arn:aws:sns:us-east-1:123456789012:t", "Message.$": "$", "Subject": "s", "MessageAttributes": {}}"#)).count, 0)
        let wrong = diagnostics(of: task("arn:aws:states:::dynamodb:getItem", extra: #", "Parameters": {"TableName": "T", "Kye": {}}"#))
        XCTAssertEqual(wrong.map(\.message), ["The field 'Key' is required.", "The field 'Kye' is not supported by Step Functions. Did you mean 'Key'?"])
        XCTAssertEqual(wrong.map(\.pathDescription), ["$.States.T.Parameters", "$.States.T.Parameters.Kye"])
        let missing = diagnostics(of: task("arn:aws:states:::sns:publish", extra: #", "Parameters": {"TopicArn": "arn:aws:sns:us-east-1:123456789012:t"}"#))
        XCTAssertEqual(missing.map(\.message), ["The field 'Message' is required."])
        // The legacy parameters the tables do not run, and SMS, are refused at their place.
        let legacy = unsupported(task("arn:aws:states:::dynamodb:updateItem", extra: #", "Parameters": {"TableName": "T", "Key": {}, "AttributeUpdates": {}}"#))
        XCTAssertEqual(legacy.map(\.pathDescription), ["$.States.T.Parameters.AttributeUpdates"])
        let sms = unsupported(task("arn:aws:states:::sns:publish", extra: #", "Parameters": {"PhoneNumber": "+15555550100", "Message": "m"}"#))
        XCTAssertEqual(sms.map(\.pathDescription), ["$.States.T.Parameters.PhoneNumber"])
        // The S3 request fields host's buckets do not carry out are refused at their place.
        let range = unsupported(task("arn:aws:states:::aws-sdk:s3:getObject", extra: #", "Parameters": {"Bucket": "b", "Key": "k", "Range": "bytes=0-9"}"#))
        XCTAssertEqual(range.map(\.pathDescription), ["$.States.T.Parameters.Range"])
        let noKey = diagnostics(of: task("arn:aws:states:::aws-sdk:s3:putObject", extra: #", "Parameters": {"Bucket": "b", "Body.$": "$"}"#))
        XCTAssertEqual(noKey.map(\.message), ["The field 'Key' is required."])
        let segments = unsupported(task("arn:aws:states:::aws-sdk:dynamodb:scan", extra: #", "Parameters": {"TableName": "T", "TotalSegments": 4, "Segment": 0}"#))
        XCTAssertEqual(segments.map(\.pathDescription), ["$.States.T.Parameters.TotalSegments", "$.States.T.Parameters.Segment"])
        // JSONata states give the request in Arguments.
        let jsonata = diagnostics(of: #"{"QueryLanguage": "JSONata", "StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:states:::dynamodb:deleteItem", "Arguments": {"TableName": "T"}, "End": true}}}"#)
        XCTAssertEqual(jsonata.map(\.message), ["The field 'Key' is required."])
    }

    /// StartExecution's, PutEvents', BatchWriteItem's and TransactWriteItems' request fields
    /// ("Start a new AWS Step Functions state machine from a running execution", "Add
    /// EventBridge events with Step Functions", DynamoDB's API reference), whatever the
    /// pattern; PutEvents' entries field by field.
    func testStartExecutionPutEventsAndWriteBatchParameters() {
        for resource in ["states:startExecution", "states:startExecution.sync", "states:startExecution.sync:2"] {
            XCTAssertEqual(unsupported(task("arn:aws:states:::\(resource)", extra: #", "Parameters": {"StateMachineArn": "arn:aws:states:us-east-1:123456789012:stateMachine:Child", "Input": {"Comment": "Hello world!"}, "Name": "ExecutionName"}"#)).count, 0, resource)
            let typo = diagnostics(of: task("arn:aws:states:::\(resource)", extra: #", "Parameters": {"StateMachineArn": "arn:x", "Inptu": {}}"#))
            XCTAssertEqual(typo.map(\.message), ["The field 'Inptu' is not supported by Step Functions. Did you mean 'Input'?"], resource)
        }
        let noArn = diagnostics(of: task("arn:aws:states:::states:startExecution.waitForTaskToken", extra: #", "Parameters": {"Input": {"token.$": "$$.Task.Token"}}"#))
        XCTAssertEqual(noArn.map(\.message), ["The field 'StateMachineArn' is required."])
        let trace = unsupported(task("arn:aws:states:::states:startExecution", extra: #", "Parameters": {"StateMachineArn": "a", "TraceHeader": "t"}"#))
        XCTAssertEqual(trace.map(\.pathDescription), ["$.States.T.Parameters.TraceHeader"])

        XCTAssertEqual(unsupported(task("arn:aws:states:::events:putEvents", extra: #", "Parameters": {"Entries": [{"Detail": {"Message": "MyMessage"}, "DetailType": "MyDetailType", "EventBusName": "MyEventBus", "Source": "my.source"}]}"#)).count, 0)
        let entry = diagnostics(of: task("arn:aws:states:::events:putEvents", extra: #", "Parameters": {"Entries": [{"Source": "s", "DetailTyp": "d"}]}"#))
        XCTAssertEqual(entry.map(\.message), ["The field 'DetailTyp' is not supported by Step Functions. Did you mean 'DetailType'?"])
        XCTAssertEqual(entry.map(\.pathDescription), ["$.States.T.Parameters.Entries[0].DetailTyp"])
        let noEntries = diagnostics(of: task("arn:aws:states:::events:putEvents.waitForTaskToken", extra: #", "Parameters": {"Entry": []}"#))
        XCTAssertEqual(noEntries.map(\.message), ["The field 'Entries' is required.", "The field 'Entry' is not supported by Step Functions."])

        XCTAssertEqual(unsupported(task("arn:aws:states:::aws-sdk:dynamodb:batchWriteItem", extra: #", "Parameters": {"RequestItems": {"T": [{"PutRequest": {"Item": {"id": {"S": "a"}}}}]}}"#)).count, 0)
        let batch = diagnostics(of: task("arn:aws:states:::aws-sdk:dynamodb:batchWriteItem", extra: #", "Parameters": {"TableName": "T"}"#))
        XCTAssertEqual(batch.map(\.message).first, "The field 'RequestItems' is required.")
        let transact = diagnostics(of: task("arn:aws:states:::aws-sdk:dynamodb:transactWriteItems", extra: #", "Parameters": {"TransactItems": [], "ClientRequestTokn": "x"}"#))
        XCTAssertEqual(transact.map(\.message), ["The field 'ClientRequestTokn' is not supported by Step Functions. Did you mean 'ClientRequestToken'?"])
    }

    /// A Distributed Map's ItemReader, ItemBatcher and ResultWriter run over the workspace's
    /// buckets (docs/distributed-map.md): written as "ItemReader (Map)", "ItemBatcher (Map)" and
    /// "ResultWriter (Map)" show them, nothing is unsupported.
    func testDistributedMapReadersBatchersAndWritersAreSupported() {
        XCTAssertEqual(unsupported("""
            {"StartAt": "M", "States": {"M": {"Type": "Map", "Label": "Run",
              "ItemReader": {"Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": {"InputType": "JSON"}, "Parameters": {"Bucket": "b", "Key": "k"}},
              "ItemBatcher": {"MaxItemsPerBatch": 2},
              "ResultWriter": {"Resource": "arn:aws:states:::s3:putObject", "Parameters": {"Bucket": "b", "Prefix": "p"}},
              "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                                "StartAt": "I", "States": {"I": {"Type": "Pass", "End": true}}}, "End": true}}}
            """).count, 0)
        XCTAssertEqual(unsupported("""
            {"StartAt": "M", "States": {"M": {"Type": "Map", "Label": "Run", "MaxConcurrency": 2, "ToleratedFailurePercentage": 5,
              "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS"},
              "StartAt": "I", "States": {"I": {"Type": "Pass", "End": true}}}, "End": true}}}
            """).count, 0)
        // A Map Run's ARN holds the Label between '/' and ':'.
        XCTAssertEqual(unsupported("""
            {"StartAt": "M", "States": {"M": {"Type": "Map", "Label": "a:b",
              "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
              "StartAt": "I", "States": {"I": {"Type": "Pass", "End": true}}}, "End": true}}}
            """).map(\.pathDescription), ["$.States.M.Label"])
        // An inline Map has no Map Run for a Label to name.
        XCTAssertEqual(unsupported("""
            {"StartAt": "M", "States": {"M": {"Type": "Map", "Label": "Run", "ItemProcessor": {"ProcessorConfig": {"Mode": "INLINE"},
              "StartAt": "I", "States": {"I": {"Type": "Pass", "End": true}}}, "End": true}}}
            """).map(\.pathDescription), ["$.States.M.Label"])
    }

    /// An invalid definition is refused for its errors: what host does not run yet is not
    /// listed among them.
    func testErrorsComeFirst() {
        let found = diagnostics(of: #"{"QueryLanguage": "JSONata", "StartAt": "P", "States": {"P": {"Type": "Pass", "Next": "Q"}}}"#)
        XCTAssertEqual(found.map(\.message), ["Workflow has no terminal state.", "Missing 'Next' target: Q."])
        XCTAssertEqual(Set(found.map(\.severity)), [.error])
    }

    /// "Maximum definition size: 1,048,576 characters" (Step Functions service quotas).
    func testADefinitionOverTheSizeLimitIsRefused() {
        let padding = String(repeating: "x", count: StateMachine.maximumDefinitionCharacters)
        let text = #"{"Comment": "\#(padding)", "StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}"#
        let found = diagnostics(of: text)
        XCTAssertEqual(found.count, 1)
        XCTAssertTrue(found.first?.message.contains("more than the 1048576 AWS accepts") ?? false, found.first?.message ?? "")
        // Multi-byte characters count as one each: 1,048,576 of them are accepted.
        let wide = String(repeating: "é", count: StateMachine.maximumDefinitionCharacters - 100)
        XCTAssertNotNil(decodeValid(#"{"Comment": "\#(wide)", "StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}"#))
    }

    private func task(_ resource: String, extra: String = "") -> String {
        #"{"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "\#(resource)"\#(extra), "End": true}}}"#
    }
}
