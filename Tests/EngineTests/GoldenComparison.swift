import Engine
import Foundation
import JSONValue

/// An event as the comparison sees it.
struct GoldenEvent {
    var offset: Double
    var type: String
    var id: Int
    var previousEventId: Int
    var details: JSONValue?
    /// Where `previousEventId` leads, when it leads into a branch or iteration (lane comparison).
    var link: String?

    init(offset: Double, type: String, id: Int, previousEventId: Int, details: JSONValue?) {
        self.offset = offset
        self.type = type
        self.id = id
        self.previousEventId = previousEventId
        self.details = details
    }

    /// From an expected file's event: `{offset, type, id, previousEventId, <x>EventDetails}`.
    init(expected value: JSONValue) {
        let object = value.objectValue ?? [:]
        offset = object["offset"]?.doubleValue ?? -1
        type = object["type"]?.stringValue ?? ""
        id = Int(object["id"]?.intValue ?? -1)
        previousEventId = Int(object["previousEventId"]?.intValue ?? -1)
        details = object.first { $0.key.hasSuffix("EventDetails") }?.value
    }

    var line: String {
        let from = link.map { "<- \($0)" } ?? "<- \(previousEventId)"
        return "\(id) \(from) @\(Self.seconds(offset)) \(type) \(details?.compactString() ?? "")"
    }

    static func seconds(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(format: "%.3f", value)
    }
}

/// The engine's result, as the comparison sees it.
struct GoldenResult {
    var status: String
    var output: JSONValue?
    var error: String?
    var cause: String?
    var events: [GoldenEvent]
}

extension GoldenResult {
    init(_ result: ExecutionResult) {
        status = result.status.rawValue
        output = result.output
        error = result.error
        cause = result.cause
        events = result.history.map { event in
            let json = event.json
            let details = json.objectValue?.first { $0.key.hasSuffix("EventDetails") }?.value
            let offset = (event.timestamp.timeIntervalSince(result.startDate) * 1000).rounded() / 1000
            return GoldenEvent(offset: offset, type: event.type.rawValue, id: event.id,
                               previousEventId: event.previousEventId, details: details)
        }
    }

    /// An expected file read back as a result (for testing the comparison itself).
    init(expectedFile value: JSONValue) {
        status = value["status"]?.stringValue ?? ""
        output = value["output"].flatMap { $0 == .null ? nil : $0 }
        error = value["error"]?.stringValue
        cause = value["cause"]?.stringValue
        events = (value["history"]?.arrayValue ?? []).map(GoldenEvent.init(expected:))
    }

    var listing: String {
        var lines = ["  status \(status), output \(output?.compactString() ?? "nil"), error \(error ?? "nil"), cause \(cause ?? "nil")"]
        lines += events.map { "  " + $0.line }
        return lines.joined(separator: "\n")
    }
}

/// Compares the engine's result with an expected file.
///
/// In expected values, `{"$any": true}` matches anything and `{"$prefix": "..."}` any string that
/// starts so; `equivalentTexts` lists spellings treated as equal inside strings, and
/// `maskedTexts` (`{"pattern": regex, "as": placeholder}`) values that vary per run and were
/// masked in AWS's recordings too (an X-Ray trace id): inside any string, text the pattern matches
/// compares equal to the placeholder. With
/// `"compare": "lanes"` (Parallel and Map with concurrent iterations, whose interleaving and hence
/// ids vary from run to run) the events of each branch or iteration are compared in order with
/// their own, and the events outside them by id; see `lanes(_:)`.
struct GoldenComparison {
    let expected: JSONValue
    let equivalents: [[String]]
    let masks: [(pattern: NSRegularExpression, placeholder: String)]

    init(expected: JSONValue) {
        self.expected = expected
        equivalents = expected["equivalentTexts"]?.arrayValue?.map { $0.arrayValue?.compactMap(\.stringValue) ?? [] } ?? []
        masks = (expected["maskedTexts"]?.arrayValue ?? []).map { mask in
            let pattern = mask["pattern"]?.stringValue ?? ""
            // A pattern that does not compile masks nothing (`(?!)` never matches), so the
            // comparison fails rather than passes.
            let regex = (try? NSRegularExpression(pattern: pattern)) ?? (try! NSRegularExpression(pattern: "(?!)"))
            return (regex, mask["as"]?.stringValue ?? "")
        }
    }

