import ArgumentParser
import Clocks
import Diagrams
import Dispatch
import Engine
import Foundation
import JSONValue
import StatesLanguage
import Workspace

/// `host run MACHINE`: one execution, as StartExecution and DescribeExecution.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a state machine once.",
        discussion: """
            Exit status: 0 SUCCEEDED, 1 FAILED, 3 TIMED_OUT, 4 ABORTED (Ctrl-C), 2 when the \
            definition, the input or the command line is invalid (nothing runs).
            """
    )

    @OptionGroup var workspaceOptions: WorkspaceOptions
    @Argument(help: "The definition: a file (machines/retry.json, found in its own workspace from any folder), or a machine's name (retry, for machines/retry.json).")
    var machine: String
    @Option(help: ArgumentHelp("The execution input, as JSON (default {}).", valueName: "JSON")) var input: String?
    @Option(name: .customLong("input-file"), help: ArgumentHelp("Read the input from FILE; - reads standard input.", valueName: "FILE"))
    var inputFile: String?
    @Option(help: "The execution's name (default: a UUID).") var name: String?
    @Flag(name: .customLong("virtual-clock"), help: "Waits and retry intervals pass at once; the history's times advance as though they had passed.")
    var virtualClock = false
    @Option(help: "text (each state as it runs) or json (DescribeExecution); text on a terminal, json otherwise.")
    var output: OutputFormat?
    @Flag(help: "With --output json, include the history as GetExecutionHistory returns it.") var history = false
    @Option(help: ArgumentHelp("Also draw the path the execution took to FILE (.svg, .png, .dot or .mmd).", valueName: "FILE"))
    var graph: String?
    @Option(name: .customLong("test-case"), help: ArgumentHelp("Run the test case NAME of the mock configuration: its Task states answer from their mocked responses.", valueName: "NAME"))
    var testCase: String?
    @Option(name: .customLong("mock-config"), help: ArgumentHelp("The mock configuration (default: $SFN_MOCK_CONFIG, else workflow-tests/MockConfigFile.json).", valueName: "FILE"))
    var mockConfig: String?

    func validate() throws {
        if mockConfig != nil && testCase == nil { throw ValidationError("--mock-config needs --test-case NAME") }
        if input != nil && inputFile != nil { throw ValidationError("give --input or --input-file, not both") }
        if let name, let problem = ResourceName.problem(with: name) { throw ValidationError("--name: \(problem)") }
        if let graph {
            guard let format = DiagramFormat(path: graph) else { throw ValidationError("--graph: name a .svg, .png, .dot or .mmd file") }
            try format.checkTools()
        }
    }

    func run() async throws {
        let location = try workspaceOptions.locate(machine)
        // The workspace's one clock: with --virtual-clock every part follows the execution's
        // virtual time, which starts now.
        let workspace = virtualClock ? location.workspace.with(clock: VirtualClock(start: SystemClock().now)) : location.workspace
        let definition = try loadDefinition(location)
        // An input over StartExecution's limit is refused before anything runs, and is never
        // read whole.
        let limit = InputDocument.executionInputLimit
        let payload = try readDocument { () throws(InputDocumentError) in
            if let inputFile { return try InputDocument.file(inputFile, option: "--input-file", limit: limit) }
            return try InputDocument.text(input ?? "{}", option: "--input", limit: limit)
        }
        let mocks = try testCase.map { name in try mockCall { () throws(MockConfigurationError) in
            try workspace.testCaseMocks(name, for: RunnableMachine(definition), file: mockConfig)
        } }
        try refuseUnusableFunctions(of: definition, in: workspace)
        let format = output ?? (Terminal.isTerminal ? .text : .json)
        // Status changes go to the event bus; its rules' deliveries start at once.
        let ruleProblems = try plainCall { () throws(ServiceError) in try workspace.eventBridge.openBus() }
        for problem in ruleProblems {
            FileHandle.standardError.write(Data("\(problem) (this rule is left out)\n".utf8))
        }
        let printers: [any ExecutionObserver] = format == .text
            ? [ProgressPrinter(machine: definition.definition, colour: Terminal.usesColour)] : []
        let stepFunctions = workspace.stepFunctions
        let (started, running) = try await serviceCall { () async throws(ServiceError) in
            try await stepFunctions.startExecution(of: RunnableMachine(definition), name: name, input: payload, observers: printers, mocks: mocks)
        }
        guard let running else { throw CommandFailure(message: "\(started.executionArn) runs in another process", exitCode: 1) }

        // Ctrl-C stops the execution (ABORTED) rather than the process.
        signal(SIGINT, SIG_IGN)
        let interrupt = DispatchSource.makeSignalSource(signal: SIGINT)
        interrupt.setEventHandler { running.abort() }
        interrupt.resume()
        let result: ExecutionResult
        switch await running.result {
        case .success(let ended): result = ended
        case .failure(let error): throw CommandFailure(message: error.description)
        }
        // host run waits for the deliveries its status changes started.
        await workspace.drainEvents()
        interrupt.cancel()
        try? workspace.close()
        let identity = running.identity

        switch format {
        case .text: print(ProgressPrinter.summary(result, colour: Terminal.usesColour))
        case .json:
            var describe = ExecutionDescription(result, identity: identity, input: payload, now: workspace.now()).json
            if history, case .object(var object) = describe {
                object["history"] = ["events": .array(result.history.map(\.json))]
                describe = .object(object)
            }
            print(describe.prettyString())
        }
        if let graph, let format = DiagramFormat(path: graph) {
            // The execution has run: a diagram that cannot be written is reported, and the
            // exit status still says how the execution ended.
            let path = ExecutionPath(history: result.history, machine: definition.definition)
            let diagram = Diagram(machine: definition.definition, name: definition.name, path: path, executionName: identity.executionName)
            do { try format.write(diagram, to: graph) } catch {
                let message = (error as? CommandFailure)?.message ?? "\(error)"
                FileHandle.standardError.write(Data("host: --graph: \(message)\n".utf8))
            }
        }
        try exitForStatus(result.status)
    }
}

/// `host run`'s exit status for how the execution ended: 0 succeeded, 1 failed, 3 timed out,
/// 4 aborted.
func exitForStatus(_ status: ExecutionStatus) throws {
    switch status {
    case .succeeded: return
    case .failed: throw ExitCode(1)
    case .timedOut: throw ExitCode(3)
    case .aborted: throw ExitCode(4)
    case .running, .pendingRedrive: throw ExitCode(1)
    }
}

/// Reads and validates the definition a command names: every problem is printed with its
/// place, and the command exits 2. Unless `runnable` is false, so is what host does not run.
func loadDefinition(_ location: MachineLocation, runnable: Bool = true) throws -> MachineFile {
    do { return try Workspace.loadMachine(at: location.file, displayPath: location.displayPath, runnable: runnable) } catch {
        if error.diagnostics.isEmpty { throw CommandFailure(message: error.description) }
        FileHandle.standardError.write(Data((error.description + "\n").utf8))
        throw ExitCode(2)
    }
}

/// A JSON document from the command line, or the one-line error that says where it is wrong.
func readDocument(_ read: () throws(InputDocumentError) -> InputDocument) throws -> JSONValue {
    do { return try read().value } catch { throw CommandFailure(message: error.description) }
}
