import Diagrams
import Engine
import Foundation
import Hummingbird
import JSONValue
import StatesLanguage
import Workspace

extension Console {
    /// `/executions/NAME` (a name or an ARN): the graph of the path taken, each state's details,
    /// the input and output, the history; Stop and the callback forms while it runs.
    func execution(_ reference: String, session: ConsoleSessions.Session, actionError: String? = nil) -> Response {
        let stepFunctions = workspace.stepFunctions
        let described: ExecutionDescription
        let history: [HistoryEvent]
        let ran: StateMachineForExecution?
        do throws(ExecutionLookupError) {
            described = try stepFunctions.describeExecution(named: reference)
            history = try stepFunctions.history(ofExecutionNamed: described.executionArn)
            ran = try stepFunctions.stateMachine(forExecutionNamed: described.executionArn)
        } catch {
            return missing(error.description, session: session)
        }
        let machineName = ran?.name ?? String(described.stateMachineArn.split(separator: ":").last ?? "")
        var values: [String: Any] = [
            "title": described.name, "name": described.name, "segment": pathSegment(described.executionArn),
            "machineName": machineName, "machineSegment": pathSegment(machineName),
            "status": described.status.rawValue, "running": described.status == .running,
            "start": timeValue(described.startDate), "stop": timeValue(described.stopDate),
            "lastEventId": history.map(\.id).max() ?? 0,
            "hasActionError": actionError != nil, "actionError": actionError ?? "",
            "input": StateDetails.pretty(described.input) ?? "",
            "hasOutput": described.output != nil, "output": StateDetails.pretty(described.output) ?? "",
            "hasError": described.error != nil, "error": described.error ?? "",
            "hasCause": described.cause != nil, "cause": described.cause ?? "",
        ]
        let details = StateDetails(history: history)
        if let text = ran?.definition, case .success(let definition) = StateMachine.parse(text) {
            let path = ExecutionPath(history: history, machine: definition)
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
        let started = history.first?.timestamp ?? Date(epochMilliseconds: described.startDate)
        values["events"] = history.sorted { $0.id < $1.id }.map { event -> [String: Any] in
            let json = event.json
            let body = event.type.detailsKey.flatMap { json[$0] }
            return [
                "id": event.id, "type": event.type.rawValue, "step": details.stepOf[event.id] ?? "",
                "elapsed": Int((event.timestamp.timeIntervalSince(started) * 1000).rounded()),
                "time": timeValue(event.timestamp.epochMilliseconds),
                "hasDetails": body != nil, "details": body?.prettyString() ?? "",
            ]
        }
        values["callbacks"] = described.status == .running ? waitingCallbacks(of: described.executionArn, details: details, history: history) : []
        return page(.ok, "execution", values, session: session)
    }

    /// The task tokens of the execution still waiting for an answer, with the state that waits.
    private func waitingCallbacks(of executionArn: String, details: StateDetails, history: [HistoryEvent]) -> [[String: Any]] {
        guard workspace.hasDatabase, let tokens = try? workspace.stores().tokens.taskTokens(changedAfter: 0) else { return [] }
        let waiting = tokens.filter { $0.executionArn == executionArn && $0.status == "WAITING" }
        return waiting.enumerated().map { index, record -> [String: Any] in
            // The TaskScheduled event whose parameters hold the token names the state.
            let state = history.last { $0.type == .taskScheduled && ($0.details.map { JSONValue.object($0).compactString() } ?? "").contains(record.token) }
                .flatMap { details.stepOf[$0.id] }
            return ["token": record.token, "index": index, "callbackHasState": state != nil, "callbackState": state ?? ""]
        }
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
            // events(ofExecutionNamed:) reads the store without first writing the lines this
            // process still queues; listing the groups writes them.
            _ = try? workspace.logs.logGroups()
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
