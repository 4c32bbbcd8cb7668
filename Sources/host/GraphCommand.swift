import ArgumentParser
import Diagrams
import Engine
import Foundation
import StatesLanguage
import Workspace

/// `host graph MACHINE [--execution ARN|NAME]`, `host graph --execution ARN|NAME`: the diagram
/// of a definition, or of the path a stored execution took through the definition it ran.
struct GraphCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "graph",
        abstract: "Draw a state machine, or the path an execution took.",
        discussion: """
            DOT and Mermaid are text and need nothing else; SVG and PNG are laid out by Graphviz's \
            dot (Debian package graphviz). With --execution, the diagram is drawn on the definition \
            the execution ran (as stored with it), and each state is coloured by what the execution \
            did there, as the Step Functions console colours its graph: green succeeded, yellow \
            retried, orange caught error, red failed, blue in progress, white not reached. With \
            --coverage, states and transitions no workflow test used are drawn magenta and thick, \
            the others green.
            """
    )

    @OptionGroup var workspaceOptions: WorkspaceOptions
    @Argument(help: "The definition: a file (machines/MyAPIStateMachine.json) or a machine's name; not needed with --execution.")
    var machine: String?
    @Option(help: ArgumentHelp("Draw the path of this stored execution, on the definition it ran.", valueName: "ARN|NAME"))
    var execution: String?
    @Option(help: ArgumentHelp("Draw what a test run covered, from the file host test --coverage-json wrote: states and transitions no test used highlighted.", valueName: "FILE"))
    var coverage: String?
    @Option(help: "The language (default: from --output's extension, else dot).") var format: DiagramFormat?
    @Option(name: [.short, .long], help: ArgumentHelp("Write the diagram to FILE instead of standard output.", valueName: "FILE"))
    var output: String?

    func validate() throws {
        if machine == nil && execution == nil { throw ValidationError("give a machine, or --execution NAME") }
        if coverage != nil && (machine == nil || execution != nil) { throw ValidationError("--coverage FILE needs a machine, and no --execution") }
    }

    func run() throws {
        let format = format ?? output.flatMap(DiagramFormat.init(path:)) ?? .dot
        try format.checkTools()
        let location = try machine.map { try workspaceOptions.locate($0) }
        // A diagram is drawn of any valid definition, even one host cannot run yet.
        let file = try location.map { try loadDefinition($0, runnable: false) }
        guard let execution else {
            guard let file else { return }
            if let coverage {
                return try format.write(Diagram(machine: file.definition, name: file.name, coverage: try coverageMarks(coverage, of: file)), to: output)
            }
            return try format.write(Diagram(machine: file.definition, name: file.name, path: nil, executionName: nil), to: output)
        }
        // With a machine, the execution is looked for in the machine's workspace.
        let workspace = try location?.workspace ?? workspaceOptions.open()
        let stepFunctions = workspace.stepFunctions
        let stored = try lookUp { () throws(ExecutionLookupError) in try stepFunctions.execution(named: execution) }
        if let file, stored.machineName != file.name {
            throw CommandFailure(message: "--execution: \(stored.name) is an execution of \(stored.machineName), not of \(file.name)")
        }
        let (ran, events) = try lookUp { () throws(ExecutionLookupError) in
            (try stepFunctions.stateMachine(forExecutionNamed: stored.executionArn), try stepFunctions.history(ofExecutionNamed: stored.executionArn))
        }
        let definition = try ranDefinition(ran, of: stored, file: file)
        let path = ExecutionPath(history: events, machine: definition)
        try format.write(Diagram(machine: definition, name: stored.machineName, path: path, executionName: stored.name), to: output)
    }

    /// What the coverage file says of `file`'s machine; refused when it has none, or was taken
    /// of another version of the definition.
    private func coverageMarks(_ path: String, of file: MachineFile) throws -> CoverageMarks {
        let url = URL(fileURLWithPath: path, relativeTo: WorkspaceOptions.currentFolder)
        let machines = try testCall { () throws(WorkflowTestError) in try MachineCoverage.read(url, file: path) }
        guard let coverage = machines.first(where: { $0.machine == file.name }) else {
            let names = machines.map(\.machine)
            throw CommandFailure(message: "--coverage: \(path) has no coverage of \(file.name) (it has \(names.isEmpty ? "none" : names.joined(separator: ", ")))")
        }
        if let mismatch = coverage.mismatch(with: file.definition) {
            throw CommandFailure(message: "--coverage: \(path) was written for another version of \(file.name): \(mismatch); run host test --coverage-json again")
        }
        var taken: [String: [Exit: Int]] = [:]
        for transition in coverage.transitions {
            let exit: Exit? = switch transition.decision {
            case .next?: .next
            case .choice(let index)?: .choice(index)
            case .defaultRule?: .defaultRule
            case .catcher(let index)?: .catcher(index)
            default: nil
            }
            if let exit { taken[transition.from, default: [:]][exit, default: 0] += transition.taken }
        }
        let entered = Dictionary(coverage.states.map { ($0.name, $0.entered) }, uniquingKeysWith: +)
        return CoverageMarks(entered: entered, taken: taken, executions: coverage.executions)
    }

    /// The definition the execution ran, as stored with it; a note on standard error when the
    /// machine named on the command line is another file, or has changed since.
    private func ranDefinition(_ stored: StateMachineForExecution?, of record: ExecutionSummary, file: MachineFile?) throws -> StateMachine {
        guard let stored else {
            // Stored by a host that did not keep definitions: only the file can tell.
            guard let file else {
                throw CommandFailure(message: "\(record.name) was stored without its definition; name its machine: "
                    + "host graph MACHINE --execution \(record.name)")
            }
            return file.definition
        }
        guard case .success(let definition) = StateMachine.parse(stored.definition) else {
            throw CommandFailure(message: "the definition stored with \(record.name) no longer parses", exitCode: 1)
        }
        if let file, file.url.path != stored.file?.path || file.text != stored.definition {
            let why = file.url.path != stored.file?.path ? "it ran \(stored.file?.path ?? "a definition created through the API")" : "\(file.url.path) has changed since"
            FileHandle.standardError.write(Data("host: note: drawn on the definition \(record.name) ran; \(why)\n".utf8))
        }
        return definition
    }
}

