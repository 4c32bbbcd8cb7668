import Events
import Foundation
import JSONValue
import Store

extension EventBridge {
    /// "Each rule can have up to five (5) targets associated with it at one time." (PutTargets)
    static let targetLimit = 5

    /// PutTargets: adds each target to a rule created through the API, or replaces the target
    /// with its Id. A target host cannot deliver to (not a function of `functions/`, or with a
    /// field host does not run) is not added: it is answered in FailedEntries, with why, and the
    /// others are added. A request that would leave the rule more than five targets adds none.
    public func putTargets(rule name: String, targets: [JSONValue], eventBusName: String? = nil) throws(ServiceError) -> [TargetFailure] {
        try checkBus(eventBusName)
        try Self.checkName(name, field: "rule")
        try Self.checkCount(targets.count, field: "targets", maximum: 10)
        var identified: [(id: String, target: JSONValue)] = []
        for (index, target) in targets.enumerated() {
            let member = "targets.\(index + 1).member"
            guard case .string(let id)? = target["Id"] else { throw Self.missing("\(member).id") }
            try Self.checkName(id, field: "\(member).id")
            guard case .string(let arn)? = target["Arn"] else { throw Self.missing("\(member).arn") }
            // The ARN's form is checked for the whole request, before any target is looked at.
            guard arn.hasPrefix("arn:"), arn.split(separator: ":", omittingEmptySubsequences: false).count >= 6 else {
                throw ServiceError(.validation, "Parameter \(arn) is not valid. Reason: Provided Arn is not in correct format.")
            }
            identified.append((id, target))
        }
        if let file = fileHolding(name) {
            throw ServiceError(.validation, "The rule \(name) is defined by \(file); change the file to change its targets")
        }
        var failures: [TargetFailure] = []
        var accepted: [(id: String, target: JSONValue)] = []
        for (id, target) in identified {
            if let failure = refusal(of: target, id: id) { failures.append(failure) } else { accepted.append((id, target)) }
        }
        enum Outcome { case added, noRule, tooMany }
        let outcome: Outcome = try change(name) { current in
            guard var record = current else { return (.keep, .noRule) }
            var list = Self.targets(of: record)
            for (id, target) in accepted {
                if let index = list.firstIndex(where: { $0["Id"] == .string(id) }) { list[index] = target } else { list.append(target) }
            }
            guard list.count <= Self.targetLimit else { return (.keep, .tooMany) }
            record.targets = JSONValue.array(list).compactString()
            return (.put(record), .added)
        }
        switch outcome {
        case .added: return failures
        case .noRule: throw noRule(name)
        case .tooMany: throw ServiceError(.limitExceeded, "The requested resource exceeds the maximum number allowed.")
        }
    }

    /// ListTargetsByRule: the targets as they were given (a file's as its file writes them).
    public func listTargetsByRule(rule name: String, limit: Int? = nil, nextToken: String? = nil,
                                  eventBusName: String? = nil) throws(ServiceError) -> Page<JSONValue> {
        try checkBus(eventBusName)
        try Self.checkName(name, field: "rule")
        let targets: [JSONValue]
        if try fileRules().contains(where: { $0.name == name }) {
            let file = workspace.rulesDirectory.appendingPathComponent("\(name).json")
            let text = (try? String(contentsOf: file, encoding: .utf8)) ?? ""
            targets = (try? JSONValue.parse(text))?["Targets"]?.arrayValue ?? []
        } else if let record = try storeCall({ () throws(StoreError) in try workspace.stores().rules.rule(name: name) }) {
            targets = Self.targets(of: record)
        } else {
            throw noRule(name)
        }
        return try Self.page(targets, limit: limit, nextToken: nextToken)
    }

    /// RemoveTargets from a rule created through the API. An Id the rule has no target with is
    /// answered in FailedEntries; the others are removed.
    public func removeTargets(rule name: String, ids: [String], eventBusName: String? = nil) throws(ServiceError) -> [TargetFailure] {
        try checkBus(eventBusName)
        try Self.checkName(name, field: "rule")
        try Self.checkCount(ids.count, field: "ids", maximum: 100)
        for (index, id) in ids.enumerated() { try Self.checkName(id, field: "ids.\(index + 1).member") }
        if let file = fileHolding(name) {
            throw ServiceError(.validation, "The rule \(name) is defined by \(file); change the file to change its targets")
        }
        let failures: [TargetFailure]? = try change(name) { current in
            guard var record = current else { return (.keep, nil) }
            var list = Self.targets(of: record)
            var failures: [TargetFailure] = []
            for id in ids {
                if let index = list.firstIndex(where: { $0["Id"] == .string(id) }) {
                    list.remove(at: index)
                } else {
                    failures.append(TargetFailure(targetId: id, errorCode: "ResourceNotFoundException",
                                                  errorMessage: "Rule '\(name)' does not have a target with the Id '\(id)'."))
                }
            }
            record.targets = JSONValue.array(list).compactString()
            return (.put(record), failures)
        }
        guard let failures else { throw noRule(name) }
        return failures
    }

    /// Why host cannot deliver to `target`, or nil when it can: its ARN must name a function of
    /// `functions/`, and every field must be one host runs (docs/eventbridge.md).
    func refusal(of target: JSONValue, id: String) -> TargetFailure? {
        var problems: [String] = []
        var missingFunction = false
        let arn = target["Arn"]?.stringValue ?? ""
        let parts = arn.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        if parts.count >= 7, parts[2] == "lambda", parts[5] == "function" {
            let function = parts[6]
            if !workspace.functionCatalog.names().contains(function) {
                missingFunction = true
                problems.append("Function not found: arn:aws:lambda:\(region):\(account):function:\(function) "
                    + "(there is no functions/\(function).lua)")
            }
        } else {
            problems.append("host delivers events to functions only: '\(arn)' is not a function's ARN (arn:aws:lambda:REGION:ACCOUNT:function:NAME)")
        }
        if case .failure(let invalid) = Rule.target(target) { problems += invalid.problems }
        guard !problems.isEmpty else { return nil }
        let code = missingFunction && problems.count == 1 ? "ResourceNotFoundException" : "ValidationException"
        return TargetFailure(targetId: id, errorCode: code, errorMessage: problems.joined(separator: "; "))
    }

    /// A list member's length: at least one, at most `maximum`.
    static func checkCount(_ count: Int, field: String, maximum: Int) throws(ServiceError) {
        if count < 1 { throw constraint("[]", field, "Member must have length greater than or equal to 1") }
        if count > maximum { throw constraint("[\(count) members]", field, "Member must have length less than or equal to \(maximum)") }
    }

    /// "1 validation error detected: Value null at 'FIELD' failed to satisfy constraint: Member
    /// must not be null".
    static func missing(_ field: String) -> ServiceError {
        ServiceError(.validation, "1 validation error detected: Value null at '\(field)' failed to satisfy constraint: Member must not be null")
    }
}
