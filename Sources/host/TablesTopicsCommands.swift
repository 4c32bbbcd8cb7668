import ArgumentParser
import Foundation
import JSONValue
import Services
import Workspace

/// `host tables list|scan|get`: the workspace's DynamoDB-like tables.
struct TablesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "tables", abstract: "The tables declared in tables/.",
                                                    subcommands: [List.self, Scan.self, Get.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the tables and their keys.")
        @OptionGroup var workspaceOptions: WorkspaceOptions

        func run() throws {
            let catalog = TableCatalog(root: try workspaceOptions.open().root)
            let tables: [TableDefinition]
            do { tables = try catalog.tables() } catch { throw CommandFailure(message: error.description) }
            for table in tables {
                let keys = table.keyAttributes.map { "\($0.name) (\($0.type))" }.joined(separator: ", ")
                print("\(table.name)\t\(keys)\t\(table.arn())")
            }
        }
    }

    struct Scan: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "scan", abstract: "Print every item of a table, as DynamoDB's typed JSON.")
        @OptionGroup var workspaceOptions: WorkspaceOptions
        @Argument(help: "The table.") var name: String

        func run() throws {
            let tables = try openTables(workspaceOptions)
            let items = try serviceCall { () throws(ServiceError) in try tables.items(of: name) }
            print(JSONValue.object(["Items": .array(items), "Count": .int(Int64(items.count))]).prettyString())
        }
    }

    struct Get: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "get", abstract: "Print one item, by its key.")
        @OptionGroup var workspaceOptions: WorkspaceOptions
        @Argument(help: "The table.") var name: String
        @Argument(help: "The key: a plain value for a table with only a partition key, or a JSON object.") var key: String

        func run() throws {
            let keyValue = (try? JSONValue.parse(key)).flatMap { $0.objectValue != nil ? $0 : nil } ?? .string(key)
            let tables = try openTables(workspaceOptions)
            let item = try serviceCall { () throws(ServiceError) in try tables.item(of: name, key: keyValue) }
            guard let item else { throw CommandFailure(message: "no item with key \(key) in table \(name)", exitCode: 1) }
            print(JSONValue.object(["Item": item]).prettyString())
        }
    }
}

/// The workspace's tables; a store that cannot be opened is `host: MESSAGE`, exit status 1.
private func openTables(_ options: WorkspaceOptions) throws -> TableService {
    let workspace = try options.open()
    return try plainCall { () throws(ServiceError) in try workspace.tables() }
}

/// `host topics list|messages`: the workspace's SNS- and IoT-like topics.
struct TopicsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "topics", abstract: "The topics declared in topics/.",
                                                    subcommands: [List.self, Messages.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the topics.")
        @OptionGroup var workspaceOptions: WorkspaceOptions

        func run() throws {
            let catalog = TopicCatalog(root: try workspaceOptions.open().root)
            let topics: [TopicDefinition]
            do { topics = try catalog.list() } catch { throw CommandFailure(message: error.description) }
            for topic in topics {
                let subscribers = topic.subscriptions.map(\.functionName).joined(separator: ",")
                print("\(topic.name)\t\(topic.kind.rawValue)\t\(topic.arn)\(subscribers.isEmpty ? "" : "\t→ \(subscribers)")")
            }
        }
    }

    struct Messages: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "messages", abstract: "Print the messages published to a topic.")
        @OptionGroup var workspaceOptions: WorkspaceOptions
        @Argument(help: "The topic's name or ARN.") var name: String
        @Flag(help: "Keep printing new messages as they arrive.") var follow = false
        @Option(help: "text or json.") var output: OutputFormat = .text

        func run() throws {
            let workspace = try workspaceOptions.open()
            guard workspace.hasDatabase || follow else { return }
            let topics = try plainCall { () throws(ServiceError) in try workspace.topics() }
            var last: Int64?
            while true {
                let messages = try plainCall { () throws(ServiceError) in try topics.publishedMessages(topic: name, after: last) }
                for message in messages {
                    last = message.id
                    switch output {
                    case .text:
                        let subject = message.subject.map { "\($0)\t" } ?? ""
                        print("\(EventPrinter.detailedTime(message.timestamp))\t\(message.messageId)\t\(subject)\(message.message)")
                    case .json:
                        print(JSONValue.object([
                            "MessageId": .string(message.messageId), "Topic": .string(message.topic),
                            "Timestamp": .int(message.timestamp), "Subject": message.subject.map { .string($0) } ?? .null,
                            "Message": .string(message.message),
                            "MessageAttributes": message.attributes ?? .null,
                        ]).compactString())
                    }
                }
                guard follow else { break }
                fflush(nil)
                Thread.sleep(forTimeInterval: 1)
            }
        }
    }
}
