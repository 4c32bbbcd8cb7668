import Diagrams
import Engine
import Foundation
import Hummingbird
import JSONValue
import StatesLanguage
import Workspace

extension Console {
    /// The statuses the machines table counts, in the Step Functions console's order.
    static let countedStatuses: [ExecutionStatus] = [.running, .succeeded, .failed, .timedOut, .aborted]

    /// Executions a machine page shows at once.
    static let pageSize = 25

    /// `/`: every state machine, its counts by status and its last executions.
    func home(session: ConsoleSessions.Session) -> Response {
        let stepFunctions = workspace.stepFunctions
        let described = (try? stepFunctions.stateMachines()) ?? []
        let files = stepFunctions.machineFiles()
        let types = Dictionary(described.map { ($0.name, $0.type) }, uniquingKeysWith: { first, _ in first })
        let names = Set(files.map(\.name)).union(described.map(\.name)).sorted()
        let runnable = Dictionary(files.map { ($0.name, $0.isRunnable) }, uniquingKeysWith: { first, _ in first })
        // One query counts every machine's executions; each machine then reads its five last.
        let counted = (try? stepFunctions.executionCounts()) ?? [:]
        let machines: [[String: Any]] = names.map { name in
            let executions = (try? stepFunctions.storedExecutions(machineName: name, maxItems: 5)) ?? []
            let counts = Self.countedStatuses.map { counted[name]?[$0] ?? 0 }
            return [
                "name": name, "segment": pathSegment(name), "type": types[name] ?? "STANDARD", "runnable": runnable[name] ?? true,
                "counts": counts.map(String.init),
                "recent": executions.prefix(5).map { ["name": $0.summary.name, "segment": pathSegment($0.summary.executionArn), "status": $0.summary.status] },
            ]
        }
        return page(.ok, "home", ["title": "State machines", "machines": machines, "hasMachines": !machines.isEmpty,
                                  "statusColumns": Self.countedStatuses.map(\.rawValue)], session: session)
    }

    /// `/machines/NAME`: the definition, its graph, its executions, and the start form.
    func machine(_ name: String, query: [String: String], session: ConsoleSessions.Session,
                 start: (name: String, input: String, nameError: String?, inputError: String?)? = nil) -> Response {
        guard let described = ((try? workspace.stepFunctions.stateMachines()) ?? []).first(where: { $0.name == name }) else {
            return missing("No state machine is named \(name).", session: session)
        }
        var values: [String: Any] = [
            "title": name, "name": name, "segment": pathSegment(name), "type": described.type, "arn": described.stateMachineArn,
            "startName": start?.name ?? "", "startInput": start?.input ?? "{}",
            "hasNameError": start?.nameError != nil, "nameError": start?.nameError ?? "", "inputError": start?.inputError ?? "",
            "lines": described.definition.split(separator: "\n", omittingEmptySubsequences: false).map(String.init),
        ]
        if case .success(let definition) = StateMachine.parse(described.definition) {
            values["graph"] = GraphView.values(of: Diagram(machine: definition, name: name))
        } else {
            values["graph"] = false
        }
        let status = query["status"].flatMap(ExecutionStatus.init(rawValue:))
        let pageNumber = max(0, query["page"].flatMap { Int($0) } ?? 0)
        let all = (try? workspace.stepFunctions.storedExecutions(machineName: name, status: status)) ?? []
        let shown = all.dropFirst(pageNumber * Self.pageSize).prefix(Self.pageSize)
        values["executions"] = shown.map { listed -> [String: Any] in
            ["name": listed.summary.name, "segment": pathSegment(listed.summary.executionArn), "status": listed.summary.status,
             "start": timeValue(listed.summary.startDate), "stop": timeValue(listed.summary.stopDate)]
        }
        values["hasExecutions"] = !shown.isEmpty
        values["filtered"] = status != nil
        values["filters"] = ([nil] + ExecutionStatus.allCases.map(Optional.some)).map { option -> [String: Any] in
            ["label": option?.rawValue ?? "All", "query": option.map { "?status=\($0.rawValue)" } ?? "", "current": option == status]
        }
        func pageQuery(_ number: Int) -> String {
            var parts: [String] = []
            if let status { parts.append("status=\(status.rawValue)") }
            if number > 0 { parts.append("page=\(number)") }
            return parts.isEmpty ? "" : "?" + parts.joined(separator: "&")
        }
        values["newer"] = pageNumber > 0 ? ["query": pageQuery(pageNumber - 1)] : false
        values["older"] = all.count > (pageNumber + 1) * Self.pageSize ? ["query": pageQuery(pageNumber + 1)] : false
        return page(start == nil ? .ok : .badRequest, "machine", values, session: session)
    }

    /// POST `/machines/NAME/executions`: StartExecution with the form's name and input; the
    /// machine page again with the error beside its field when either is refused.
    func startExecution(of name: String, form: [String: String], session: ConsoleSessions.Session) async -> Response {
        let executionName = (form["name"] ?? "").trimmingCharacters(in: .whitespaces)
        let input = form["input"] ?? "{}"
        // The input is checked here too: the browser's check is a convenience, not a guard.
        do throws(JSONSyntaxError) { _ = try JSONValue.parse(input) } catch {
            return machine(name, query: [:], session: session,
                           start: (executionName, input, nil, "Not valid JSON: \(error.message) at line \(error.line), column \(error.column)"))
        }
        guard let arn = ((try? workspace.stepFunctions.stateMachines()) ?? []).first(where: { $0.name == name })?.stateMachineArn else {
            return missing("No state machine is named \(name).", session: session)
        }
        do throws(ServiceError) {
            let (started, _) = try await workspace.stepFunctions.startExecution(stateMachineArn: arn, name: executionName.isEmpty ? nil : executionName, input: input)
            return Self.redirect(to: "/executions/\(pathSegment(started.executionArn))")
        } catch {
            let message = "\(error.code.rawValue): \(error.message)"
            let aboutName = error.message.contains("name") || error.code.rawValue == "ExecutionAlreadyExists"
            return machine(name, query: [:], session: session, start: (executionName, input, aboutName ? message : nil, aboutName ? nil : message))
        }
    }
}
