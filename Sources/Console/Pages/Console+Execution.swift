import Diagrams
import Engine
import Foundation
import Hummingbird
import JSONValue
import StatesLanguage
import Workspace

extension Console {
    /// History events a page of the execution page shows (`?after=ID`: those after that id).
    static let eventsPageSize = 500
    /// Failed iterations a Map's summary lists.
    static let listedFailures = 100

    /// `/executions/NAME` (a name or an ARN): the graph of the path taken, each state's details,
    /// its Map states' iterations counted, the input and output, a page of the history (`after`:
    /// the events after that id); Stop and the callback forms while it runs. The history is
    /// walked once (`HistoryWalk`), whatever its length.
    func execution(_ reference: String, after: Int = 0, session: ConsoleSessions.Session, actionError: String? = nil) -> Response {
        let stepFunctions = workspace.stepFunctions
        let described: ExecutionDescription
        let ran: StateMachineForExecution?
        let walk: HistoryWalk
        let after = max(0, after)
        let pageRange = (after + 1)...(after + Self.eventsPageSize)
        var definition: StateMachine?
        var waiting: [String] = []
        do throws(ExecutionLookupError) {
            described = try stepFunctions.describeExecution(named: reference)
            ran = try stepFunctions.stateMachine(forExecutionNamed: described.executionArn)
            if let text = ran?.definition, case .success(let parsed) = StateMachine.parse(text) { definition = parsed }
            if described.status == .running { waiting = waitingTokens(of: described.executionArn) }
            walk = try HistoryWalk(executionArn: described.executionArn, stepFunctions: stepFunctions, machine: definition,
                                   page: pageRange, waitingTokens: waiting)
        } catch {
            return missing(error.description, session: session)
        }
        let machineName = ran?.name ?? String(described.stateMachineArn.split(separator: ":").last ?? "")
        let segment = pathSegment(described.executionArn)
        var values: [String: Any] = [
            "title": described.name, "name": described.name, "segment": segment,
            "machineName": machineName, "machineSegment": pathSegment(machineName),
            "status": described.status.rawValue, "running": described.status == .running,
            "start": timeValue(described.startDate), "stop": timeValue(described.stopDate),
            "lastEventId": walk.lastEventId, "pageQuery": after > 0 ? "?after=\(after)" : "",
            "hasActionError": actionError != nil, "actionError": actionError ?? "",
            "input": StateDetails.pretty(described.input) ?? "",
            "hasOutput": described.output != nil, "output": StateDetails.pretty(described.output) ?? "",
            "hasError": described.error != nil, "error": described.error ?? "",
            "hasCause": described.cause != nil, "cause": described.cause ?? "",
        ]
        let details = walk.details
        if let definition, let path = walk.path {
            let diagram = Diagram(machine: definition, name: machineName, path: path, executionName: described.name)
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
        values["maps"] = mapValues(walk.maps, segment: segment)
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
        values["pager"] = pagerValues(after: after, lastEventId: walk.lastEventId, shown: walk.pageEvents, segment: segment)
        values["callbacks"] = waiting.enumerated().map { index, token -> [String: Any] in
            // The TaskScheduled event whose parameters hold the token names the state.
            let state = walk.scheduling[token].flatMap { details.stepOf[$0] }
            return ["token": token, "index": index, "callbackHasState": state != nil, "callbackState": state ?? ""]
        }
        return page(.ok, "execution", values, session: session)
    }

    /// The links between pages of the history: earlier, later, first and last; and, past the
    /// end, what the history holds.
    private func pagerValues(after: Int, lastEventId: Int, shown: [HistoryEvent], segment: String) -> [String: Any] {
        func link(_ after: Int) -> [String: Any] { ["href": "/executions/\(segment)" + (after > 0 ? "?after=\(after)" : "")] }
        let lastPage = max(0, lastEventId - 1) / Self.eventsPageSize * Self.eventsPageSize
        return [
            "first": after > 0 ? link(0) as Any : false,
            "earlier": after > 0 ? link(max(0, min(after, lastPage + Self.eventsPageSize) - Self.eventsPageSize)) as Any : false,
            "later": shown.last.map { $0.id < lastEventId ? link($0.id) as Any : false } ?? false,
            "last": after < lastPage ? link(lastPage) as Any : false,
            "range": shown.isEmpty ? "" : "Events \(shown[0].id) to \(shown[shown.count - 1].id) of \(lastEventId)",
            "pastEnd": shown.isEmpty && after > 0, "lastEventId": lastEventId, "after": after,
        ]
    }

    /// The Map states' iterations: counts by status and the first failed ones, each linked to
    /// its event on the history's page that holds it.
    private func mapValues(_ maps: MapSummary, segment: String) -> [[String: Any]] {
        maps.order.compactMap { name -> [String: Any]? in
            guard let iterations = maps.states[name] else { return nil }
            let listed = iterations.failures.prefix(Self.listedFailures).map { failure -> [String: Any] in
                let pageStart = (failure.eventId - 1) / Self.eventsPageSize * Self.eventsPageSize
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

    /// The task tokens of the execution still waiting for an answer.
    private func waitingTokens(of executionArn: String) -> [String] {
        guard workspace.hasDatabase, let tokens = try? workspace.stores().tokens.taskTokens(changedAfter: 0) else { return [] }
        return tokens.filter { $0.executionArn == executionArn && $0.status == "WAITING" }.map(\.token)
    }

    /// POST `/executions/NAME/stop`: StopExecution, then the page again.
    func stopExecution(_ reference: String, session: ConsoleSessions.Session) async -> Response {
        do throws(ExecutionLookupError) {
            let arn = try workspace.stepFunctions.execution(named: reference).executionArn
            if let refusal = await stop(arn) { return execution(reference, session: session, actionError: refusal.description) }
            return Self.redirect(to: "/executions/\(pathSegment(arn))")
        } catch {
            return missing(error.description, session: session)
        }
    }

    /// StopExecution of `arn`; its refusal, if any.
    private func stop(_ arn: String) async -> ServiceError? {
        do throws(ServiceError) {
            _ = try await workspace.stepFunctions.stopExecution(arn: arn)
            return nil
        } catch {
            return error
        }
    }

    /// POST `/executions/NAME/callback`: SendTaskSuccess or SendTaskFailure with the form's token.
    func answerCallback(_ reference: String, form: [String: String], session: ConsoleSessions.Session) -> Response {
        let token = form["token"] ?? ""
        let stepFunctions = workspace.stepFunctions
        do throws(ServiceError) {
            if form["outcome"] == "failure" {
                try stepFunctions.sendTaskFailure(token: token, error: form["error"].flatMap { $0.isEmpty ? nil : $0 },
                                                  cause: form["cause"].flatMap { $0.isEmpty ? nil : $0 })
            } else {
                try stepFunctions.sendTaskSuccess(token: token, output: form["output"] ?? "{}")
            }
        } catch {
            return execution(reference, session: session, actionError: error.description)
        }
        return Self.redirect(to: "/executions/\(pathSegment(reference))")
    }

    /// `/executions/NAME/logs`: the lines the execution's function invocations wrote.
    func executionLogs(_ reference: String, session: ConsoleSessions.Session) -> Response {
        let events: [LogEvent]
        let described: ExecutionSummary
        do throws(ExecutionLookupError) {
            described = try workspace.stepFunctions.execution(named: reference)
            events = try workspace.logs.events(ofExecutionNamed: described.executionArn)
        } catch {
            return missing(error.description, session: session)
        }
        return page(.ok, "executionLogs", [
            "title": "Log lines of \(described.name)", "name": described.name, "segment": pathSegment(described.executionArn),
            "events": events.map(Self.eventValues), "hasEvents": !events.isEmpty, "showGroup": true, "filtered": false,
        ], session: session)
    }

    static func eventValues(_ event: LogEvent) -> [String: Any] {
        ["time": timeValue(event.timestamp), "groupName": event.groupName, "groupSegment": pathSegment(event.groupName),
         "streamName": event.streamName, "message": event.message]
    }
}
