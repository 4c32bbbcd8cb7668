import Events
import Foundation
import JSONValue
import Store

/// EventBridge in AWS's terms, on the workspace's one event bus, `default`: its rules (the files
/// of `rules/`, as the bus read them when it was made, and those created through the API, kept
/// in the store), their targets, and the events put on it. A file's rule holds its name: the API
/// reads it but changes it only through its file (docs/eventbridge.md).
public struct EventBridge: Sendable {
    let workspace: Workspace

    init(workspace: Workspace) { self.workspace = workspace }

    /// The region and account of the workspace's ARNs, the same as Step Functions'.
    var region: String { workspace.stepFunctions.region }
    var account: String { workspace.stepFunctions.account }

    /// "arn:aws:events:REGION:ACCOUNT:rule/NAME": a rule of the default bus has no bus in its ARN.
    func ruleArn(_ name: String) -> String { "arn:aws:events:\(region):\(account):rule/\(name)" }

    // MARK: - Rules

    /// PutRule: creates the rule, or replaces one created through the API (its targets stay).
    /// "If you omit arguments in PutRule, the old values for those arguments are not kept."
    /// Returns the rule's ARN.
    public func putRule(name: String, eventPattern: String?, scheduleExpression: String? = nil, state: String? = nil,
                        description: String? = nil, roleArn: String? = nil, eventBusName: String? = nil,
                        tags: [String: String] = [:]) throws(ServiceError) -> String {
        try Self.checkName(name, field: "name")
        if let description, description.count > 512 {
            throw Self.constraint(description, "description", "Member must have length less than or equal to 512")
        }
        let enabled = try Self.enabled(state)
        try checkBus(eventBusName)
        // A schedule would be stored and never run: refused, whether or not a pattern comes with it.
        if let scheduleExpression {
            throw ServiceError(.validation, "host does not run scheduled rules (ScheduleExpression '\(scheduleExpression)'): "
                + "its rules run on the events put on the bus, so give an EventPattern and no ScheduleExpression")
        }
        guard let eventPattern else {
            throw ServiceError(.validation, "Parameter(s) EventPattern or ScheduleExpression must be specified.")
        }
        guard tags.isEmpty else {
            throw ServiceError(.validation, "host does not keep tags of rules: give PutRule no Tags")
        }
        if let file = fileHolding(name) {
            throw ServiceError(.validation, "The rule \(name) is defined by \(file); change the file to change it")
        }
        _ = try Self.pattern(eventPattern)
        let record = RuleRecord(name: name, eventPattern: eventPattern, state: enabled ? "ENABLED" : "DISABLED",
                                description: description, roleArn: roleArn)
        try change(name) { current in
            var replaced = record
            replaced.targets = current?.targets ?? "[]"
            return (.put(replaced), ())
        }
        return ruleArn(name)
    }

    /// DescribeRule.
    public func describeRule(name: String, eventBusName: String? = nil) throws(ServiceError) -> RuleDescription {
        try checkBus(eventBusName)
        try Self.checkName(name, field: "name")
        if let rule = try fileRules().first(where: { $0.name == name }) { return describe(rule) }
        guard let record = try storeCall({ () throws(StoreError) in try workspace.stores().rules.rule(name: name) }) else {
            throw noRule(name)
        }
        return describe(record)
    }

    /// ListRules: the files' rules and the stored ones, by name. "Limit ... Minimum value of 1.
    /// Maximum value of 100."
    public func listRules(namePrefix: String? = nil, limit: Int? = nil, nextToken: String? = nil,
                          eventBusName: String? = nil) throws(ServiceError) -> Page<RuleDescription> {
        try checkBus(eventBusName)
        let prefix = namePrefix ?? ""
        return try Self.page(try rules().filter { $0.name.hasPrefix(prefix) }, limit: limit, nextToken: nextToken)
    }

    /// DeleteRule of a rule created through the API. "Before you can delete the rule, you must
    /// remove all targets"; deleting a rule that does not exist succeeds ("If you call delete
    /// rule multiple times for the same rule, all calls will succeed"). `Force` matters only for
    /// rules managed by AWS services, which host has none of.
    public func deleteRule(name: String, eventBusName: String? = nil) throws(ServiceError) {
        try checkBus(eventBusName)
        try Self.checkName(name, field: "name")
        if let file = fileHolding(name) {
            throw ServiceError(.validation, "The rule \(name) is defined by \(file); delete the file to delete it")
        }
        let hasTargets: Bool = try change(name) { current in
            guard let current else { return (.keep, false) }
            return Self.targets(of: current).isEmpty ? (.delete, false) : (.keep, true)
        }
        if hasTargets { throw ServiceError(.validation, "Rule can't be deleted since it has targets.") }
    }

    /// EnableRule and DisableRule.
    public func setRuleState(name: String, enabled: Bool, eventBusName: String? = nil) throws(ServiceError) {
        try checkBus(eventBusName)
        try Self.checkName(name, field: "name")
        if let file = fileHolding(name) {
            throw ServiceError(.validation, "The rule \(name) is defined by \(file); change its State there")
        }
        let found: Bool = try change(name) { current in
            guard var record = current else { return (.keep, false) }
            record.state = enabled ? "ENABLED" : "DISABLED"
            return (.put(record), true)
        }
        if !found { throw noRule(name) }
    }

    // MARK: - Helpers

    /// Every rule, by name: a file's holds its name over a stored one's.
    func rules() throws(ServiceError) -> [RuleDescription] {
        var all: [String: RuleDescription] = [:]
        for rule in try fileRules() { all[rule.name] = describe(rule) }
        let stored = try storeCall { () throws(StoreError) in try workspace.stores().rules.rules() }
        for record in stored where all[record.name] == nil { all[record.name] = describe(record) }
        return all.values.sorted { $0.name < $1.name }
    }

