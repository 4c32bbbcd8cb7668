import JSONValue

/// The request fields of the service integrations `host` runs (docs/integrations.md), checked
/// where the definition gives them: a field the API does not have is an error, as AWS reports
/// it for `lambda:invoke`; a legacy field `host` does not run is refused, never ignored.
extension DefinitionDecoder {
    /// Each request's fields (required first), after the API references' request syntax:
    /// DynamoDB's GetItem, PutItem, UpdateItem, DeleteItem, Query, Scan, BatchWriteItem,
    /// TransactWriteItems; SNS's Publish; Step Functions' StartExecution (in the integration's
    /// PascalCase); EventBridge's PutEvents.
    static let integrationFields: [String: (required: [String], optional: [String])] = [
        "dynamodb:getItem": (["TableName", "Key"], ["AttributesToGet", "ConsistentRead", "ReturnConsumedCapacity",
                                                   "ProjectionExpression", "ExpressionAttributeNames"]),
        "dynamodb:putItem": (["TableName", "Item"], ["Expected", "ReturnValues", "ReturnConsumedCapacity", "ReturnItemCollectionMetrics",
                                                    "ConditionalOperator", "ConditionExpression", "ExpressionAttributeNames",
                                                    "ExpressionAttributeValues", "ReturnValuesOnConditionCheckFailure"]),
        "dynamodb:updateItem": (["TableName", "Key"], ["AttributeUpdates", "Expected", "ConditionalOperator", "ReturnValues",
                                                      "ReturnConsumedCapacity", "ReturnItemCollectionMetrics", "UpdateExpression",
                                                      "ConditionExpression", "ExpressionAttributeNames", "ExpressionAttributeValues",
                                                      "ReturnValuesOnConditionCheckFailure"]),
        "dynamodb:deleteItem": (["TableName", "Key"], ["Expected", "ConditionalOperator", "ReturnValues", "ReturnConsumedCapacity",
                                                      "ReturnItemCollectionMetrics", "ConditionExpression", "ExpressionAttributeNames",
                                                      "ExpressionAttributeValues", "ReturnValuesOnConditionCheckFailure"]),
        "sns:publish": (["Message"], ["TopicArn", "TargetArn", "PhoneNumber", "Subject", "MessageStructure", "MessageAttributes",
                                      "MessageDeduplicationId", "MessageGroupId"]),
        "states:startExecution": (["StateMachineArn"], ["Input", "Name", "TraceHeader"]),
        "events:putEvents": (["Entries"], []),
        "aws-sdk:dynamodb:batchWriteItem": (["RequestItems"], ["ReturnConsumedCapacity", "ReturnItemCollectionMetrics"]),
        "aws-sdk:dynamodb:transactWriteItems": (["TransactItems"], ["ClientRequestToken", "ReturnConsumedCapacity",
                                                                    "ReturnItemCollectionMetrics"]),
        "aws-sdk:dynamodb:query": (["TableName"], ["IndexName", "Select", "AttributesToGet", "Limit", "ConsistentRead", "KeyConditions",
                                                   "QueryFilter", "ConditionalOperator", "ScanIndexForward", "ExclusiveStartKey",
                                                   "ReturnConsumedCapacity", "ProjectionExpression", "FilterExpression",
                                                   "KeyConditionExpression", "ExpressionAttributeNames", "ExpressionAttributeValues"]),
        "aws-sdk:dynamodb:scan": (["TableName"], ["IndexName", "AttributesToGet", "Limit", "Select", "ScanFilter", "ConditionalOperator",
                                                  "ExclusiveStartKey", "ReturnConsumedCapacity", "TotalSegments", "Segment",
                                                  "ProjectionExpression", "FilterExpression", "ExpressionAttributeNames",
                                                  "ExpressionAttributeValues", "ConsistentRead"]),
    ]

