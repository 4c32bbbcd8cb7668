import JSONValue
import StatesLanguage

/// Reads rules and targets in EventBridge's shape (a file of `rules/`, a rule stored through
/// the API, PutTargets' targets), collecting every problem with the path of the member it is
/// about; the caller places them (a file's line and column, or a field of a request).
struct RuleReader {
    /// One mistake, at `path` from the value read (at its key when `atKey`).
    struct Problem {
        var path: [JSONPathComponent]
        var message: String
        var atKey = false
    }

    var problems: [Problem] = []

    /// A rule's members EventBridge has and host runs.
    static let ruleFields = ["EventPattern", "State", "Targets", "Description", "Name", "EventBusName"]
    /// A target's members EventBridge has and host runs. `RoleArn` changes nothing for a
    /// function: "For AWS Lambda and Amazon SNS resources, EventBridge relies on
    /// resource-based policies" (PutTargets), so host, which has no policies, runs it as AWS does.
    static let targetFields = ["Id", "Arn", "Input", "InputPath", "InputTransformer", "RetryPolicy", "RoleArn"]
    /// A target's members EventBridge has and host does not run: a target that names one is
    /// refused, never delivered without it.
    static let targetFieldsNotRun = [
        "DeadLetterConfig", "SqsParameters", "EcsParameters", "KinesisParameters", "RunCommandParameters", "HttpParameters",
        "BatchParameters", "RedshiftDataParameters", "SageMakerPipelineParameters", "AppSyncParameters",
    ]

    mutating func problem(_ path: [JSONPathComponent], _ message: String, atKey: Bool = false) {
        problems.append(Problem(path: path, message: message, atKey: atKey))
    }

    /// A rule file's document, named `name` (the file's name).
    mutating func rule(_ value: JSONValue, name: String) -> Rule? {
        guard case .object(let members) = value else {
            problem([], "a rule is a JSON object with EventPattern, State and Targets")
            return nil
        }
        for key in members.keys where !Self.ruleFields.contains(key) {
            let message = key == "ScheduleExpression"
                ? "host does not run scheduled rules: a rule here runs on events, so it needs an EventPattern"
                : "unknown field '\(key)' (a rule has \(Self.ruleFields.joined(separator: ", ")))"
            problem([.key(key)], message, atKey: true)
        }
        if let given = members["Name"], given != .string(name) {
            problem(["Name"], "Name must be the file's name, '\(name)', when given")
        }
        if let bus = members["EventBusName"], !Self.isDefaultBus(bus.stringValue) {
            problem(["EventBusName"], "host has one event bus, 'default'; EventBusName \(bus.compactString()) names another")
        }
        let pattern = self.pattern(members["EventPattern"])
        let enabled = state(members["State"])
        var targets: [Rule.Target] = []
        if case .array(let list)? = members["Targets"], !list.isEmpty {
            for (index, value) in list.enumerated() {
                if let target = self.target(value, at: ["Targets", .index(index)]) { targets.append(target) }
            }
        } else {
            problem(["Targets"], "Targets must be a non-empty array of targets")
        }
        guard let pattern else { return nil }
        return Rule(name: name, pattern: pattern.pattern, patternText: pattern.text, enabled: enabled ?? true, targets: targets,
                    description: members["Description"]?.stringValue)
    }

    /// `EventPattern`: an object, or its JSON text (as the API takes it).
    mutating func pattern(_ value: JSONValue?) -> (pattern: EventPattern, text: String)? {
        switch value {
        case nil:
            problem([], "a rule needs an EventPattern")
        case .string(let text)?:
            do { return (try EventPattern.parse(text), text) } catch {
                for p in error.problems { problem(["EventPattern"], "EventPattern: \(p.message) (at \(p.pathDescription))") }
            }
        case let value?:
            do { return (try EventPattern(value), value.compactString()) } catch {
                for p in error.problems { problem(["EventPattern"] + p.path, p.message) }
            }
        }
        return nil
    }

    /// `State`: true for ENABLED (or absent), false for DISABLED, nil when it is neither.
    mutating func state(_ value: JSONValue?) -> Bool? {
        switch value {
        case nil, .string("ENABLED")?: return true
        case .string("DISABLED")?: return false
        default:
            problem(["State"], "State must be ENABLED or DISABLED")
            return nil
        }
    }

