import JSONValue

/// A rule of the default event bus: a file of `rules/` or one created through the API. What
/// DescribeRule describes.
public struct RuleDescription: Sendable, Equatable {
    public var name: String
    /// `arn:aws:events:REGION:ACCOUNT:rule/NAME`: the default bus's rules have no bus in their ARN.
    public var arn: String
    /// The pattern's JSON text.
    public var eventPattern: String
    /// `ENABLED` or `DISABLED`.
    public var state: String
    public var description: String?
    public var roleArn: String?
    /// The account that made the rule (DescribeRule's `CreatedBy`).
    public var createdBy: String
    /// `rules/NAME.json` for a rule of the files; nil for one created through the API.
    public var file: String?

    /// One item of ListRules' `Rules`: members without a value are left out, as AWS leaves
    /// them out.
    public var listItem: JSONValue {
        var object: JSONObject = [
            "Name": .string(name), "Arn": .string(arn), "EventPattern": .string(eventPattern), "State": .string(state),
        ]
        if let description { object["Description"] = .string(description) }
        if let roleArn { object["RoleArn"] = .string(roleArn) }
        object["EventBusName"] = "default"
        return .object(object)
    }

    /// DescribeRule's answer: ListRules' members and `CreatedBy`.
    public var json: JSONValue {
        guard case .object(var object) = listItem else { return listItem }
        object["CreatedBy"] = .string(createdBy)
        return .object(object)
    }
}

/// A target PutTargets did not add, or an Id RemoveTargets did not remove, and why (the API's
/// `PutTargetsResultEntry` and `RemoveTargetsResultEntry`).
public struct TargetFailure: Sendable, Equatable {
    public var targetId: String
    public var errorCode: String
    public var errorMessage: String

    public var json: JSONValue {
        ["TargetId": .string(targetId), "ErrorCode": .string(errorCode), "ErrorMessage": .string(errorMessage)]
    }

    /// `{"FailedEntryCount": N, "FailedEntries": [...]}`, as PutTargets and RemoveTargets answer.
    public static func answer(_ failures: [TargetFailure]) -> JSONValue {
        ["FailedEntryCount": .int(Int64(failures.count)), "FailedEntries": .array(failures.map(\.json))]
    }
}

/// EventBridge's errors beyond those ServiceError lists (all HTTP 400).
extension ServiceError.Code {
    public static let limitExceeded = Self("LimitExceededException")
}