/// The languages a diagram is written in.
enum DiagramFormat: String, ExpressibleByArgument, CaseIterable {
    case dot, mermaid, svg, png

    /// The format a file's extension names: `.dot`/`.gv`, `.mmd`/`.mermaid`, `.svg`, `.png`.
    init?(path: String) {
        switch URL(fileURLWithPath: path).pathExtension.lowercased() {
        case "dot", "gv": self = .dot
        case "mmd", "mermaid": self = .mermaid
        case "svg": self = .svg
        case "png": self = .png
        default: return nil
        }
    }

    /// Fails, before anything runs, when the format needs Graphviz and it is not installed.
    func checkTools() throws {
        guard self == .svg || self == .png, Graphviz.executable() == nil else { return }
        throw CommandFailure(message: "\(rawValue) needs Graphviz's dot, which is not installed "
            + "(apt-get install graphviz, or bash .ci/setup); dot and mermaid need nothing")
    }

    /// Writes `diagram` in this format to `file`, or to standard output.
    func write(_ diagram: Diagram, to file: String?) throws {
        let data: Data = switch self {
        case .dot: Data(diagram.dot().utf8)
        case .mermaid: Data(diagram.mermaid().utf8)
        case .svg, .png: try Graphviz.layout(diagram.dot(), format: rawValue)
        }
        guard let file else {
            FileHandle.standardOutput.write(data)
            return
        }
        let url = URL(fileURLWithPath: file)
        do {
            // `--graph examples/diagrams/run.svg` makes the folder it names.
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: url, options: .atomic)
        } catch {
            throw CommandFailure(message: "cannot write \(file): \((error as NSError).localizedDescription)")
        }
    }
}

/// Graphviz's `dot`, run as a process of its own to lay a DOT diagram out.
enum Graphviz {
    /// `dot` on the PATH, or nil.
    static func executable() -> URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for folder in path.split(separator: ":") where !folder.isEmpty {
            let candidate = URL(fileURLWithPath: String(folder)).appendingPathComponent("dot")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return nil
    }

    /// `dot -T<format>` of `source`. The source and the drawing go through files, so that
    /// neither pipe can fill up while the other waits.
    static func layout(_ source: String, format: String) throws -> Data {
        guard let dot = executable() else { throw CommandFailure(message: "\(format) needs Graphviz's dot, which is not installed") }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("host-graph-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("diagram.dot"), output = folder.appendingPathComponent("diagram.\(format)")
        try Data(source.utf8).write(to: input)
        let process = Process()
        process.executableURL = dot
        process.arguments = ["-T\(format)", "-o", output.path, input.path]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        do { try process.run() } catch {
            throw CommandFailure(message: "cannot run \(dot.path): \((error as NSError).localizedDescription)")
        }
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0, let data = FileManager.default.contents(atPath: output.path) else {
            let reason = message.split(separator: "\n").first.map(String.init) ?? "exit status \(process.terminationStatus)"
            throw CommandFailure(message: "dot -T\(format) failed: \(reason)")
        }
        return data
    }
}
