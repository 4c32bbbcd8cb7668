import Clocks
import Foundation
import Functions
import Identifiers
import JSONValue
import LuaSandbox
import Store

/// SNS-like and IoT-like topics over the workspace database: `sns` Publish and `iot-data`
/// Publish store each message (topic, time, subject, message, attributes); an SNS topic's
/// Lambda subscriptions receive it in the event shape Lambda gets from SNS.
/// Safe to call from many threads at once.
public final class TopicService: Sendable {
    /// Delivers a message to a subscribed function. Called on the publishing thread after the
    /// message is stored; an implementation should hand the event off (an asynchronous
    /// invocation, as SNS makes) rather than run the function there.
    public typealias Delivery = @Sendable (_ delivery: TopicDelivery) -> Void

    /// The workspace's declared topics.
    public let catalog: TopicCatalog
    let messageStore: any TopicMessageStore
    let now: @Sendable () -> Date
    let deliver: Delivery
    let makeMessageID: @Sendable () -> UUID

    /// A service over `messageStore` for the workspace at `root` (which holds `topics/`).
    /// `makeMessageID` exists for tests that need known message ids.
    public init(messageStore: any TopicMessageStore, root: URL, now: @escaping @Sendable () -> Date,
                deliver: @escaping Delivery = { _ in }, makeMessageID: @escaping @Sendable () -> UUID = { RandomIdentifier.uuid() },
                region: String = "us-east-1", account: String = "123456789012") {
        self.catalog = TopicCatalog(root: root, region: region, account: account)
        self.messageStore = messageStore
        self.now = now
        self.deliver = deliver
        self.makeMessageID = makeMessageID
    }

    /// Performs a function's `sns` or `iot` host call.
    public func handle(_ request: HostAPIRequest) -> Result<JSONValue, HostCallError> {
        perform(request.service, request.action, request.parameters)
    }

    /// Performs an action of IAM's service `sns` or `iot` (only `Publish`) with its request.
    public func perform(_ service: String, _ action: String, _ parameters: JSONValue) -> Result<JSONValue, HostCallError> {
        switch (service, action) {
        case ("sns", "Publish"): publishSNS(parameters)
        case ("iot", "Publish"): publishIoT(parameters)
        default:
            .failure(HostCallError(errorType: "UnknownOperationException",
                                   errorMessage: "The host offers no operation '\(action)' for '\(service)'."))
        }
    }

    /// The stored messages in the order they were published: of one topic (a name or an
    /// ARN) when given, after the message with id `after` when given. Ids grow, so a
    /// follower passes the last id it showed.
    public func messages(topic: String? = nil, after: Int64? = nil) throws(StoreError) -> [TopicMessageRecord] {
        guard let topic else { return try messageStore.topicMessages(topic: nil, service: nil, afterID: after, limit: nil) }
        let (service, name) = resolve(topic)
        return try messageStore.topicMessages(topic: name, service: service, afterID: after, limit: nil)
    }

    /// The service and name a topic reference means: an SNS or IoT ARN, or a name (of a
    /// declared topic when there is one, else of any topic of that name).
    func resolve(_ reference: String) -> (service: String?, name: String) {
        let parts = reference.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false).map(String.init)
        if parts.count == 6, parts[0] == "arn" {
            if parts[2] == "sns" { return ("sns", parts[5]) }
            if parts[2] == "iot", parts[5].hasPrefix("topic/") { return ("iot", String(parts[5].dropFirst(6))) }
        }
        let declared = (try? catalog.topic(reference)) ?? nil
        return (declared?.kind.rawValue, reference)
    }

    /// Stores a message; a store failure is the service's internal error.
    func store(_ message: NewTopicMessage, errorType: String) throws(HostCallError) {
        do { try messageStore.appendTopicMessage(message) } catch {
            throw HostCallError(errorType: errorType, errorMessage: "Internal error: \(error.message)")
        }
    }

    var milliseconds: Int64 { now().epochMilliseconds }

    /// `2019-01-02T12:45:07.000Z`, as SNS writes Timestamp.
    static func timestamp(_ milliseconds: Int64) -> String {
        Date(epochMilliseconds: milliseconds).iso8601Milliseconds
    }

    // MARK: IoT

    static let iotMembers = ["topic", "qos", "retain", "payload", "userProperties", "payloadFormatIndicator",
                             "contentType", "responseTopic", "correlationData", "messageExpiry"]

    /// IoT Data's Publish: `topic` (required), `payload`, `qos`. IoT accepts any topic name
    /// ("You don't need to create a topic"), so the message is stored under whatever topic
    /// the call names. The answer is empty.
    func publishIoT(_ parameters: JSONValue) -> Result<JSONValue, HostCallError> {
        Result { () throws(HostCallError) -> JSONValue in
            guard case .object(let members) = parameters else { throw AttributeValue.wrongType("input", parameters, "object") }
            var problems: [String] = []
            if members["topic"] == nil { problems.append("Missing required parameter in input: \"topic\"") }
            for key in members.keys where !Self.iotMembers.contains(key) {
                problems.append("Unknown parameter in input: \"\(key)\", must be one of: \(Self.iotMembers.joined(separator: ", "))")
            }
            if !problems.isEmpty { throw .parameterValidation(problems) }
            guard case .string(let topic)? = members["topic"] else { throw AttributeValue.wrongType("topic", members["topic"] ?? .null, "string") }
            // MQTT: a topic to publish to is 1 to 256 bytes and holds no wildcard.
            guard (1...256).contains(topic.utf8.count), !topic.contains("#"), !topic.contains("+") else {
                throw HostCallError(errorType: "InvalidRequestException", errorMessage: "Invalid topic name: '\(topic)'")
            }
            let payload: String
            switch members["payload"] {
            case nil, .null?: payload = ""
            case .string(let text)?: payload = text
            case let value?: throw AttributeValue.wrongType("payload", value, "string")
            }
            var options: JSONObject = [:]
            switch members["qos"] {
            case nil, .null?: options["qos"] = 0
            case .int(let qos)? where qos == 0 || qos == 1: options["qos"] = .int(qos)
            case let value?: throw HostCallError(errorType: "InvalidRequestException", errorMessage: "qos must be 0 or 1, not \(value.compactString())")
            }
            if case .bool(let retain)? = members["retain"] { options["retain"] = .bool(retain) }
            if let properties = members["userProperties"] { options["userProperties"] = properties }
            let message = NewTopicMessage(service: "iot", topic: topic, messageId: makeMessageID().uuidString.lowercased(),
                                          timestamp: milliseconds, message: payload,
                                          attributes: JSONValue.object(options).compactString())
            try store(message, errorType: "InternalFailureException")
            return [:]
        }
    }
}

/// One message on its way to one Lambda subscriber.
public struct TopicDelivery: Sendable {
    /// The SNS topic the message was published to.
    public var topicArn: String
    /// The subscription it is delivered through (its endpoint names the function).
    public var subscription: TopicSubscription
    /// Publish's `MessageId`.
    public var messageId: String
    /// The event the function receives, in the shape Lambda gets from SNS.
    public var event: JSONValue

    /// The function the subscription names.
    public var functionName: String { subscription.functionName }
}
