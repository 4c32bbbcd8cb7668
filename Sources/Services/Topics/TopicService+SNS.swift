import Foundation
import JSONValue
import LuaSandbox
import Store

/// SNS's Publish, and the event its Lambda subscribers receive.
extension TopicService {
    static let snsMembers = ["TopicArn", "TargetArn", "PhoneNumber", "Message", "Subject", "MessageStructure",
                             "MessageAttributes", "MessageDeduplicationId", "MessageGroupId"]

    /// "Invalid parameter: …", SNS's InvalidParameterException.
    static func invalidParameter(_ message: String) -> HostCallError {
        HostCallError(errorType: "InvalidParameterException", errorMessage: "Invalid parameter: \(message)")
    }

    static let topicNotFound = HostCallError(errorType: "NotFoundException", errorMessage: "Topic does not exist")

    /// SNS's Publish: TopicArn or TargetArn, Message, optional Subject and
    /// MessageAttributes. Answers `{"MessageId": …}`.
    func publishSNS(_ parameters: JSONValue) -> Result<JSONValue, HostCallError> {
        Result { () throws(HostCallError) -> JSONValue in
            guard case .object(let members) = parameters else { throw AttributeValue.wrongType("input", parameters, "object") }
            var problems: [String] = []
            if members["Message"] == nil { problems.append("Missing required parameter in input: \"Message\"") }
            for key in members.keys where !Self.snsMembers.contains(key) {
                problems.append("Unknown parameter in input: \"\(key)\", must be one of: \(Self.snsMembers.joined(separator: ", "))")
            }
            if !problems.isEmpty { throw .parameterValidation(problems) }
            for key in ["TopicArn", "TargetArn", "PhoneNumber", "Message", "Subject", "MessageStructure"] {
                if let value = members[key], value.stringValue == nil { throw AttributeValue.wrongType(key, value, "string") }
            }
            if members["PhoneNumber"] != nil { throw Self.invalidParameter("PhoneNumber Reason: host publishes to topics only") }
            guard let arn = members["TopicArn"]?.stringValue ?? members["TargetArn"]?.stringValue else {
                throw Self.invalidParameter("TopicArn or TargetArn Reason: no value for required parameter")
            }
            let topic = try snsTopic(arn, member: members["TopicArn"] != nil ? "TopicArn" : "TargetArn")
            let message = members["Message"]?.stringValue ?? ""
            guard !message.isEmpty else { throw Self.invalidParameter("Empty message") }
            let subject = members["Subject"]?.stringValue
            if let subject { try Self.checkSubject(subject) }
            let attributes = try Self.messageAttributes(members["MessageAttributes"])
            let lambdaMessage = try Self.structuredMessage(message, structure: members["MessageStructure"]?.stringValue)
            // "The total size limit for a single SMS Publish action is 256 KB, including
            // message attributes" — the same 262,144 bytes for any message.
            let size = message.utf8.count + attributes.reduce(0) { $0 + $1.key.utf8.count + $1.value.compactString().utf8.count }
            guard size <= 262_144 else { throw Self.invalidParameter("Message too long") }
            let id = makeMessageID().uuidString.lowercased()
            let time = milliseconds
            try store(NewTopicMessage(service: "sns", topic: topic.name, messageId: id, timestamp: time, subject: subject,
                                      message: message, attributes: attributes.isEmpty ? nil : JSONValue.object(attributes).compactString()),
                      errorType: "InternalErrorException")
            for subscription in topic.subscriptions {
                let event = Self.lambdaEvent(topic: topic, subscription: subscription, messageId: id, timestamp: time,
                                             subject: subject, message: lambdaMessage, attributes: attributes)
                deliver(TopicDelivery(topicArn: topic.arn, subscription: subscription, messageId: id, event: event))
            }
            return ["MessageId": .string(id)]
        }
    }

    /// The declared SNS topic an ARN names.
    private func snsTopic(_ arn: String, member: String) throws(HostCallError) -> TopicDefinition {
        let parts = arn.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 6, parts[0] == "arn", parts[2] == "sns", !parts[5].isEmpty else {
            throw Self.invalidParameter(member)
        }
        guard parts[3] == catalog.region, parts[4] == catalog.account,
              let found = try? catalog.topic(parts[5]), found.kind == .sns else { throw Self.topicNotFound }
        return found
    }

