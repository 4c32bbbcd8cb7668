import ArgumentParser
import Clocks
import Events
import Foundation
import JSONValue
import Logs
import Store
import Workspace

/// `host events list|dead-letters`: what the workspace's event bus carried.
struct EventsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "events", abstract: "Events of the workspace's event bus.",
                                                    subcommands: [List.self, DeadLetters.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List stored events, oldest first.")
        @OptionGroup var workspaceOptions: WorkspaceOptions
        @Option(help: "From this time on: 30s, 10m, 2h, 1d, 1w or ISO 8601.") var since: String?
        @Option(help: "Only status changes to RUNNING, SUCCEEDED, FAILED, TIMED_OUT or ABORTED.") var status: String?
        @Option(help: "text (a line an event) or json (the events).") var output: OutputFormat = .text

        func run() throws {
            let workspace = try workspaceOptions.open()
            var start: Int64?
            if let since {
                do { start = try LogTimeSpec.parse(since, now: workspace.now()).epochMilliseconds } catch {
                    throw CommandFailure(message: "--since: \(error.description)")
                }
            }
            guard workspace.hasDatabase else { return }
            let database = try storeCall { () throws(StoreError) in try workspace.stores().events }
            let events = try storeCall { () throws(StoreError) in try database.events(since: start, status: status) }
            switch output {
            case .text:
                for event in events {
                    let time = EventPrinter.detailedTime(event.time)
                    print([time, event.detailType, event.status ?? "", event.resource ?? ""].joined(separator: "\t"))
                }
            case .json:
                print(JSONValue.array(events.map { (try? JSONValue.parse($0.body)) ?? .string($0.body) }).prettyString())
            }
        }
    }

    struct DeadLetters: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "dead-letters", abstract: "Events whose delivery finally failed, with the reason.")
        @OptionGroup var workspaceOptions: WorkspaceOptions
        @Option(help: "text or json.") var output: OutputFormat = .text

        func run() throws {
            let workspace = try workspaceOptions.open()
            guard workspace.hasDatabase else { return }
            let database = try storeCall { () throws(StoreError) in try workspace.stores().events }
            let letters = try storeCall { () throws(StoreError) in try database.deadLetters() }
            switch output {
            case .text:
                for letter in letters {
                    print([EventPrinter.detailedTime(letter.time), letter.rule, letter.target, "attempts \(letter.attempts)",
                           letter.eventId, letter.reason].joined(separator: "\t"))
                }
            case .json:
                print(JSONValue.array(letters.map { letter in
                    let event = (try? database.event(id: letter.eventId)).flatMap { $0 }.flatMap { try? JSONValue.parse($0.body) }
                    return [
                        "eventId": .string(letter.eventId), "rule": .string(letter.rule), "target": .string(letter.target),
                        "attempts": .int(Int64(letter.attempts)), "reason": .string(letter.reason),
                        "time": .int(letter.time), "event": event ?? .null,
                    ]
                }).prettyString())
            }
        }
    }
}

/// `host rules list|test`: the workspace's rules.
struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "rules", abstract: "The event rules in rules/.",
                                                    subcommands: [List.self, Test.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the rules; malformed ones are reported with their place.")
        @OptionGroup var workspaceOptions: WorkspaceOptions

        func run() throws {
            let catalog = try workspaceOptions.open().ruleCatalog()
            for rule in catalog.rules {
                let targets = rule.targets.map(\.function).joined(separator: ",")
                print([rule.name, rule.enabled ? "ENABLED" : "DISABLED", targets, rule.patternText].joined(separator: "\t"))
            }
            for problem in catalog.problems { FileHandle.standardError.write(Data((problem + "\n").utf8)) }
            if !catalog.problems.isEmpty { throw ExitCode(1) }
        }
    }

    /// As `aws events test-event-pattern`: prints `{"Result": true|false}`.
    struct Test: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Does a rule's pattern match an event?")
        @OptionGroup var workspaceOptions: WorkspaceOptions
        @Argument(help: "The rule's name (rules/NAME.json).") var rule: String
        @Option(help: ArgumentHelp("The event, as a JSON file; - reads standard input.", valueName: "FILE")) var event: String

        func run() throws {
            let workspace = try workspaceOptions.open()
            let file = workspace.rulesDirectory.appendingPathComponent("\(rule).json")
            guard let data = FileManager.default.contents(atPath: file.path) else {
                throw CommandFailure(message: "no rule '\(rule)': rules/\(rule).json does not exist")
            }
            let parsed: Rule
            switch RuleCatalog.parse(String(decoding: data, as: UTF8.self), name: rule, file: "rules/\(rule).json") {
            case .success(let value): parsed = value
            case .failure(let problems):
                FileHandle.standardError.write(Data((problems.problems.joined(separator: "\n") + "\n").utf8))
                throw ExitCode(2)
            }
            let value = try readDocument { () throws(InputDocumentError) in try InputDocument.file(event, option: "--event") }
            print(JSONValue.object(["Result": .bool(parsed.pattern.matches(value))]).compactString())
        }
    }
}
