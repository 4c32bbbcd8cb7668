import ArgumentParser
import Foundation
import Workspace

/// `host validate PATH...`: every problem of each definition, with its line and column, and
/// of the functions its Task states name.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check state machine definitions and the functions they name.",
        discussion: """
            A folder stands for every *.json in it; a function's own files (functions/NAME.lua or \
            functions/NAME.json, or the functions/ folder) check that function. For each function a \
            Task names (by its ARN, or as the FunctionName of arn:aws:states:::lambda:invoke) the \
            workspace's functions/ must hold its script, the script must compile and its sidecar \
            must be valid. Prints FILE:LINE:COLUMN: error: MESSAGE for every problem; exits 0 when \
            everything is valid, 1 otherwise.
            """
    )

    @Option(name: .long, help: ArgumentHelp("The workspace whose functions/ the definitions' Tasks name (default: the nearest folder upward from each file holding functions/ or machines/).", valueName: "DIR"))
    var workspace: String?

    @Argument(help: "Definitions, folders of definitions, or a function's files.") var paths: [String]

    func run() throws {
        let given = try workspace.map { folder -> Workspace in
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw CommandFailure(message: "--workspace: \(folder) is not a folder")
            }
            return Workspace(root: URL(fileURLWithPath: folder))
        }
        var report = ValidationReport()
        for path in paths {
            for (url, display) in Self.files(at: path) {
                let owner = given ?? (try? Workspace.locate(from: url.deletingLastPathComponent()))
                if let owner, let function = Self.function(at: url, in: owner) {
                    report.checkFunction(function, display: display, in: owner)
                } else {
                    report.checkDefinition(at: url, display: display, in: owner)
                }
            }
        }
        if !report.valid { throw ExitCode(1) }
    }

    /// The files a path stands for, each with the name to print: a folder's `*.json`
    /// (and, for a workspace's `functions/`, its `*.lua`), sorted; else the path itself.
    static func files(at path: String) -> [(URL, String)] {
        let url = URL(fileURLWithPath: path)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            return [(url, path)]
        }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
        let functions = url.lastPathComponent == "functions"
        return names.filter { $0.hasSuffix(".json") || (functions && $0.hasSuffix(".lua")) }.sorted().map { name in
            (url.appendingPathComponent(name), path.hasSuffix("/") ? path + name : path + "/" + name)
        }
    }

    /// The function whose file `url` is, when it is in the workspace's `functions/`.
    static func function(at url: URL, in workspace: Workspace) -> String? {
        guard ["lua", "json"].contains(url.pathExtension),
              url.deletingLastPathComponent().resolvingSymlinksInPath().path == workspace.functionsDirectory.resolvingSymlinksInPath().path
        else { return nil }
        return url.deletingPathExtension().lastPathComponent
    }
}

/// What `host validate` has printed so far: each function's problems are printed once,
/// however many definitions name it.
struct ValidationReport {
    private(set) var valid = true
    private var checked: [String: Bool] = [:]
    private var warnedNoWorkspace = false

    mutating func checkDefinition(at url: URL, display: String, in workspace: Workspace?) {
        var lines: [String] = []
        var clean = true
        do { _ = try Workspace.loadMachine(at: url, displayPath: display) } catch {
            clean = false
            lines.append(error.description)
        }
        if let workspace {
            let check = workspace.checkFunctions(inDefinitionAt: url)
            lines += check.missing.map { $0.formatted(file: display) }
            clean = clean && check.isEmpty
            for function in check.functions where record(function.name, valid: false, in: workspace) {
                lines += function.problems.map { relativeToHere($0, in: workspace) }
            }
        } else if FileManager.default.fileExists(atPath: url.path) && !warnedNoWorkspace {
            warnedNoWorkspace = true
            FileHandle.standardError.write(Data(("host: no workspace (a folder holding functions/ or machines/) above \(display): "
                + "the functions its Tasks name were not checked (use --workspace DIR)\n").utf8))
        }
        if clean { lines.append("\(display): valid") } else { valid = false }
        print(lines.joined(separator: "\n"))
    }

    mutating func checkFunction(_ name: String, display: String, in workspace: Workspace) {
        let problems: [String]
        do { problems = try workspace.functionCatalog.problems(of: name) } catch {
            problems = ["\(display):1:1: error: \(error.description)"]
        }
        if !problems.isEmpty { valid = false }
        guard record(name, valid: problems.isEmpty, in: workspace) else { return }
        print(problems.isEmpty ? "\(display): valid" : problems.map { relativeToHere($0, in: workspace) }.joined(separator: "\n"))
    }

    /// Notes that a function was checked; false when it was already (and printed then).
    private mutating func record(_ name: String, valid: Bool, in workspace: Workspace) -> Bool {
        let key = workspace.root.path + "\u{0}" + name
        guard checked[key] == nil else { return false }
        checked[key] = valid
        return true
    }
}

/// `host run` refuses a definition that names a function whose sidecar cannot be used: each
/// problem on standard error, as a definition's are, and exit status 2; nothing runs.
func refuseUnusableFunctions(of machine: MachineFile, in workspace: Workspace) throws {
    let problems = workspace.unusableFunctions(of: machine).map { relativeToHere($0, in: workspace) }
    guard !problems.isEmpty else { return }
    FileHandle.standardError.write(Data((problems.joined(separator: "\n") + "\n").utf8))
    throw ExitCode(2)
}

/// A problem of a function's file (`functions/X.json:1:13: error: ...`, named from the
/// workspace's root) named from the current folder instead, so that it can be opened from
/// where the command ran.
func relativeToHere(_ problem: String, in workspace: Workspace) -> String {
    guard problem.hasPrefix("functions/") else { return problem }
    let here = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).resolvingSymlinksInPath().pathComponents
    let root = workspace.root.resolvingSymlinksInPath().pathComponents
    let shared = zip(here, root).prefix { $0 == $1 }.count
    let steps = Array(repeating: "..", count: here.count - shared) + root.dropFirst(shared)
    return steps.isEmpty ? problem : steps.joined(separator: "/") + "/" + problem
}
