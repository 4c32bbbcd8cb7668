import Foundation
import Hummingbird
import JSONValue
import Services
import Workspace

extension Console {
    /// Messages a topic's page shows at once.
    static let messagePageSize = 25

    /// `/topics`: the topics of `topics/`: type, ARN and subscriptions, or where a file is wrong.
    func topics(session: ConsoleSessions.Session) -> Response {
        let catalog = TopicCatalog(root: workspace.root)
        let rows = catalog.names().map { name -> [String: Any] in
            var row: [String: Any] = ["name": name, "segment": pathSegment(name), "hasProblem": false]
            do throws(CatalogError) {
                if let topic = try catalog.topic(name) {
                    row["type"] = Self.typeName(topic.kind)
                    row["arn"] = topic.arn
                    row["subscriptions"] = topic.subscriptions.count
                }
            } catch {
                row["hasProblem"] = true
                row["problem"] = error.description
            }
            return row
        }
        return page(.ok, "topics", ["title": "Topics", "topics": rows, "hasTopics": !rows.isEmpty], session: session)
    }

    /// `/topics/NAME?page=N`: its ARN, its subscriptions (each to its function's page), the
    /// messages published to it, newest first, and how many deliveries finally failed.
    func topic(_ name: String, query: [String: String], session: ConsoleSessions.Session) -> Response {
        let catalog = TopicCatalog(root: workspace.root)
        let topic: TopicDefinition
        do throws(CatalogError) {
            guard let declared = try catalog.topic(name) else {
                return missing("No topic is named \(name): topics/\(name).json does not exist.", session: session)
            }
            topic = declared
        } catch {
            return page(.ok, "topic", ["title": name, "name": name, "hasProblem": true, "problem": error.description,
                                       "subscriptions": [[String: Any]](), "messages": [[String: Any]](), "newer": false, "older": false], session: session)
        }
        var problem: String?
        var all: [PublishedMessage] = []
        if workspace.hasDatabase {
            do throws(ServiceError) { all = try workspace.topics().publishedMessages(topic: topic.arn) } catch { problem = error.description }
        }
        let pageNumber = max(0, query["page"].flatMap { Int($0) } ?? 0)
        let shown = all.reversed().dropFirst(pageNumber * Self.messagePageSize).prefix(Self.messagePageSize)
        let failed = ((try? workspace.eventBridge.deadLetters()) ?? []).count { $0.rule == topic.arn }
        let values: [String: Any] = [
            "title": name, "name": name, "segment": pathSegment(name), "arn": topic.arn, "type": Self.typeName(topic.kind),
            "isSNS": topic.kind == .sns, "hasProblem": false, "hasMessagesProblem": problem != nil, "messagesProblem": problem ?? "",
            "subscriptions": topic.subscriptions.map { subscription -> [String: Any] in
                ["protocol": subscription.protocol, "endpoint": subscription.endpoint, "function": subscription.functionName,
                 "functionSegment": pathSegment(subscription.functionName), "subscriptionArn": subscription.subscriptionArn]
            },
            "hasSubscriptions": !topic.subscriptions.isEmpty, "total": all.count, "deadLetters": failed, "hasDeadLetters": failed > 0,
            "messages": shown.map { message -> [String: Any] in
                [
                    "messageId": message.messageId, "time": timeValue(message.timestamp), "hasSubject": message.subject != nil,
                    "subject": message.subject ?? "", "message": message.message,
                    "hasAttributes": message.attributes != nil, "attributes": message.attributes?.prettyString() ?? "",
                ]
            },
            "hasMessages": !shown.isEmpty,
            "newer": pageNumber > 0 ? ["query": pageNumber > 1 ? "?page=\(pageNumber - 1)" : ""] : false,
            "older": all.count > (pageNumber + 1) * Self.messagePageSize ? ["query": "?page=\(pageNumber + 1)"] : false,
        ]
        return page(problem == nil ? .ok : .internalServerError, "topic", values, session: session)
    }

    /// "SNS" or "IoT".
    static func typeName(_ kind: TopicDefinition.Kind) -> String {
        kind == .sns ? "SNS" : "IoT"
    }
}