    /// "Subjects must be ASCII text that begins with a letter, number, or punctuation mark;
    /// must not include line breaks or control characters; and must be less than 100
    /// characters long" (SNS Publish).
    private static func checkSubject(_ subject: String) throws(HostCallError) {
        let valid = !subject.isEmpty && subject.count < 100
            && subject.unicodeScalars.allSatisfy { $0.isASCII && $0.value >= 0x20 && $0.value != 0x7F }
            && subject.first.map { !$0.isWhitespace } == true
        if !valid { throw invalidParameter("Subject") }
    }

    /// MessageAttributes: `{name: {"DataType": "String", "StringValue": "x"}}`, at most 10;
    /// the DataType is String, String.Array, Number or Binary (each with an optional
    /// `.custom` suffix).
    private static func messageAttributes(_ value: JSONValue?) throws(HostCallError) -> JSONObject {
        guard let value else { return [:] }
        guard case .object(let members) = value else { throw AttributeValue.wrongType("MessageAttributes", value, "object") }
        guard members.count <= 10 else {
            throw invalidParameter("MessageAttributes Reason: Number of message attributes [\(members.count)] exceeds the allowed maximum [10].")
        }
        var attributes: JSONObject = [:]
        for (name, attribute) in members {
            guard case .string(let type)? = attribute["DataType"] else {
                throw HostCallError.parameterValidation(["Missing required parameter in MessageAttributes.\(name): \"DataType\""])
            }
            let base = type.split(separator: ".", maxSplits: 1).first.map(String.init) ?? ""
            guard ["String", "Number", "Binary"].contains(base) else {
                throw invalidParameter("MessageAttributes Reason: The message attribute '\(name)' has an invalid message attribute type, the set of supported type prefixes is Binary, Number, and String.")
            }
            let key = base == "Binary" ? "BinaryValue" : "StringValue"
            guard case .string(let text)? = attribute[key], !text.isEmpty else {
                throw invalidParameter("MessageAttributes Reason: The message attribute '\(name)' must contain non-empty message attribute value for message attribute type '\(type)'.")
            }
            if base == "Number", Double(text) == nil {
                throw invalidParameter("MessageAttributes Reason: Could not cast message attribute '\(name)' value to number.")
            }
            attributes[name] = ["DataType": .string(type), key: .string(text)]
        }
        return attributes
    }

    /// With `MessageStructure: "json"`, the message is a JSON object of texts by protocol;
    /// a Lambda subscriber gets its `lambda` text, or else the required `default` one.
    private static func structuredMessage(_ message: String, structure: String?) throws(HostCallError) -> String {
        guard let structure else { return message }
        guard structure == "json" else { throw invalidParameter("MessageStructure") }
        guard case .object(let texts)? = try? JSONValue.parse(message) else {
            throw invalidParameter("Message Structure - JSON message body failed to parse")
        }
        guard case .string(let fallback)? = texts["default"] else {
            throw invalidParameter("Message Structure - No default entry in JSON message body")
        }
        return texts["lambda"]?.stringValue ?? fallback
    }

    /// The event a Lambda subscription receives, in the shape of the example event in
    /// "Using AWS Lambda with Amazon SNS": one record, `EventSource` `aws:sns`, the message
    /// under `Sns`, `Subject` null when there is none, attributes as `{"Type", "Value"}`.
    static func lambdaEvent(topic: TopicDefinition, subscription: TopicSubscription, messageId: String, timestamp: Int64,
                            subject: String?, message: String, attributes: JSONObject) -> JSONValue {
        var eventAttributes: JSONObject = [:]
        for (name, attribute) in attributes {
            eventAttributes[name] = ["Type": attribute["DataType"] ?? "String",
                                     "Value": attribute["StringValue"] ?? attribute["BinaryValue"] ?? ""]
        }
        let region = topic.arn.split(separator: ":")[3]
        let sns: JSONValue = [
            "Type": "Notification",
            "MessageId": .string(messageId),
            "TopicArn": .string(topic.arn),
            "Subject": subject.map { .string($0) } ?? .null,
            "Message": .string(message),
            "Timestamp": .string(Self.timestamp(timestamp)),
            "SignatureVersion": "1",
            "Signature": "EXAMPLE",
            "SigningCertUrl": "EXAMPLE",
            "UnsubscribeUrl": .string("https://sns.\(region).amazonaws.com/?Action=Unsubscribe&SubscriptionArn=\(subscription.subscriptionArn)"),
            "MessageAttributes": .object(eventAttributes),
        ]
        return ["Records": [[
            "EventSource": "aws:sns",
            "EventVersion": "1.0",
            "EventSubscriptionArn": .string(subscription.subscriptionArn),
            "Sns": sns,
        ]]]
    }
}
