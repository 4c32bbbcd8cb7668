import ArgumentParser
import Foundation
import JSONValue
import Workspace

/// `host test-state`: TestState on one state, with the aws CLI's options and its answer
/// (docs/testing.md, "TestState").
struct TestStateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test-state",
        abstract: "Run one state once, as aws stepfunctions test-state does.",
        discussion: """
            Takes the options of `aws stepfunctions test-state` (each JSON option as JSON text, or \
            file://PATH) and prints TestState's answer as the aws CLI prints it: output, error, \
            cause, inspectionData, nextState and status (SUCCEEDED, FAILED, RETRIABLE or \
            CAUGHT_ERROR). A Task without --mock calls the workspace's function. Exit status: 0 \
            when the state was run (whatever its status), 2 when the request is refused.
            """
    )

    @OptionGroup var workspaceOptions: WorkspaceOptions
    @Option(help: ArgumentHelp("One state, or a whole state machine with --state-name (JSON, or file://PATH).", valueName: "JSON"))
    var definition: String
    @Option(help: ArgumentHelp("The state's input (JSON, or file://PATH; default {}).", valueName: "JSON")) var input: String?
    @Option(name: .customLong("inspection-level"), help: ArgumentHelp("INFO (default), DEBUG or TRACE.", valueName: "LEVEL"))
    var inspectionLevel: String?
    @Option(name: .customLong("state-name"), help: ArgumentHelp("The state to test in a whole state machine.", valueName: "NAME"))
    var stateName: String?
    @Option(help: ArgumentHelp("The workflow variables, a JSON object (or file://PATH).", valueName: "JSON")) var variables: String?
    @Option(help: ArgumentHelp("{\"result\": TEXT} or {\"errorOutput\": {\"error\", \"cause\"}}, with fieldValidationMode (or file://PATH).", valueName: "JSON"))
    var mock: String?
    @Option(help: ArgumentHelp("Members of the context object ($$), a JSON object (or file://PATH).", valueName: "JSON")) var context: String?
    @Option(name: .customLong("state-configuration"), help: ArgumentHelp("retrierRetryCount, errorCausedByState, mapIterationFailureCount (JSON, or file://PATH).", valueName: "JSON"))
    var stateConfiguration: String?
    @Option(name: .customLong("role-arn"), help: ArgumentHelp("The role AWS would run the state with; host has no IAM and gives it to $$.Execution.RoleArn.", valueName: "ARN"))
    var roleArn: String?

    func run() async throws {
        let workspace = try workspaceOptions.open()
        let request = TestStateRequest(
            definition: try Self.text(definition, option: "--definition"), input: try input.map { try Self.text($0, option: "--input") },
            stateName: stateName, inspectionLevel: inspectionLevel,
            variables: try variables.map { try Self.text($0, option: "--variables") },
            context: try context.map { try Self.text($0, option: "--context") },
            mock: try mock.map { try Self.json($0, option: "--mock") },
            stateConfiguration: try stateConfiguration.map { try Self.json($0, option: "--state-configuration") },
            roleArn: roleArn)
        let result = try await serviceCall { () async throws(ServiceError) in try await workspace.stepFunctions.testState(request) }
        // The aws CLI prints the answer as JSON indented by four spaces.
        print(result.json.prettyString(indent: 4))
    }

    /// An option's text: as given, or the file `file://PATH` names (as the aws CLI reads it).
    static func text(_ value: String, option: String) throws -> String {
        guard value.hasPrefix("file://") else { return value }
        let path = String(value.dropFirst("file://".count))
        do { return try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw CommandFailure(message: "\(option): cannot read \(path): \(error.localizedDescription)")
        }
    }

    /// An option that is a JSON structure (the aws CLI's shorthand syntax is not read).
    static func json(_ value: String, option: String) throws -> JSONValue {
        let text = try text(value, option: option)
        do { return try JSONValue.parse(text) } catch {
            throw CommandFailure(message: "\(option): not valid JSON: \(error.message) at line \(error.line), column \(error.column)")
        }
    }
}
