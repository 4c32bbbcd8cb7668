import Engine
import Foundation
import Identifiers
import JSONValue
import StatesLanguage

/// `arn:aws:states:::events:putEvents` (and `.waitForTaskToken`), "Add EventBridge events with
/// Step Functions" (docs/integrations.md): PutEvents on the workspace's bus, routed by its rules
/// as `host events put` and the server's PutEvents route them (`EventBridge.putEvents`).
///
/// - a `Detail` object is sent as its JSON text, a string as it is;
/// - "The execution ARN and the state machine ARN are automatically appended to the
///   `Resources` field of each `PutEventsRequestEntry`";
/// - "If the response from `PutEvents` contains a non-zero `FailedEntryCount` then the `Task`
///   state fails with the error `EventBridge.FailedEntry`" (its cause: the response);
/// - an error of the request as a whole is `EventBridge.<Code>`.
struct PutEventsIntegration: Sendable {
    let eventBridge: @Sendable () -> EventBridge?

    func call(_ call: ServiceCall) -> ServiceCallResult {
        guard let eventBridge = eventBridge() else {
            return .failure(StatesError(ErrorName.runtime, cause: "The workspace is closed."))
        }
        let entries: [PutEventsEntry]
        switch Self.entries(call.parameters, executionArn: call.executionArn) {
        case .success(let made): entries = made
        case .failure(let error): return .failure(error)
        }
        let answer: JSONValue
        do { answer = PutEventsResultEntry.answer(try eventBridge.putEvents(entries)) } catch {
            let code = error.code.rawValue.hasSuffix("Exception") ? error.code.rawValue : error.code.rawValue + "Exception"
            return .failure(StatesError("EventBridge.\(code)", cause: IntegrationService.sdkCause(
                error.message, service: "EventBridge", status: error.code.httpStatus, requestId: RandomIdentifier.lowercased())))
        }
        if let failed = answer["FailedEntryCount"]?.intValue, failed > 0 {
            return .failure(StatesError("EventBridge.FailedEntry", cause: answer.compactString()))
        }
        return .success(answer)
    }

    /// The request's `Entries`, each with the execution's and its machine's ARNs appended to its
    /// `Resources`. A request the API cannot take makes no call: `States.Runtime`.
    static func entries(_ parameters: JSONValue, executionArn: String?) -> Result<[PutEventsEntry], StatesError> {
        let invalid = { (message: String) in Result<[PutEventsEntry], StatesError>.failure(StatesError(ErrorName.runtime, cause: message)) }
        guard case .object(let request) = parameters else { return invalid("The PutEvents request must be an object.") }
        if let unknown = request.keys.first(where: { $0 != "Entries" }) {
            return invalid("The field '\(unknown)' is not supported by Step Functions.")
        }
        guard case .array(let items)? = request["Entries"] else { return invalid("The field 'Entries' is required and must be an array.") }
        var appended: [String] = []
        if let executionArn { appended = [executionArn, Self.machineArn(of: executionArn)] }
        var entries: [PutEventsEntry] = []
        for (index, item) in items.enumerated() {
            guard case .object(let fields) = item else { return invalid("Entries[\(index)] must be an object.") }
            let known = ["Detail", "DetailType", "Source", "EventBusName", "Resources", "Time", "TraceHeader"]
            if let unknown = fields.keys.first(where: { !known.contains($0) }) {
                return invalid("The field 'Entries[\(index)].\(unknown)' is not supported by Step Functions.")
            }
            for field in ["DetailType", "Source", "EventBusName", "TraceHeader"] {
                if let value = fields[field], value != .null, value.stringValue == nil {
                    return invalid("Entries[\(index)].\(field) must be a string.")
                }
            }
            let detail: String? = switch fields["Detail"] {
            case nil, .null?: nil
            case .string(let text)?: text
            case let value?: value.compactString()
            }
            var resources: [String] = []
            if let given = fields["Resources"], given != .null {
                guard case .array(let list) = given, list.allSatisfy({ $0.stringValue != nil }) else {
                    return invalid("Entries[\(index)].Resources must be an array of strings.")
                }
                resources = list.compactMap(\.stringValue)
            }
            let time: Double?
            switch fields["Time"] {
            case nil, .null?: time = nil
            case .string(let text)?:
                guard let date = Self.date(text) else { return invalid("Entries[\(index)].Time '\(text)' is not an ISO 8601 timestamp.") }
                time = date.timeIntervalSince1970
            case let value?:
                guard let seconds = value.doubleValue else { return invalid("Entries[\(index)].Time must be a timestamp.") }
                time = seconds
            }
            entries.append(PutEventsEntry(source: fields["Source"]?.stringValue, detailType: fields["DetailType"]?.stringValue,
                                          detail: detail, resources: resources + appended, time: time,
                                          eventBusName: fields["EventBusName"]?.stringValue,
                                          traceHeader: fields["TraceHeader"]?.stringValue))
        }
        return .success(entries)
    }

    /// `arn:aws:states:R:A:stateMachine:M` of `arn:aws:states:R:A:execution:M:NAME` (or of an
    /// Express execution's `express:M:NAME:ID`).
    static func machineArn(of executionArn: String) -> String {
        let parts = executionArn.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count >= 7 else { return executionArn }
        return parts[0..<5].joined(separator: ":") + ":stateMachine:" + parts[6]
    }

    private static func date(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: text)
    }
}
