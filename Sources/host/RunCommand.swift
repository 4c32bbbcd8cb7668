import ArgumentParser
import Clocks
import Diagrams
import Dispatch
import Engine
import Events
import Foundation
import JSONValue
import StatesLanguage
import Store
import Workspace

/// `host run MACHINE.json`: one execution, as StartExecution and DescribeExecution.
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
    @Argument(help: "The definition, e.g. machines/retry.json.") var machine: String
    @Option(help: ArgumentHelp("The execution input, as JSON (default {}).", valueName: "JSON")) var input: String?
    @Option(name: .customLong("input-file"), help: ArgumentHelp("Read the input from a file.", valueName: "FILE"))
    var inputFile: String?
    @Option(help: "The execution's name (default: a UUID).") var name: String?
    @Flag(name: .customLong("virtual-clock"), help: "Waits and retry intervals pass at once; the history's times advance as though they had passed.")
    var virtualClock = false
    @Option(help: "text (each state as it runs) or json (DescribeExecution); text on a terminal, json otherwise.")
    var output: OutputFormat?
    @Flag(help: "With --output json, include the history as GetExecutionHistory returns it.") var history = false
    @Option(help: ArgumentHelp("Also draw the path the execution took to FILE (.svg, .png, .dot or .mmd).", valueName: "FILE"))
    var graph: String?

    func validate() throws {
        if input != nil && inputFile != nil { throw ValidationError("give --input or --input-file, not both") }
        if let name, let problem = ExecutionName.problem(with: name) { throw ValidationError("--name: \(problem)") }
        if let graph {
            guard let format = DiagramFormat(path: graph) else { throw ValidationError("--graph: name a .svg, .png, .dot or .mmd file") }
            try format.checkTools()
        }
    }

    func run() async throws {
        let workspace = try workspaceOptions.open()
        let definition: MachineFile
        do { definition = try Workspace.loadMachine(at: URL(fileURLWithPath: machine), displayPath: machine) } catch {
            if error.diagnostics.isEmpty { throw CommandFailure(message: error.description) }
            FileHandle.standardError.write(Data((error.description + "\n").utf8))
            throw ExitCode(2)
        }
        try refuseUnusableFunctions(of: definition, in: workspace)
        let payload = try readJSON(option: "--input", text: input, file: inputFile)
        let identity = ExecutionIdentity(machineName: definition.name, executionName: name ?? UUID().uuidString.lowercased())
        let clock: any HostClock = virtualClock ? VirtualClock(start: workspace.now()) : SystemClock()
        let format = output ?? (Terminal.isTerminal ? .text : .json)
        let invoker = try storeCall { () throws(StoreError) in try workspace.taskInvoker() }
        // Status changes go to the event bus; its rules' deliveries start at once.
        let bus = try storeCall { () throws(StoreError) in try workspace.eventBus(virtualTime: virtualClock) }
        for problem in bus.rules.problems {
            FileHandle.standardError.write(Data("\(problem) (this rule is left out)\n".utf8))
        }
        let writer = try storeCall { () throws(StoreError) in try workspace.historyWriter(for: identity) }
        var observers: [any ExecutionObserver] = [writer]
        if format == .text { observers.append(ProgressPrinter(colour: Terminal.usesColour)) }
        let execution = Execution(machine: definition.definition, identity: identity, input: payload, clock: clock,
                                  invoker: invoker, observer: ObserverGroup(observers))

        // Ctrl-C stops the execution (ABORTED) rather than the process.
        signal(SIGINT, SIG_IGN)
        let interrupt = DispatchSource.makeSignalSource(signal: SIGINT)
        interrupt.setEventHandler { execution.abort() }
        interrupt.resume()
        let result: ExecutionResult
        do { result = try await workspace.run(execution) } catch {
            throw CommandFailure(message: "\(error)")
        }
        // host run waits for the deliveries its status changes started.
        await workspace.drainEvents()
        interrupt.cancel()
        try? workspace.close()

        switch format {
        case .text: print(ProgressPrinter.summary(result, colour: Terminal.usesColour))
        case .json: print(ExecutionJSON.describe(result, identity: identity, input: payload, history: history).prettyString())
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
        switch result.status {
        case .succeeded: return
        case .failed: throw ExitCode(1)
        case .timedOut: throw ExitCode(3)
        case .aborted: throw ExitCode(4)
        case .running, .pendingRedrive: throw ExitCode(1)
        }
    }
}

/// Reads a JSON option given as text or as a file, with a located error.
func readJSON(option: String, text: String?, file: String?) throws -> JSONValue {
    var source = option
    var content = text ?? "{}"
    if let file {
        source = file
        guard let data = FileManager.default.contents(atPath: file) else {
            throw CommandFailure(message: "\(option)-file: cannot read \(file)")
        }
        content = String(decoding: data, as: UTF8.self)
    }
    do { return try JSONValue.parse(content) } catch {
        throw CommandFailure(message: "\(source):\(error.line):\(error.column): invalid JSON: \(error.message)")
    }
}

/// Execution names (REFERENCE.md §4): 1–80 characters, no whitespace, none of
/// `< > { } [ ] ? * " # % \ ^ | ~ ` $ & , ; : /`, no control characters.
enum ExecutionName {
    static func problem(with name: String) -> String? {
        if name.isEmpty || name.count > 80 { return "an execution name has 1 to 80 characters" }
        let forbidden = Set("<>{}[]?*\"#%\\^|~`$&,;:/")
        if let bad = name.unicodeScalars.first(where: {
            $0.properties.isWhitespace || forbidden.contains(Character($0)) || $0.value < 0x20 || (0x7F...0x9F).contains($0.value)
        }) {
            return "an execution name cannot contain '\(bad.escaped(asASCII: true))'"
        }
        return nil
    }
}
