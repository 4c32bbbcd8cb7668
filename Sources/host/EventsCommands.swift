import ArgumentParser
import Foundation
import JSONValue
import Workspace

/// `host events list|dead-letters`: what the workspace's event bus carried.
struct EventsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "events", abstract: "Events of the workspace's event bus.",
                                                    subcommands: [List.self, DeadLetters.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List stored events, oldest first.")
        @OptionGroup var workspaceOptions: WorkspaceOptions
        @Option(help: "From this time on: 30s, 10m, 2h, 1d, 1w or ISO 8601.") var since: String?
        @Option(help: "Only status changes to RUNNING, SUCCEEDED, FAILED, TIMED_OUT or ABORTED.") var status: String?
        @Option(help: "text (a line an event) or json (the events).") var output: OutputFormat = .text

        func run() throws {
            let workspace = try workspaceOptions.open()
            let start = try since.map { text in try plainCall(option: "--since") { () throws(ServiceError) in try workspace.time(text) } }
            let events = try plainCall { () throws(ServiceError) in
                try workspace.eventBridge.storedEvents(since: start?.epochMilliseconds, status: status)
            }
            switch output {
            case .text:
                for event in events {
                    let time = EventPrinter.detailedTime(event.time)
                    print([time, event.detailType, event.status ?? "", event.resource ?? ""].joined(separator: "\t"))
                }
            case .json:
                print(JSONValue.array(events.map(\.event)).prettyString())
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
            let letters = try plainCall { () throws(ServiceError) in try workspace.eventBridge.deadLetters() }
            switch output {
            case .text:
                for letter in letters {
                    print([EventPrinter.detailedTime(letter.time), letter.rule, letter.target, "attempts \(letter.attempts)",
                           letter.eventId, letter.reason].joined(separator: "\t"))
                }
            case .json:
                print(JSONValue.array(letters.map { letter in
                    [
                        "eventId": .string(letter.eventId), "rule": .string(letter.rule), "target": .string(letter.target),
                        "attempts": .int(Int64(letter.attempts)), "reason": .string(letter.reason),
                        "time": .int(letter.time), "event": letter.event ?? .null,
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
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the rules; malformed ones are reported with their place.")
        @OptionGroup var workspaceOptions: WorkspaceOptions

        func run() throws {
            let (rules, problems) = try workspaceOptions.open().eventBridge.ruleFiles()
            for file in rules {
                let targets = file.targetFunctions.joined(separator: ",")
                print([file.rule.name, file.rule.state, targets, file.rule.eventPattern].joined(separator: "\t"))
            }
            for problem in problems { FileHandle.standardError.write(Data((problem + "\n").utf8)) }
            if !problems.isEmpty { throw ExitCode(1) }
        }
    }

    /// As `aws events test-event-pattern`: prints `{"Result": true|false}`.
    struct Test: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "test", abstract: "Does a rule's pattern match an event?")
        @OptionGroup var workspaceOptions: WorkspaceOptions
        @Argument(help: "The rule's name (rules/NAME.json).") var rule: String
        @Option(help: ArgumentHelp("The event, as a JSON file; - reads standard input.", valueName: "FILE")) var event: String

        func run() throws {
            let bridge = try workspaceOptions.open().eventBridge
            let parsed: FileRule
            do throws(RuleFileError) { parsed = try bridge.fileRule(named: rule) } catch {
                guard case .invalid = error else { throw CommandFailure(message: error.description) }
                FileHandle.standardError.write(Data((error.description + "\n").utf8))
                throw ExitCode(2)
            }
            let value = try readDocument { () throws(InputDocumentError) in try InputDocument.file(event, option: "--event") }
            print(JSONValue.object(["Result": .bool(parsed.matches(value))]).compactString())
        }
    }
}