    func problems(_ actual: GoldenResult) -> [String] {
        var problems: [String] = []
        if expected["status"]?.stringValue != actual.status {
            problems.append("status: expected \(expected["status"]?.compactString() ?? "?"), got \(actual.status)")
        }
        if !matches(expected["output"] ?? .null, actual.output ?? .null)
            && normalized(expected["output"]?.compactString() ?? "null") != normalized(actual.output?.compactString() ?? "null") {
            problems.append("output: expected \(expected["output"]?.compactString() ?? "null"), got \(actual.output?.compactString() ?? "null")")
        }
        for (key, value) in [("error", actual.error), ("cause", actual.cause)] {
            if !matches(expected[key] ?? .null, value.map(JSONValue.string) ?? .null) {
                problems.append("\(key): expected \(expected[key]?.compactString() ?? "null"), got \(value.map { JSONValue.string($0).compactString() } ?? "null")")
            }
        }
        let events = (expected["history"]?.arrayValue ?? []).map(GoldenEvent.init(expected:))
        for (index, event) in actual.events.enumerated() where event.id != index + 1 || event.previousEventId >= event.id {
            problems.append("event ids must run 1...n with previousEventId < id: \(event.line)")
        }
        if expected["compare"]?.stringValue == "lanes" {
            problems += compareLanes(events, actual.events)
        } else {
            problems += compareInOrder(events, actual.events, what: "history")
        }
        return problems
    }

    // MARK: - Events

    private func compareInOrder(_ expected: [GoldenEvent], _ actual: [GoldenEvent], what: String) -> [String] {
        var problems: [String] = []
        if expected.count != actual.count {
            problems.append("\(what): expected \(expected.count) events, got \(actual.count)")
        }
        for index in 0..<max(expected.count, actual.count) {
            let e = index < expected.count ? expected[index] : nil
            let a = index < actual.count ? actual[index] : nil
            guard let e, let a else {
                problems.append("\(what) event \(index + 1): expected \(e?.line ?? "none"), got \(a?.line ?? "none")")
                continue
            }
            if !same(e, a) {
                problems.append("\(what) event \(index + 1):\n      expected \(e.line)\n      got      \(a.line)")
            }
        }
        return problems
    }

    /// Same type, offset, id, details, and previousEventId (or, for a link into a lane, the
    /// same place it leads to).
    private func same(_ e: GoldenEvent, _ a: GoldenEvent) -> Bool {
        e.type == a.type && abs(e.offset - a.offset) < 0.001 && e.id == a.id && e.link == a.link
            && (e.link != nil || e.previousEventId == a.previousEventId)
            && matches(e.details ?? .null, a.details ?? .null)
    }

    /// The events of one history cut into the part outside any Parallel or Map, by id, and one
    /// lane per branch or iteration, in order, with ids and links counted within the lane.
    ///
    /// A branch's lane begins with the event whose previousEventId is ParallelStateStarted and
    /// is named by its state; an iteration's lane begins with MapIterationStarted and is named by
    /// its index; any other event joins the lane of the event it points at. Links are written as
    /// where they lead: within a lane by position, to the section's start as `start`, to another
    /// lane as `elsewhere` (AWS points MapIterationStarted at the previous iteration's last
    /// event). A closing event (and the Exited after it) points at the branch event recorded
    /// last, which depends on the interleaving: such a link is written `a lane's last event`,
    /// except from a failure, which must point at the failing lane's event.
    private struct Cut {
        var outside: [GoldenEvent] = []
        var lanes: [String: [GoldenEvent]] = [:]
    }

