import ArgumentParser
import Foundation
import JSONValue
import Workspace

/// `host logs ...`: browse log groups as `aws logs tail` and awslogs do.
struct LogsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "logs",
        abstract: "Browse the log groups of functions.",
        subcommands: [Groups.self, Streams.self, Get.self, PutRetentionPolicy.self, DeleteRetentionPolicy.self]
    )

    struct Groups: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "groups", abstract: "List log groups.")
        @OptionGroup var workspaceOptions: WorkspaceOptions
        @Option(help: "Only groups whose name starts with this.") var prefix: String?
        @Option(help: "text (names) or json (as DescribeLogGroups).") var output: OutputFormat = .text

        func run() throws {
            let logs = try workspaceOptions.open().logs
            let groups = try plainCall { () throws(ServiceError) in try logs.logGroups(prefix: prefix) }
            switch output {
            case .text: for group in groups { print(group.name) }
            case .json: print(JSONValue.object(["logGroups": .array(groups.map(\.json))]).prettyString())
            }
        }
    }

    struct Streams: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "streams", abstract: "List the streams of a log group.")
        @OptionGroup var workspaceOptions: WorkspaceOptions
        @Argument(help: "The log group, e.g. /aws/lambda/NAME.") var group: String
        @Option(name: .customLong("order-by"), help: "name, or last-event (newest first).") var orderBy: StreamOrder = .name
        @Option(help: "text (names) or json (as DescribeLogStreams).") var output: OutputFormat = .text

        func run() throws {
            let logs = try workspaceOptions.open().logs
            let streams = try plainCall { () throws(ServiceError) in try logs.logStreams(group: group, orderByLastEvent: orderBy == .lastEvent) }
            switch output {
            case .text: for stream in streams { print(stream.name) }
            case .json: print(JSONValue.object(["logStreams": .array(streams.map(\.json))]).prettyString())
            }
        }
    }

    struct Get: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "get",
            abstract: "Print the events of a log group, as `aws logs tail` does.",
            discussion: """
                Times are relative (30s, 10m, 2h, 1d, 1w) or ISO 8601. Without --since, the last 10 \
                minutes; with --execution, every line of the invocations the execution made.
                """
        )
        @OptionGroup var workspaceOptions: WorkspaceOptions
        @Argument(help: "The log group, e.g. /aws/lambda/NAME; with --execution, only its lines.") var group: String?
        @Option(help: ArgumentHelp("Only the lines of the function invocations this execution made.", valueName: "ARN|NAME"))
        var execution: String?
        @Option(name: .customLong("stream"), help: "Only this stream (repeatable).") var streams: [String] = []
        @Option(help: "From this time on (default 10m, or all of an execution's lines).") var since: String?
        @Option(help: "Up to this time.") var until: String?
        @Option(name: .customLong("filter-pattern"), help: "A CloudWatch Logs filter pattern.") var filterPattern: String?
        @Flag(help: "Keep printing new events as they arrive.") var follow = false
        @Option(help: "detailed (time, stream, message), short (time, message) or json (JSON messages pretty-printed).")
        var format: EventFormat = .detailed

        func validate() throws {
            if group == nil && execution == nil { throw ValidationError("give a log group, or --execution NAME") }
            if execution != nil && follow { throw ValidationError("--follow follows a log group, not --execution") }
        }

        func run() throws {
            let workspace = try workspaceOptions.open()
            let logs = workspace.logs
            let start = try (since ?? (execution == nil ? "10m" : nil)).map { text in
                try plainCall { () throws(ServiceError) in try workspace.time(text) }
            }
            let end = try until.map { text in try plainCall { () throws(ServiceError) in try workspace.time(text) } }
            let filter = try filterPattern.map { text in
                try plainCall(option: "--filter-pattern") { () throws(ServiceError) in try LogEventFilter(text) }
            }
            let printer = EventPrinter(format: format, colour: Terminal.usesColour)
            if let execution {
                let lines = try lookUp { () throws(ExecutionLookupError) in
                    try logs.events(ofExecutionNamed: execution, group: group, streams: streams.isEmpty ? nil : streams, start: start,
                                    end: end, filter: filter)
                }
                for line in lines { print(printer.line(for: line)) }
                return
            }
            guard let group else { return }
            // Follow polls once a second for events stored after the last one shown: ids grow
            // with every event stored, whichever process stored it.
            var last: Int64?
            while true {
                let events = try plainCall { () throws(ServiceError) in
                    try logs.events(group: group, streams: streams.isEmpty ? nil : streams, start: start, end: end, filter: filter, after: last)
                }
                for event in events {
                    print(printer.line(for: event))
                    last = max(last ?? event.id, event.id)
                }
                guard follow else { break }
                fflush(nil)
                Thread.sleep(forTimeInterval: 1)
            }
        }
    }

    struct PutRetentionPolicy: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "put-retention-policy", abstract: "Keep a group's events for this many days only.")
        @OptionGroup var workspaceOptions: WorkspaceOptions
        @Argument(help: "The log group.") var group: String
        @Option(name: .customLong("retention-in-days"), help: "1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288 or 3653.")
        var days: Int

        func run() throws {
            let logs = try workspaceOptions.open().logs
            try plainCall { () throws(ServiceError) in try logs.changeRetention(group: group, days: days) }
        }
    }

    struct DeleteRetentionPolicy: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "delete-retention-policy", abstract: "Keep a group's events forever.")
        @OptionGroup var workspaceOptions: WorkspaceOptions
        @Argument(help: "The log group.") var group: String

        func run() throws {
            let logs = try workspaceOptions.open().logs
            try plainCall { () throws(ServiceError) in try logs.changeRetention(group: group, days: nil) }
        }
    }
}

enum OutputFormat: String, ExpressibleByArgument, CaseIterable { case text, json }

enum StreamOrder: String, ExpressibleByArgument, CaseIterable {
    case name
    case lastEvent = "last-event"
}

enum EventFormat: String, ExpressibleByArgument, CaseIterable { case detailed, short, json }
