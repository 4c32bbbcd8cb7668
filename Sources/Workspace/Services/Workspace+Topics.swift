import Foundation
import JSONValue
import Services
import Store

/// A message published to a topic, as it was stored.
public struct PublishedMessage: Sendable, Equatable {
    /// Grows with every message stored: a follower asks for the messages after the last it showed.
    public var id: Int64
    /// `sns` or `iot`.
    public var service: String
    /// The topic's name (an SNS topic's last ARN part, or an MQTT topic name).
    public var topic: String
    /// SNS's MessageId (for IoT, an id host gives).
    public var messageId: String
    /// Epoch milliseconds.
    public var timestamp: Int64
    /// SNS's Subject, when there was one.
    public var subject: String?
    /// The message (SNS) or the payload (IoT).
    public var message: String
    /// SNS's MessageAttributes, or IoT's publish options, when there were any.
    public var attributes: JSONValue?
}

extension Workspace {
    /// The workspace's topics (`topics/`), over its store, as its functions reach them: an SNS
    /// topic's subscribers receive what is published.
    public func topics() throws(ServiceError) -> TopicService {
        do {
            let stores = try stores()
            return TopicService(messageStore: stores.topics, root: root, now: now, deliver: TopicService.lambdaDelivery(
                deadLetters: stores.events, now: now, host: { [weak self] in try? self?.functionHost() }))
        } catch {
            throw ServiceError(.internalFailure, error.message)
        }
    }
}

extension TopicService {
    /// The messages published, in order (`messages(topic:after:)`): to one topic (a name or an
    /// ARN) when given, after the message with id `after` when given.
    public func publishedMessages(topic: String? = nil, after: Int64? = nil) throws(ServiceError) -> [PublishedMessage] {
        let records: [TopicMessageRecord]
        do { records = try messages(topic: topic, after: after) } catch { throw ServiceError(.internalFailure, error.message) }
        return records.map { record in
            PublishedMessage(id: record.id, service: record.service, topic: record.topic, messageId: record.messageId,
                             timestamp: record.timestamp, subject: record.subject, message: record.message,
                             attributes: record.attributes.flatMap { try? JSONValue.parse($0) })
        }
    }
}
