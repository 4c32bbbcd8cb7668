import Foundation
import Functions
import JSONValue
import StatesLanguage

/// What the functions a definition names come to, before anything runs.
public struct FunctionCheck: Sendable {
    /// Problems in the definition: a Task names a function `functions/` does not hold,
    /// reported at the field that names it.
    public var missing: [Diagnostic] = []
    /// The problems of the named functions' own files, each `FILE:LINE:COLUMN: error:
    /// MESSAGE`, by function, in the order the definition first names them; a function
    /// without problems is not listed.
    public var functions: [(name: String, problems: [String])] = []

    public var isEmpty: Bool { missing.isEmpty && functions.isEmpty }
}

extension Workspace {
    /// What `host run` refuses before anything runs: each problem of the sidecar of a
    /// function the definition names in its text, at its place in the sidecar. A function
    /// that is missing, or whose script does not parse, is left to the call, which fails
    /// with Lambda.ResourceNotFoundException or Runtime.UserCodeSyntaxError as on AWS, where
    /// the state's Retry and Catch see it.
    public func unusableFunctions(of machine: MachineFile) -> [String] {
        guard let document = Self.document(at: machine.url) else { return [] }
        var problems: [String] = []
        var seen: Set<String> = []
        for reference in FunctionReference.all(in: document) where seen.insert(reference.name).inserted {
            do { _ = try functionCatalog.load(reference.name) } catch {
                switch error {
                case .notFound: continue
                case .configuration(let sidecar): problems += sidecar.problems
                case .unreadable(let path, let reason): problems.append("\(path):1:1: error: cannot be read: \(reason)")
                }
            }
        }
        return problems
    }

    /// What `host validate` says of the functions the definition at `url` names in its
    /// text: each one `functions/` lacks, at the field that names it, and every problem of
    /// the others' sidecars and scripts.
    public func checkFunctions(inDefinitionAt url: URL) -> FunctionCheck {
        guard let document = Self.document(at: url) else { return FunctionCheck() }
        var check = FunctionCheck()
        var seen: Set<String> = []
        for reference in FunctionReference.all(in: document) {
            do {
                guard seen.insert(reference.name).inserted else { continue }
                let problems = try functionCatalog.problems(of: reference.name)
                if !problems.isEmpty { check.functions.append((reference.name, problems)) }
            } catch {
                // Every Task that names a missing function is reported, not only the first.
                seen.remove(reference.name)
                check.missing.append(Diagnostic(path: reference.path, location: reference.location,
                                                message: "no function '\(reference.name)': functions/\(reference.name).lua does not exist"))
            }
        }
        return check
    }

    /// The definition's text with the place of each value, or nil when it is not JSON (its
    /// own diagnostics say so).
    static func document(at url: URL) -> JSONDocument? {
        guard let data = FileManager.default.contents(atPath: url.path) else { return nil }
        return try? JSONDocument.parse(bytes: data)
    }
}
