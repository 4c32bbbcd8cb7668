import Events
import Foundation
import JSONValue
import Store

/// A rule of `rules/`, with the targets its file names.
public struct FileRule: Sendable {
    public var rule: RuleDescription
    /// Each target's function, as the file names it: an ARN or a name.
    public var targetFunctions: [String]
    let pattern: EventPattern

    /// Whether the rule's pattern matches `event`, with the engine the bus routes by.
    public func matches(_ event: JSONValue) -> Bool { pattern.matches(event) }
}

/// Why `rules/NAME.json` cannot be tested.
public enum RuleFileError: Error, Sendable, CustomStringConvertible {
    case notFound(name: String)
    /// `FILE:LINE:COLUMN: error: MESSAGE`, a line each.
    case invalid(problems: [String])

    public var description: String {
        switch self {
        case .notFound(let name): "no rule '\(name)': rules/\(name).json does not exist"
        case .invalid(let problems): problems.joined(separator: "\n")
        }
    }
}

extension EventBridge {
    /// Opens the workspace's bus, once: from then on the executions' status changes are put on
    /// it and its rules' deliveries start at once. Returns the problems of the files of `rules/`
    /// it left out, `FILE:LINE:COLUMN: error: MESSAGE` each.
    public func openBus() throws(ServiceError) -> [String] {
        try storeCall { () throws(StoreError) in try workspace.eventBus() }.rules.problems
    }

    /// The rules of `rules/`, by name, and the problems of the files that are not rules. Reads
    /// only the files: nothing is opened.
    public func ruleFiles() -> (rules: [FileRule], problems: [String]) {
        let catalog = workspace.ruleCatalog()
        return (catalog.rules.map(fileRule), catalog.problems)
    }

    /// The rule of `rules/NAME.json`.
    public func fileRule(named name: String) throws(RuleFileError) -> FileRule {
        let file = workspace.rulesDirectory.appendingPathComponent("\(name).json")
        guard let data = FileManager.default.contents(atPath: file.path) else { throw .notFound(name: name) }
        switch RuleCatalog.parse(String(decoding: data, as: UTF8.self), name: name, file: "rules/\(name).json") {
        case .success(let rule): return fileRule(rule)
        case .failure(let failure): throw .invalid(problems: failure.problems)
        }
    }

    private func fileRule(_ rule: Rule) -> FileRule {
        FileRule(rule: describe(rule), targetFunctions: rule.targets.map(\.function), pattern: rule.pattern)
    }
}
