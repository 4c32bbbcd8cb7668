import ArgumentParser
import Foundation
import JSONValue
import Workspace

/// `host invoke NAME`: runs a function once, as `aws lambda invoke` does.
struct InvokeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "invoke",
        abstract: "Invoke a function and print its result.",
        discussion: """
            Prints the result as JSON and exits 0. When the function fails, prints Lambda's error \
            payload ({"errorType", "errorMessage", "requestId", "stackTrace"}) and exits 1. A missing \
            function, a sidecar that cannot be used (each of its problems as FILE:LINE:COLUMN: error: \
            MESSAGE) or an invalid event exits 2, and nothing runs.
            """
    )

    @OptionGroup var workspaceOptions: WorkspaceOptions

    @Argument(help: "The function: functions/NAME.lua.")
    var name: String

    @Option(help: ArgumentHelp("The event, as JSON (default {}).", valueName: "JSON"))
    var event: String?

    @Option(name: .customLong("event-file"), help: ArgumentHelp("Read the event from FILE; - reads standard input.", valueName: "FILE"))
    var eventFile: String?

    @Option(name: .customLong("log-type"), help: ArgumentHelp("Tail: also print the invocation's log lines on standard error.", valueName: "Tail"))
    var logType: String?

    func validate() throws {
        if event != nil && eventFile != nil { throw ValidationError("give --event or --event-file, not both") }
        if let logType, logType != "Tail", logType != "None" {
            throw ValidationError("--log-type must be Tail or None, not '\(logType)'")
        }
    }

    func run() throws {
        let workspace = try workspaceOptions.open()
        let payload = try readEvent()
        let invocation: FunctionInvocation
        do { invocation = try workspace.lambda.invokeFunction(name, event: payload) } catch {
            switch error {
            // A sidecar that cannot be used is reported as what it is, each problem at its
            // place, as a definition's are; nothing was opened or written.
            case .configuration(let problems):
                FileHandle.standardError.write(Data((problems + "\n").utf8))
                throw ExitCode(2)
            case .unavailable: throw CommandFailure(message: error.description)
            case .refused:
                try? workspace.close()
                throw CommandFailure(message: error.description, exitCode: 1)
            }
        }
        try workspace.close()
        if logType == "Tail" {
            FileHandle.standardError.write(Data((invocation.logLines.joined(separator: "\n") + "\n").utf8))
        }
        switch invocation.outcome {
        case .success(let value):
            print(value.compactString())
        case .failure(let payload):
            print(payload.compactString())
            throw ExitCode(1)
        }
    }

    private func readEvent() throws -> JSONValue {
        try readDocument { () throws(InputDocumentError) in
            if let eventFile { return try InputDocument.file(eventFile, option: "--event-file") }
            return try InputDocument.text(event ?? "{}", option: "--event")
        }
    }
}