    /// One target, at `path` in what is read.
    mutating func target(_ value: JSONValue, at path: [JSONPathComponent]) -> Rule.Target? {
        guard case .object(let members) = value else {
            problem(path, "a target is an object with Id and Arn")
            return nil
        }
        for key in members.keys where !Self.targetFields.contains(key) {
            if key == "DeadLetterConfig" {
                problem(path + [.key(key)], "host does not run DeadLetterConfig (it has no queues): an event whose delivery finally "
                    + "fails goes to the workspace's dead-letter list (host events dead-letters)", atKey: true)
            } else if Self.targetFieldsNotRun.contains(key) {
                problem(path + [.key(key)], "host does not run \(key): its targets are functions", atKey: true)
            } else {
                problem(path + [.key(key)], "unknown field '\(key)' in a target", atKey: true)
            }
        }
        guard let function = members["Arn"]?.stringValue else {
            problem(path, "a target needs an Arn (a function's ARN or name)")
            return nil
        }
        let input = self.input(members, at: path)
        let policy = retryPolicy(members["RetryPolicy"], at: path + ["RetryPolicy"])
        return Rule.Target(id: members["Id"]?.stringValue ?? function, function: function, input: input, retryPolicy: policy)
    }

    /// `Input`, `InputPath` or `InputTransformer` (one at most, as in EventBridge).
    private mutating func input(_ members: JSONObject, at path: [JSONPathComponent]) -> Rule.Target.Input {
        let inputs = ["Input", "InputPath", "InputTransformer"].filter { members[$0] != nil }
        if inputs.count > 1 {
            problem(path + [.key(inputs[1])], "only one of Input, InputPath and InputTransformer may be given", atKey: true)
        }
        if let text = members["Input"] {
            if case .string(let json) = text, let parsed = try? JSONValue.parse(json) { return .constant(parsed) }
            problem(path + ["Input"], "Input must be a string of valid JSON text")
        } else if let text = members["InputPath"] {
            if case .string(let p) = text, let parsed = try? JSONPath.parse(p) { return .path(parsed) }
            problem(path + ["InputPath"], "InputPath must be a JSONPath such as $.detail")
        } else if let value = members["InputTransformer"] {
            guard case .object(let transformer) = value else {
                problem(path + ["InputTransformer"], "an InputTransformer is an object with InputPathsMap and InputTemplate")
                return .event
            }
            var paths: [(String, JSONPath)] = []
            if case .object(let map)? = transformer["InputPathsMap"] {
                for (name, p) in map {
                    if let text = p.stringValue, let parsed = try? JSONPath.parse(text) { paths.append((name, parsed)) } else {
                        problem(path + ["InputTransformer", "InputPathsMap", .key(name)], "'\(name)' must be a JSONPath")
                    }
                }
            }
            if let template = transformer["InputTemplate"]?.stringValue { return .transformer(paths: paths, template: template) }
            problem(path + ["InputTransformer"], "an InputTransformer needs an InputTemplate string")
        }
        return .event
    }

    private mutating func retryPolicy(_ value: JSONValue?, at path: [JSONPathComponent]) -> Rule.RetryPolicy {
        var policy = Rule.RetryPolicy()
        guard let value else { return policy }
        guard case .object = value else {
            problem(path, "a RetryPolicy is an object with MaximumRetryAttempts and MaximumEventAgeInSeconds")
            return policy
        }
        if let attempts = value["MaximumRetryAttempts"] {
            if let n = attempts.intValue, (0...185).contains(n) { policy.maximumRetryAttempts = Int(n) } else {
                problem(path + ["MaximumRetryAttempts"], "MaximumRetryAttempts must be a whole number from 0 to 185")
            }
        }
        if let age = value["MaximumEventAgeInSeconds"] {
            if let n = age.intValue, (60...86_400).contains(n) { policy.maximumEventAgeInSeconds = Int(n) } else {
                problem(path + ["MaximumEventAgeInSeconds"], "MaximumEventAgeInSeconds must be a whole number from 60 to 86400")
            }
        }
        return policy
    }

    /// The default bus, by name or ARN (`arn:aws:events:REGION:ACCOUNT:event-bus/default`).
    static func isDefaultBus(_ name: String?) -> Bool {
        guard let name else { return false }
        return name == "default" || (name.hasPrefix("arn:aws:events:") && name.hasSuffix(":event-bus/default"))
    }
}