    /// The fields of the S3 requests that host's buckets carry out (docs/buckets.md); S3's
    /// others (`Range`, `VersionId`, `Metadata`, ...) are `unsupported` at their place.
    static let bucketFields: [String: (required: [String], carried: [String])] = [
        "aws-sdk:s3:getObject": (["Bucket", "Key"], []),
        "aws-sdk:s3:putObject": (["Bucket", "Key"], ["Body", "ContentType"]),
        "aws-sdk:s3:listObjectsV2": (["Bucket"], ["Prefix", "Delimiter", "MaxKeys", "ContinuationToken", "StartAfter"]),
    ]

    /// What host's services do not run: DynamoDB's legacy parameters (its tables take the
    /// expression ones) and SNS's SMS publishing.
    static let unrunFields: [String: String] = [
        "AttributesToGet": "use ProjectionExpression", "Expected": "use ConditionExpression",
        "ConditionalOperator": "use ConditionExpression", "AttributeUpdates": "use UpdateExpression",
        "PhoneNumber": "host publishes to topics only",
        "KeyConditions": "use KeyConditionExpression", "QueryFilter": "use FilterExpression", "ScanFilter": "use FilterExpression",
        "TotalSegments": "host scans a table in one segment", "Segment": "host scans a table in one segment",
        "TraceHeader": "host does not run X-Ray tracing",
    ]

    /// The fields of one of PutEvents' `Entries` (PutEventsRequestEntry).
    static let putEventsEntryFields = ["Detail", "DetailType", "EventBusName", "Resources", "Source", "Time", "TraceHeader"]

    func checkIntegration(_ type: String, _ action: String, _ request: JSONObject, at path: [JSONPathComponent]) {
        let plain = { (key: String) in key.hasSuffix(".$") ? String(key.dropLast(2)) : key }
        if let bucket = Self.bucketFields["\(type):\(action)"] {
            let names = Set(request.keys.map(plain))
            for name in bucket.required where !names.contains(name) {
                error("The field '\(name)' is required.", at: path)
            }
            for key in request.keys where !(bucket.required + bucket.carried).contains(plain(key)) {
                unsupported("host's buckets do not carry out '\(plain(key))' of \(action); they take \((bucket.required + bucket.carried).joined(separator: ", ")) (docs/buckets.md).",
                            at: path + [.key(key)], atKey: true)
            }
            return
        }
        // The fields are the API's whatever the pattern (`startExecution.sync:2`).
        let api = action.split(separator: ".").first.map(String.init) ?? action
        guard let fields = Self.integrationFields["\(type):\(api)"] else { return }
        let names = Set(request.keys.map(plain))
        for name in fields.required where !names.contains(name) {
            error("The field '\(name)' is required.", at: path)
        }
        let known = fields.required + fields.optional
        for key in request.keys {
            let name = plain(key)
            if !known.contains(name) {
                error("The field '\(name)' is not supported by Step Functions.\(Suggestion.didYouMean(name, among: known))", at: path + [.key(key)], atKey: true)
            } else if let reason = Self.unrunFields[name] {
                unsupported("host does not run '\(name)' in \(type):\(action) (\(reason)).", at: path + [.key(key)], atKey: true)
            }
        }
        if api == "putEvents", case .array(let entries)? = request["Entries"] {
            checkPutEventsEntries(entries, at: path + ["Entries"])
        }
    }

    /// Each entry given as an object: a field PutEventsRequestEntry does not have is an error,
    /// and a `TraceHeader` is refused (host runs no X-Ray).
    private func checkPutEventsEntries(_ entries: [JSONValue], at path: [JSONPathComponent]) {
        for (index, entry) in entries.enumerated() {
            guard case .object(let fields) = entry else { continue }
            for key in fields.keys {
                let name = key.hasSuffix(".$") ? String(key.dropLast(2)) : key
                let place = path + [.index(index), .key(key)]
                if !Self.putEventsEntryFields.contains(name) {
                    error("The field '\(name)' is not supported by Step Functions.\(Suggestion.didYouMean(name, among: Self.putEventsEntryFields))",
                          at: place, atKey: true)
                } else if name == "TraceHeader" {
                    unsupported("host does not run 'TraceHeader' in events:putEvents (host does not run X-Ray tracing).", at: place, atKey: true)
                }
            }
        }
    }
}