    private func cut(_ events: [GoldenEvent]) -> (Cut, [String]) {
        var result = Cut()
        var problems: [String] = []
        var laneOf: [Int: String] = [:]        // event id -> lane
        var positionOf: [Int: Int] = [:]       // event id -> index in its lane
        var section: Int?                       // the open Parallel/Map's XStateStarted
        let opens: Set = ["ParallelStateStarted", "MapStateStarted"]
        let closes: Set = ["ParallelStateSucceeded", "ParallelStateFailed", "ParallelStateExited", "MapStateSucceeded", "MapStateFailed"]
        for var event in events {
            if let start = section, !closes.contains(event.type) {
                let lane: String
                if event.type == "MapIterationStarted" {
                    lane = "iteration \(event.details?["index"]?.compactString() ?? "?")"
                } else if event.previousEventId == start {
                    lane = "branch \(event.details?["name"]?.stringValue ?? event.type)"
                } else if let owner = laneOf[event.previousEventId] {
                    lane = owner
                } else {
                    problems.append("event \(event.id) (\(event.type)) belongs to no branch or iteration")
                    lane = "?"
                }
                var members = result.lanes[lane, default: []]
                if laneOf[event.previousEventId] == lane, let position = positionOf[event.previousEventId] {
                    event.link = "#\(position)"
                } else {
                    event.link = event.previousEventId == start ? "start" : "elsewhere"
                }
                laneOf[event.id] = lane
                positionOf[event.id] = members.count
                event.id = members.count
                members.append(event)
                result.lanes[lane] = members
                continue
            }
            if closes.contains(event.type) { section = nil }
            if opens.contains(event.type) { section = event.id }
            if let lane = laneOf[event.previousEventId], let position = positionOf[event.previousEventId] {
                let isLast = position == (result.lanes[lane]?.count ?? 0) - 1
                event.link = isLast && !event.type.hasSuffix("Failed") ? "a lane's last event" : "\(lane) #\(position)"
            }
            result.outside.append(event)
        }
        return (result, problems)
    }

    private func compareLanes(_ expected: [GoldenEvent], _ actual: [GoldenEvent]) -> [String] {
        let (e, expectedProblems) = cut(expected)
        let (a, actualProblems) = cut(actual)
        var problems = expectedProblems.map { "expected file: " + $0 } + actualProblems
        problems += compareInOrder(e.outside, a.outside, what: "history outside branches")
        if Set(e.lanes.keys) != Set(a.lanes.keys) {
            problems.append("branches/iterations: expected \(e.lanes.keys.sorted()), got \(a.lanes.keys.sorted())")
        }
        for lane in e.lanes.keys.sorted() where a.lanes[lane] != nil {
            problems += compareInOrder(e.lanes[lane]!, a.lanes[lane]!, what: lane)
        }
        return problems
    }

    // MARK: - Values

    /// `expected` matches `actual`: objects regardless of member order, numbers by value,
    /// strings up to `equivalentTexts`, and the `$any` / `$prefix` wildcards.
    func matches(_ expected: JSONValue, _ actual: JSONValue) -> Bool {
        switch (expected, actual) {
        case (.object(let e), _) where e["$any"] == true:
            return true
        case (.object(let e), .string(let a)) where e["$prefix"]?.stringValue != nil:
            return normalized(a).hasPrefix(normalized(e["$prefix"]!.stringValue!))
        case (.object(let e), .object(let a)):
            return Set(e.keys) == Set(a.keys) && e.allSatisfy { key, value in matches(value, a[key]!) }
        case (.array(let e), .array(let a)):
            return e.count == a.count && zip(e, a).allSatisfy { matches($0, $1) }
        case (.string(let e), .string(let a)):
            return normalized(e) == normalized(a)
        case (.int(let x), .int(let y)):
            return x == y
        case (.double, .double), (.int, .double), (.double, .int):
            // An integer and a double are different JSON texts (`1` and `1.0`).
            if case .double = expected, case .double = actual { return expected.doubleValue == actual.doubleValue }
            return false
        default:
            return expected == actual
        }
    }

    private func normalized(_ text: String) -> String {
        var text = text
        for group in equivalents {
            for other in group.dropFirst() { text = text.replacingOccurrences(of: other, with: group[0]) }
        }
        for mask in masks {
            let template = NSRegularExpression.escapedTemplate(for: mask.placeholder)
            text = mask.pattern.stringByReplacingMatches(in: text, range: NSRange(text.startIndex..., in: text), withTemplate: template)
        }
        return text
    }
}
