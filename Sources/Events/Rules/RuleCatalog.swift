import Foundation
import JSONValue
import StatesLanguage

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
        var reader = RuleReader(document: document, file: file)
        let rule = reader.rule(name: name)
        if let rule, reader.problems.isEmpty { return .success(rule) }
        return .failure(RuleProblems(problems: reader.problems))
    }
}

public struct RuleProblems: Error, Sendable {
    public var problems: [String]
}

/// Reads a rule document, collecting every problem with its place.
private struct RuleReader {
    let document: JSONDocument
    let file: String
    var problems: [String] = []

    mutating func problem(_ path: [JSONPathComponent], _ message: String, key: Bool = false) {
        var location = key ? document.keyLocation(of: path) : nil
        if location == nil { location = document.location(of: path) }
        var parent = path
        while location == nil, !parent.isEmpty {
            parent.removeLast()
            location = document.location(of: parent)
        }
        problems.append("\(file):\(location?.description ?? "1:1"): error: \(message)")
    }

    mutating func rule(name: String) -> Rule? {
        guard case .object(let members) = document.value else {
            problem([], "a rule is a JSON object with EventPattern, State and Targets")
            return nil
        }
        let known = ["EventPattern", "State", "Targets", "Description", "Name", "EventBusName"]
        for key in members.keys where !known.contains(key) {
            problem([.key(key)], "unknown field '\(key)' (a rule has \(known.joined(separator: ", ")))", key: true)
        }
        var pattern: EventPattern?
        var patternText = ""
        switch members["EventPattern"] {
        case nil:
            problem([], "a rule needs an EventPattern")
        case .string(let text)?:
            patternText = text
            do { pattern = try EventPattern.parse(text) } catch {
                for p in error.problems { problem([.key("EventPattern")], "EventPattern: \(p.message) (at \(p.pathDescription))") }
            }
        case let value?:
            patternText = value.compactString()
            do { pattern = try EventPattern(value) } catch {
                for p in error.problems { problem([.key("EventPattern")] + p.path, p.message) }
            }
        }
        var enabled = true
        switch members["State"] {
        case nil, .string("ENABLED")?: break
        case .string("DISABLED")?: enabled = false
        default: problem([.key("State")], "State must be ENABLED or DISABLED")
        }
        var targets: [Rule.Target] = []
        if case .array(let list)? = members["Targets"], !list.isEmpty {
            for (index, value) in list.enumerated() {
                if let target = self.target(value, at: [.key("Targets"), .index(index)]) { targets.append(target) }
            }
        } else {
            problem([.key("Targets")], "Targets must be a non-empty array of targets")
        }
        guard let pattern else { return nil }
        return Rule(name: name, pattern: pattern, patternText: patternText, enabled: enabled, targets: targets,
                    description: members["Description"]?.stringValue)
    }

    mutating func target(_ value: JSONValue, at path: [JSONPathComponent]) -> Rule.Target? {
        guard case .object(let members) = value else {
            problem(path, "a target is an object with Id and Arn")
            return nil
        }
        let known = ["Id", "Arn", "Input", "InputPath", "InputTransformer", "RetryPolicy", "DeadLetterConfig", "RoleArn"]
        for key in members.keys where !known.contains(key) {
            problem(path + [.key(key)], "unknown field '\(key)' in a target", key: true)
        }
        guard let function = members["Arn"]?.stringValue else {
            problem(path, "a target needs an Arn (a function's ARN or name)")
            return nil
        }
        let inputs = ["Input", "InputPath", "InputTransformer"].filter { members[$0] != nil }
        if inputs.count > 1 { problem(path + [.key(inputs[1])], "only one of Input, InputPath and InputTransformer may be given", key: true) }
        var input = Rule.Target.Input.event
        if let text = members["Input"] {
            if case .string(let json) = text, let parsed = try? JSONValue.parse(json) { input = .constant(parsed) } else {
                problem(path + [.key("Input")], "Input must be a string of valid JSON text")
            }
        } else if let text = members["InputPath"] {
            if case .string(let p) = text, let parsed = try? JSONPath.parse(p) { input = .path(parsed) } else {
                problem(path + [.key("InputPath")], "InputPath must be a JSONPath such as $.detail")
            }
        } else if case .object(let transformer)? = members["InputTransformer"] {
            var paths: [(String, JSONPath)] = []
            if case .object(let map)? = transformer["InputPathsMap"] {
                for (name, p) in map {
                    if let text = p.stringValue, let parsed = try? JSONPath.parse(text) { paths.append((name, parsed)) } else {
                        problem(path + [.key("InputTransformer"), .key("InputPathsMap"), .key(name)], "'\(name)' must be a JSONPath")
                    }
                }
            }
            if let template = transformer["InputTemplate"]?.stringValue {
                input = .transformer(paths: paths, template: template)
            } else {
                problem(path + [.key("InputTransformer")], "an InputTransformer needs an InputTemplate string")
            }
        }
        var policy = Rule.RetryPolicy()
        if let retry = members["RetryPolicy"] {
            if let attempts = retry["MaximumRetryAttempts"] {
                if let n = attempts.intValue, (0...185).contains(n) { policy.maximumRetryAttempts = Int(n) } else {
                    problem(path + [.key("RetryPolicy"), .key("MaximumRetryAttempts")], "MaximumRetryAttempts must be a whole number from 0 to 185")
                }
            }
            if let age = retry["MaximumEventAgeInSeconds"] {
                if let n = age.intValue, (60...86_400).contains(n) { policy.maximumEventAgeInSeconds = Int(n) } else {
                    problem(path + [.key("RetryPolicy"), .key("MaximumEventAgeInSeconds")], "MaximumEventAgeInSeconds must be a whole number from 60 to 86400")
                }
            }
        }
        return Rule.Target(id: members["Id"]?.stringValue ?? function, function: function, input: input, retryPolicy: policy)
    }
}
