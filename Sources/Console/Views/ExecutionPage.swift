import Diagrams
import Engine
import Foundation
import StatesLanguage
import Workspace

/// What the execution page draws below its head, from what was read before the history's walk
/// (the execution, the definition it ran, its waiting tokens) and from the walk.
struct ExecutionPage: Sendable {
    let described: ExecutionDescription
    let machine: StateMachine?
    let machineName: String
    /// The page of the history shown: the events after this id.
    let after: Int
    let waiting: [String]
    /// The task tokens' revision `waiting` was read at: the live stream reports changes after it.
    let tokenRevision: Int64
    let actionError: String?
    let csrf: String

    init(described: ExecutionDescription, machine: StateMachine?, machineName: String?, after: Int, waiting: [String],
         tokenRevision: Int64 = 0, actionError: String?, csrf: String) {
        self.described = described
        self.machine = machine
        self.machineName = machineName ?? String(described.stateMachineArn.split(separator: ":").last ?? "")
        self.after = after
        self.waiting = waiting
        self.tokenRevision = tokenRevision
        self.actionError = actionError
        self.csrf = csrf
    }

    /// The ids of the events the page shows.
    var pageRange: ClosedRange<Int> { (after + 1)...(after + Console.eventsPageSize) }

    private var segment: String { pathSegment(described.executionArn) }

    /// The values of the `execution` template.
    func values(of walk: HistoryWalk) -> [String: Any] {
        var values: [String: Any] = [
            "csrf": csrf, "name": described.name, "segment": segment,
            "machineName": machineName, "machineSegment": pathSegment(machineName),
            "status": described.status.rawValue, "running": described.status == .running,
            "start": timeValue(described.startDate), "stop": timeValue(described.stopDate),
            "lastEventId": walk.lastEventId, "tokenRevision": tokenRevision, "pageQuery": after > 0 ? "?after=\(after)" : "",
            "hasActionError": actionError != nil, "actionError": actionError ?? "",
            "input": StateDetails.pretty(described.input) ?? "",
            "hasOutput": described.output != nil, "output": StateDetails.pretty(described.output) ?? "",
            "hasError": described.error != nil, "error": described.error ?? "",
            "hasCause": described.cause != nil, "cause": described.cause ?? "",
        ]
        let details = walk.details
        if let machine, let path = walk.path {
            let diagram = Diagram(machine: machine, name: machineName, path: path, executionName: described.name)
            values["graph"] = GraphView.values(of: diagram)
            values["hasLegend"] = true
            values["legend"] = GraphView.legend(of: diagram)
            values["states"] = GraphView.stateIds(of: diagram).sorted { $0.value < $1.value }.map { name, id -> [String: Any] in
                let record = path[name]
                let visit = details.visits[name]
                let duration = StateDetails.duration(from: visit?.entered, to: visit?.exited)
                let input = StateDetails.pretty(visit?.input), output = StateDetails.pretty(visit?.output)
                return [
                    "stateId": id, "stateName": name, "stateStatus": record.status.rawValue, "stateCaption": record.status.caption,
                    "entered": record.entered, "retries": record.retryCount,
                    "hasDuration": duration != nil, "duration": duration ?? "",
                    "hasInput": input != nil, "input": input ?? "", "hasOutput": output != nil, "output": output ?? "",
                    "hasError": visit?.error != nil, "error": visit?.error ?? "", "hasCause": visit?.cause != nil, "cause": visit?.cause ?? "",
                ]
            }
        } else {
            values["graph"] = false
            values["hasLegend"] = false
            values["states"] = [[String: Any]]()
        }
        values["maps"] = mapValues(walk.maps)
        values["hasMaps"] = !walk.maps.order.isEmpty
        let started = walk.firstTimestamp ?? Date(epochMilliseconds: described.startDate)
        values["events"] = walk.pageEvents.map { event -> [String: Any] in
            let json = event.json
            let body = event.type.detailsKey.flatMap { json[$0] }
            return [
                "id": event.id, "type": event.type.rawValue, "step": details.stepOf[event.id] ?? "",
                "elapsed": Int((event.timestamp.timeIntervalSince(started) * 1000).rounded()),
                "time": timeValue(event.timestamp.epochMilliseconds),
                "hasDetails": body != nil, "details": body?.prettyString() ?? "",
            ]
        }
        values["pager"] = pagerValues(lastEventId: walk.lastEventId, shown: walk.pageEvents)
        values["callbacks"] = waiting.enumerated().map { index, token -> [String: Any] in
            // The TaskScheduled event whose parameters hold the token names the state.
            let state = walk.scheduling[token].flatMap { details.stepOf[$0] }
            return ["token": token, "index": index, "callbackHasState": state != nil, "callbackState": state ?? ""]
        }
        return values
    }

    /// The links between pages of the history: earlier, later, first and last; and, past the
    /// end, what the history holds.
    private func pagerValues(lastEventId: Int, shown: [HistoryEvent]) -> [String: Any] {
        let size = Console.eventsPageSize
        func link(_ after: Int) -> [String: Any] { ["href": "/executions/\(segment)" + (after > 0 ? "?after=\(after)" : "")] }
        let lastPage = max(0, lastEventId - 1) / size * size
        return [
            "first": after > 0 ? link(0) as Any : false,
            "earlier": after > 0 ? link(max(0, min(after, lastPage + size) - size)) as Any : false,
            "later": shown.last.map { $0.id < lastEventId ? link($0.id) as Any : false } ?? false,
            "last": after < lastPage ? link(lastPage) as Any : false,
            "range": shown.isEmpty ? "" : "Events \(shown[0].id) to \(shown[shown.count - 1].id) of \(lastEventId)",
            "pastEnd": shown.isEmpty && after > 0, "lastEventId": lastEventId, "after": after,
        ]
    }

    /// The Map states' iterations: counts by status and the first failed ones, each linked to
    /// its event on the history's page that holds it.
    private func mapValues(_ maps: MapSummary) -> [[String: Any]] {
        let size = Console.eventsPageSize
        return maps.order.compactMap { name -> [String: Any]? in
            guard let iterations = maps.states[name] else { return nil }
            let listed = iterations.failures.prefix(Console.listedFailures).map { failure -> [String: Any] in
                let pageStart = (failure.eventId - 1) / size * size
                return ["index": failure.index, "eventId": failure.eventId,
                        "href": "/executions/\(segment)" + (pageStart > 0 ? "?after=\(pageStart)" : "") + "#event-\(failure.eventId)"]
            }
            return [
                "mapName": name, "started": iterations.started, "succeeded": iterations.succeeded, "failed": iterations.failed,
                "aborted": iterations.aborted, "inProgress": iterations.running,
                "failures": listed, "hasFailures": !listed.isEmpty,
                "moreFailures": iterations.failures.count > listed.count ? ["count": iterations.failures.count - listed.count] as Any : false,
            ]
        }
    }
}
