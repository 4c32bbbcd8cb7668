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
    /// the events after that id); Stop and the callback forms while it runs. The page's head is
    /// sent at once; the history is then walked once (`HistoryWalk`), whatever its length, and
    /// the rest of the page follows (docs/console.md, "Long histories").
    func execution(_ reference: String, after: Int = 0, session: ConsoleSessions.Session, actionError: String? = nil) -> Response {
        let stepFunctions = workspace.stepFunctions
        let described: ExecutionDescription
        let ran: StateMachineForExecution?
        let after = max(0, after)
        var definition: StateMachine?
        var waiting: [String] = []
        var tokenRevision: Int64 = 0
        do throws(ExecutionLookupError) {
            described = try stepFunctions.describeExecution(named: reference)
            ran = try stepFunctions.stateMachine(forExecutionNamed: described.executionArn)
            if let text = ran?.definition, case .success(let parsed) = StateMachine.parse(text) { definition = parsed }
            if described.status == .running { (waiting, tokenRevision) = waitingTokens(of: described.executionArn) }
        } catch {
            return missing(error.description, session: session)
        }
        let head = pageHead(title: described.name, session: session)
        let page = ExecutionPage(described: described, machine: definition, machineName: ran?.name, after: after,
                                 waiting: waiting, tokenRevision: tokenRevision, actionError: actionError, csrf: head.csrf)
        let templates = templates
        let body = ResponseBody { writer in
            try await writer.write(ByteBuffer(string: head.html))
            let rest: String
            do throws(ExecutionLookupError) {
                let walk = try HistoryWalk(executionArn: described.executionArn, stepFunctions: stepFunctions, machine: page.machine,
                                           page: page.pageRange, waitingTokens: page.waiting)
                rest = templates.render("execution", page.values(of: walk))
            } catch {
                rest = templates.render("executionUnreadable", ["title": described.name, "message": error.description])
            }
            try await writer.write(ByteBuffer(string: rest))
            try await writer.finish(nil)
        }
        return Self.response(.ok, contentType: "text/html; charset=utf-8", body: body)
    }

    /// The task tokens of the execution still waiting for an answer, and the tokens' revision
    /// they were read at.
    private func waitingTokens(of executionArn: String) -> (tokens: [String], revision: Int64) {
        guard workspace.hasDatabase, let tokens = try? workspace.stores().tokens.taskTokens(changedAfter: 0) else { return ([], 0) }
        return (tokens.filter { $0.executionArn == executionArn && $0.status == "WAITING" }.map(\.token),
                tokens.map(\.revision).max() ?? 0)
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
