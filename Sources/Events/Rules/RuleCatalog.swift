import Foundation
import JSONValue

/// The rules of a workspace (`rules/*.json`). A malformed rule is reported with its file,
/// line and column, and does not stop the others.
public struct RuleCatalog: Sendable {
    public var rules: [Rule]
    /// `FILE:LINE:COLUMN: error: MESSAGE`, a line each.
    public var problems: [String]

    public init(rules: [Rule] = [], problems: [String] = []) {
        self.rules = rules
        self.problems = problems
    }

    /// Reads every `*.json` in `directory` (none when it does not exist). `displayFolder` is
    /// how messages name the folder (`rules`).
    public static func load(from directory: URL, displayFolder: String = "rules") -> RuleCatalog {
        var catalog = RuleCatalog()
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).filter { $0.hasSuffix(".json") }.sorted()
        for file in names {
            let display = "\(displayFolder)/\(file)"
            let text = (try? String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)) ?? ""
            switch parse(text, name: String(file.dropLast(5)), file: display) {
            case .success(let rule): catalog.rules.append(rule)
            case .failure(let failure): catalog.problems += failure.problems
            }
        }
        return catalog
    }

    /// One rule file.
    public static func parse(_ text: String, name: String, file: String) -> Result<Rule, RuleProblems> {
        let document: JSONDocument
        do { document = try JSONDocument.parse(text) } catch {
            return .failure(RuleProblems(problems: ["\(file):\(error.line):\(error.column): error: \(error.message)"]))
        }
        var reader = RuleReader()
        let rule = reader.rule(document.value, name: name)
        if let rule, reader.problems.isEmpty { return .success(rule) }
        return .failure(RuleProblems(problems: reader.problems.map { place($0, in: document, file: file) }))
    }

    /// `FILE:LINE:COLUMN: error: MESSAGE` for a problem of a rule file: at the member's key or
    /// value, or at the nearest enclosing member that has a place.
    private static func place(_ problem: RuleReader.Problem, in document: JSONDocument, file: String) -> String {
        var location = problem.atKey ? document.keyLocation(of: problem.path) : nil
        if location == nil { location = document.location(of: problem.path) }
        var parent = problem.path
        while location == nil, !parent.isEmpty {
            parent.removeLast()
            location = document.location(of: parent)
        }
        return "\(file):\(location?.description ?? "1:1"): error: \(problem.message)"
    }
}

public struct RuleProblems: Error, Sendable {
    public var problems: [String]
}
