import Foundation
import Functions
import Hummingbird
import JSONValue
import Workspace

extension Console {
    /// The invocations a function's page lists.
    static let invocationLimit = 25
    /// What the test-event box holds first: the Lambda console's default event ("hello-world").
    static let defaultTestEvent = #"{"key1": "value1", "key2": "value2", "key3": "value3"}"#

    /// `/functions`: every function of `functions/`, with its settings or why they cannot be read.
    func functions(session: ConsoleSessions.Session) -> Response {
        let lambda = workspace.lambda
        let rows = workspace.functionCatalog.names().map { name -> [String: Any] in
            var row: [String: Any] = ["name": name, "segment": pathSegment(name), "runtime": "", "memorySize": "", "timeout": "", "hasProblem": false]
            do throws(ServiceError) {
                let configuration = try lambda.getFunction(name)["Configuration"] ?? [:]
                row["runtime"] = Self.text(configuration["Runtime"])
                row["memorySize"] = Self.text(configuration["MemorySize"])
                row["timeout"] = Self.text(configuration["Timeout"])
                row["lastModified"] = Self.text(configuration["LastModified"])
            } catch {
                row["hasProblem"] = true
                row["problem"] = error.description
            }
            return row
        }
        return page(.ok, "functions", ["title": "Functions", "functions": rows, "hasFunctions": !rows.isEmpty], session: session)
    }

    /// `/functions/NAME`: the script with line numbers, its settings as GetFunctionConfiguration
    /// names them, its recent invocations (its log group's REPORT lines), and the test-event form.
    func function(_ name: String, session: ConsoleSessions.Session,
                  test: (event: String, eventError: String?, result: [String: Any]?)? = nil) -> Response {
        let source: String
        var problem: String?
        do throws(FunctionLoadError) {
            source = try workspace.functionCatalog.load(name).source
        } catch {
            guard case .configuration(let problems) = error,
                  let script = try? String(contentsOf: workspace.functionsDirectory.appendingPathComponent("\(name).lua"), encoding: .utf8) else {
                return missing(Self.notFound(error), session: session)
            }
            // A sidecar that cannot be used: the script is still shown, with where the sidecar is wrong.
            source = script
            problem = problems.description
        }
        let group = "/aws/lambda/\(name)"
        var values: [String: Any] = [
            "title": name, "name": name, "segment": pathSegment(name), "logGroup": group, "logGroupSegment": pathSegment(group),
            // A script's last line ends with a line break: no empty line is numbered after it.
            "lines": (source.hasSuffix("\n") ? source.dropLast() : Substring(source)).split(separator: "\n", omittingEmptySubsequences: false).map(String.init),
            "hasProblem": problem != nil, "problem": problem ?? "",
            "testEvent": test?.event ?? Self.defaultTestEvent, "hasEventError": test?.eventError != nil, "eventError": test?.eventError ?? "",
            "result": test?.result ?? false,
        ]
        values.merge(settings(of: name, problem: problem)) { _, new in new }
        values.merge(invocations(of: group)) { _, new in new }
        return page(test?.eventError == nil ? .ok : .badRequest, "function", values, session: session)
    }

    /// POST `/functions/NAME/invoke`: Invoke with the form's event, as `aws lambda invoke
    /// --log-type Tail` does; the page again with the result. An event that is not JSON is
    /// refused under the form and nothing is invoked.
    func invokeFunction(_ name: String, form: [String: String], session: ConsoleSessions.Session) async -> Response {
        let event = form["event"] ?? ""
        // Checked here too: the browser's check is a convenience, not a guard.
        do throws(JSONSyntaxError) { _ = try JSONValue.parse(event) } catch {
            return function(name, session: session, test: (event, "Not valid JSON: \(error.message) at line \(error.line), column \(error.column)", nil))
        }
        let result: [String: Any]
        do throws(ServiceError) {
            let output = try await workspace.lambda.invoke(functionName: name, payload: Array(event.utf8), tail: true)
            let log = output.logResult.flatMap { Data(base64Encoded: $0) }.map { String(decoding: $0, as: UTF8.self) } ?? ""
            let report = log.split(separator: "\n").lazy.compactMap { InvocationReport(line: String($0)) }.last
            result = [
                "succeeded": output.functionError == nil, "requestId": output.requestId ?? "",
                "payload": StateDetails.pretty(output.payload) ?? "", "hasFunctionError": output.functionError != nil,
                "functionError": output.functionError ?? "", "log": log,
                "report": report.map { $0.values(failed: output.functionError != nil) } ?? false,
                "hasRefusal": false,
            ]
        } catch {
            guard error.code != .lambdaResourceNotFound else { return missing(error.message, session: session) }
            result = ["succeeded": false, "hasRefusal": true, "refusal": error.description, "report": false]
        }
        return function(name, session: session, test: (event, nil, result))
    }

    /// The members of GetFunctionConfiguration the page shows, in its order, then its
    /// environment, its reserved concurrency (GetFunctionConcurrency) and its role's policy.
    static let settingNames = ["FunctionName", "FunctionArn", "Runtime", "Role", "Handler", "CodeSize", "Timeout", "MemorySize",
                               "LastModified", "Version", "State", "PackageType", "Architectures"]

    private func settings(of name: String, problem: String?) -> [String: Any] {
        guard problem == nil, let configuration = try? workspace.lambda.getFunction(name)["Configuration"],
              let definition = try? workspace.functionCatalog.load(name) else {
            return ["settings": [[String: Any]](), "variables": [[String: Any]](), "hasVariables": false, "hasPolicy": false, "policy": ""]
        }
        let settings = Self.settingNames.compactMap { key -> [String: Any]? in
            configuration[key].map { ["key": key, "value": Self.text($0)] }
        }
        let variables = (configuration["Environment"]?["Variables"]?.objectValue ?? [:]).map { ["variable": $0.key, "value": Self.text($0.value)] }
        let policy = Self.sidecarPolicy(in: workspace.functionsDirectory.appendingPathComponent("\(name).json"))
        return [
            "settings": settings, "variables": variables, "hasVariables": !variables.isEmpty,
            "reservedConcurrency": definition.configuration.reservedConcurrency.map(String.init) ?? "Unreserved",
            "hasPolicy": policy != nil, "policy": policy ?? "",
        ]
    }

    /// The sidecar's `policy` as written, pretty-printed (the function's role's permissions).
    static func sidecarPolicy(in sidecar: URL) -> String? {
        guard let text = try? String(contentsOf: sidecar, encoding: .utf8), let policy = try? JSONValue.parse(text)["policy"] else { return nil }
        return policy.prettyString()
    }

    /// The function's recent invocations, from the REPORT lines of its log group.
    private func invocations(of group: String) -> [String: Any] {
        // A group exists once the function has written to it; before, there is nothing to list.
        _ = try? workspace.logs.logGroups()
        let events = (try? workspace.logs.events(group: group)) ?? []
        let recent = InvocationReport.recent(in: events, limit: Self.invocationLimit)
        return ["invocations": recent.map { $0.report.values(failed: $0.failed) }, "hasInvocations": !recent.isEmpty]
    }

    /// A JSON value as a cell shows it: strings without quotes.
    static func text(_ value: JSONValue?) -> String {
        guard let value else { return "" }
        return value.stringValue ?? value.compactString()
    }

    /// What a missing function's page says.
    static func notFound(_ error: FunctionLoadError) -> String {
        switch error {
        case .notFound(let name): "No function is named \(name): functions/\(name).lua does not exist."
        default: error.description
        }
    }
}
