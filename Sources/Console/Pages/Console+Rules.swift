import Foundation
import Hummingbird
import JSONValue
import Workspace

extension Console {
    /// Events the events page shows at once.
    static let eventPageSize = 25

    /// `/rules`: the rules of the default bus (its files' and those put through the API): name,
    /// state, pattern, targets, and how many events finally failed to reach each.
    func rules(session: ConsoleSessions.Session) -> Response {
        let bridge = workspace.eventBridge
        var problems: [String] = (try? workspace.eventBus().rules.problems) ?? []
        let described: [RuleDescription]
        do throws(ServiceError) { described = try allRules() } catch {
            problems.append(error.description)
            described = []
        }
        let letters = (try? bridge.deadLetters()) ?? []
        let rules = described.map { rule -> [String: Any] in
            let targets = (try? bridge.listTargetsByRule(rule: rule.name, limit: 100).items) ?? []
            let failed = letters.count { $0.rule == rule.name }
            return [
                "name": rule.name, "anchor": "rule-" + pathSegment(rule.name), "arn": rule.arn, "state": rule.state,
                "enabled": rule.state == "ENABLED", "hasDescription": rule.description != nil, "description": rule.description ?? "",
                "origin": rule.file ?? "PutRule (kept in .host/)", "pattern": StateDetails.pretty(rule.eventPattern) ?? "",
                "targets": targets.map(Self.targetValues), "hasTargets": !targets.isEmpty, "deadLetters": failed, "hasDeadLetters": failed > 0,
            ]
        }
        return page(.ok, "rules", ["title": "Rules", "rules": rules, "hasRules": !rules.isEmpty, "problems": problems,
                                   "hasProblems": !problems.isEmpty], session: session)
    }

    /// Every rule, following ListRules' pages.
    func allRules() throws(ServiceError) -> [RuleDescription] {
        var rules: [RuleDescription] = []
        var token: String?
        repeat {
            let page = try workspace.eventBridge.listRules(nextToken: token)
            rules += page.items
            token = page.nextToken
        } while token != nil
        return rules
    }

    /// One target as ListTargetsByRule answers it, with a link to its function.
    static func targetValues(_ target: JSONValue) -> [String: Any] {
        let arn = text(target["Arn"])
        let function = functionName(inTarget: arn)
        let input = ["Input", "InputPath", "InputTransformer"].compactMap { key -> [String: Any]? in
            target[key].map { ["inputKind": key, "inputValue": $0.stringValue.flatMap { StateDetails.pretty($0) } ?? $0.prettyString()] }
        }
        return [
            "targetId": text(target["Id"]), "targetArn": arn, "hasFunction": function != nil, "function": function ?? "",
            "functionSegment": pathSegment(function ?? ""), "inputs": input,
            "hasRetryPolicy": target["RetryPolicy"] != nil, "retryPolicy": target["RetryPolicy"]?.compactString() ?? "",
        ]
    }

    /// The function a target's `Arn` names (`arn:aws:lambda:REGION:ACCOUNT:function:NAME[:QUALIFIER]`,
    /// or a bare name in a file of `rules/`); nil for anything else.
    static func functionName(inTarget arn: String) -> String? {
        let parts = arn.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        if parts.count >= 7, parts[0] == "arn", parts[2] == "lambda", parts[5] == "function" { return parts[6] }
        return parts.count == 1 && !arn.isEmpty ? arn : nil
    }

    /// `/events?page=N`: the events put on the bus, newest first, with the rules that match each,
    /// and the dead letters: deliveries that finally failed, with why.
    func events(query: [String: String], session: ConsoleSessions.Session) -> Response {
        let bridge = workspace.eventBridge
        let all = (try? bridge.storedEvents()) ?? []
        let pageNumber = max(0, query["page"].flatMap { Int($0) } ?? 0)
        let shown = all.reversed().dropFirst(pageNumber * Self.eventPageSize).prefix(Self.eventPageSize)
        let rules = ((try? allRules()) ?? []).filter { $0.state == "ENABLED" }
        let letters = (try? bridge.deadLetters()) ?? []
        let events = shown.map { event -> [String: Any] in
            let text = event.event.compactString()
            // The bus does not keep which rules routed an event: these are the enabled rules
            // whose patterns match it now (TestEventPattern).
            let matched = rules.filter { (try? bridge.testEventPattern($0.eventPattern, event: text)) == true }.map(\.name)
            let failed = letters.filter { $0.eventId == event.id }
            return [
                "id": event.id, "time": timeValue(event.time), "source": event.source, "detailType": event.detailType,
                "hasStatus": event.status != nil, "status": event.status ?? "", "resource": event.resource ?? "",
                "matched": matched.map { ["rule": $0, "anchor": "rule-" + pathSegment($0)] }, "hasMatched": !matched.isEmpty,
                "failedDeliveries": failed.count, "hasFailedDeliveries": !failed.isEmpty, "json": event.event.prettyString(),
            ]
        }
        // A rule's dead letter names its target's Id; a topic's (its ARN as the rule) names the function.
        var functions: [String: [String: String]] = [:]
        for rule in Set(letters.map(\.rule)) where functions[rule] == nil {
            let targets = (try? bridge.listTargetsByRule(rule: rule, limit: 100).items) ?? []
            functions[rule] = Dictionary(targets.compactMap { target in
                Self.functionName(inTarget: Self.text(target["Arn"])).map { (Self.text(target["Id"]), $0) }
            }, uniquingKeysWith: { first, _ in first })
        }
        let deadLetters = letters.reversed().map { letter -> [String: Any] in
            let topic = letter.rule.hasPrefix("arn:aws:sns:") ? letter.rule.split(separator: ":").last.map(String.init) : nil
            let function = topic != nil ? letter.target : functions[letter.rule]?[letter.target]
            return [
                "time": timeValue(letter.time), "eventId": letter.eventId, "rule": letter.rule, "ruleAnchor": "rule-" + pathSegment(letter.rule),
                "isTopic": topic != nil, "topic": topic ?? "", "topicSegment": pathSegment(topic ?? ""), "target": letter.target,
                "hasFunction": function != nil, "function": function ?? "", "functionSegment": pathSegment(function ?? ""),
                "attempts": letter.attempts, "reason": letter.reason,
                "hasEvent": letter.event != nil, "event": letter.event?.prettyString() ?? "",
            ]
        }
        return page(.ok, "busEvents", [
            "title": "Events", "events": events, "hasEvents": !events.isEmpty, "total": all.count,
            "newer": pageNumber > 0 ? ["query": pageNumber > 1 ? "?page=\(pageNumber - 1)" : ""] : false,
            "older": all.count > (pageNumber + 1) * Self.eventPageSize ? ["query": "?page=\(pageNumber + 1)"] : false,
            "deadLetters": deadLetters, "hasDeadLetters": !deadLetters.isEmpty,
        ], session: session)
    }
}