    /// The rules of `rules/` the bus routes by.
    func fileRules() throws(ServiceError) -> [Rule] {
        try storeCall { () throws(StoreError) in try workspace.eventBus().rules.rules }
    }

    /// `rules/NAME.json` when that file exists (valid or not): the API may not use its name.
    func fileHolding(_ name: String) -> String? {
        let file = workspace.rulesDirectory.appendingPathComponent("\(name).json")
        return FileManager.default.fileExists(atPath: file.path) ? "rules/\(name).json" : nil
    }

    func describe(_ rule: Rule) -> RuleDescription {
        RuleDescription(name: rule.name, arn: ruleArn(rule.name), eventPattern: rule.patternText, state: rule.enabled ? "ENABLED" : "DISABLED",
                        description: rule.description, roleArn: nil, createdBy: account, file: "rules/\(rule.name).json")
    }

    func describe(_ record: RuleRecord) -> RuleDescription {
        RuleDescription(name: record.name, arn: ruleArn(record.name), eventPattern: record.eventPattern, state: record.state,
                        description: record.description, roleArn: record.roleArn, createdBy: account, file: nil)
    }

    /// Reads and writes a stored rule in one step (RuleStore.changeRule).
    func change<Outcome>(_ name: String, _ decide: (RuleRecord?) -> (RuleChange, Outcome)) throws(ServiceError) -> Outcome {
        try storeCall { () throws(StoreError) in try workspace.stores().rules.changeRule(name: name, decide) }
    }

    func storeCall<T>(_ body: () throws(StoreError) -> T) throws(ServiceError) -> T {
        do { return try body() } catch { throw ServiceError(.internalFailure, error.message) }
    }

    /// The stored targets of a rule, as PutTargets was given them.
    static func targets(of record: RuleRecord) -> [JSONValue] {
        if case .array(let targets)? = try? JSONValue.parse(record.targets) { return targets }
        return []
    }

    /// "Rule NAME does not exist on EventBus default."
    func noRule(_ name: String) -> ServiceError {
        ServiceError(.resourceNotFoundException, "Rule \(name) does not exist on EventBus default.")
    }

    /// The one bus, by name or ARN; any other is "Event bus NAME does not exist."
    func checkBus(_ name: String?) throws(ServiceError) {
        guard let name, !isDefaultBus(name) else { return }
        throw ServiceError(.resourceNotFoundException, Self.noBus(name))
    }

    /// Whether `name` names the default bus: `default`, or its ARN.
    func isDefaultBus(_ name: String) -> Bool {
        name == "default" || name == "arn:aws:events:\(region):\(account):event-bus/default"
    }

    /// "Event bus NAME does not exist.", of a bus given by name or ARN.
    static func noBus(_ name: String) -> String {
        "Event bus \(name.split(separator: "/").last.map(String.init) ?? name) does not exist."
    }

    /// A rule's or a target's name: "Length Constraints: Minimum length of 1. Maximum length of
    /// 64. Pattern: [\.\-_A-Za-z0-9]+".
    static func checkName(_ name: String, field: String) throws(ServiceError) {
        guard name.count <= 64 else { throw constraint(name, field, "Member must have length less than or equal to 64") }
        guard !name.isEmpty else { throw constraint(name, field, "Member must have length greater than or equal to 1") }
        let allowed = Set("._-abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".unicodeScalars)
        guard name.unicodeScalars.allSatisfy(allowed.contains) else {
            throw constraint(name, field, #"Member must satisfy regular expression pattern: [\.\-_A-Za-z0-9]+"#)
        }
    }

    /// `State`: ENABLED (the default) or DISABLED.
    static func enabled(_ state: String?) throws(ServiceError) -> Bool {
        switch state {
        case nil, "ENABLED": return true
        case "DISABLED": return false
        case "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS":
            throw ServiceError(.validation, "host does not run ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS: it has no CloudTrail; use ENABLED")
        case let other?:
            throw constraint(other, "state", "Member must satisfy enum value set: [ENABLED, DISABLED, ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS]")
        }
    }

    /// A pattern, or InvalidEventPatternException with AWS's reason for its first problem and
    /// the place of each (line:column in the pattern's text, and its path).
    static func pattern(_ text: String) throws(ServiceError) -> EventPattern {
        do { return try EventPattern.parse(text) } catch {
            let reasons = error.problems.map { problem in
                "\(problem.message) (at \(problem.location.map { "\($0), " } ?? "")\(problem.pathDescription))"
            }
            throw ServiceError(.invalidEventPattern, "Event pattern is not valid. Reason: " + reasons.joined(separator: "; "))
        }
    }

    /// "1 validation error detected: Value 'x' at 'field' failed to satisfy constraint: ...".
    static func constraint(_ value: String, _ field: String, _ rule: String) -> ServiceError {
        ServiceError(.validation, "1 validation error detected: Value '\(value)' at '\(field)' failed to satisfy constraint: \(rule)")
    }

    /// A page of at most `limit` (1 to 100, default 100) items after `nextToken`.
    static func page<Item>(_ all: [Item], limit: Int?, nextToken: String?) throws(ServiceError) -> Page<Item> {
        if let limit, limit < 1 {
            throw constraint(String(limit), "limit", "Member must have value greater than or equal to 1")
        }
        do { return try Page.of(all, maxResults: limit, nextToken: nextToken, defaultSize: 100, limit: 100, field: "limit") } catch {
            guard error.code == .invalidToken else { throw error }
            throw ServiceError(.validation, "The NextToken '\(nextToken ?? "")' is not valid")
        }
    }
}

extension Workspace {
    /// EventBridge over this workspace's event bus.
    public var eventBridge: EventBridge { EventBridge(workspace: self) }
}
