import Engine
import Foundation
import JSONValue
import Synchronization

/// `--output json` of `host run` and `host executions describe`: DescribeExecution's shape,
/// with input and output as JSON values.
enum ExecutionJSON {
    static func describe(_ result: ExecutionResult, identity: ExecutionIdentity, input: JSONValue, history: Bool) -> JSONValue {
        var object: JSONObject = [
            "executionArn": .string(identity.executionArn),
            "stateMachineArn": .string(identity.stateMachineArn),
            "name": .string(identity.executionName),
            "status": .string(result.status.rawValue),
            "startDate": epochSeconds(result.startDate),
            "stopDate": epochSeconds(result.stopDate),
            "input": input,
            "output": result.output ?? .null,
            "error": result.error.map { .string($0) } ?? .null,
            "cause": result.cause.map { .string($0) } ?? .null,
        ]
        if history { object["history"] = ["events": .array(result.history.map(\.json))] }
        return .object(object)
    }

    /// Epoch seconds with milliseconds, as history timestamps are written.
    static func epochSeconds(_ date: Date) -> JSONValue {
        .double((date.timeIntervalSince1970 * 1000).rounded() / 1000)
    }
}

/// Prints each state as it runs: entered with its input, exited with its output, each retry
/// with its wait, each catch, from the history events as they are recorded.
final class ProgressPrinter: ExecutionObserver {
    let colour: Bool
    private let last = Mutex<HistoryEvent?>(nil)

    init(colour: Bool) { self.colour = colour }

    func record(_ event: HistoryEvent) {
        let previous = last.withLock { last in
            defer { last = event }
            return last
        }
        let details = event.details ?? [:]
        let name = details["name"]?.stringValue ?? ""
        var line: String?
        switch event.type {
        case _ where event.type.rawValue.hasSuffix("StateEntered"):
            let type = event.type.rawValue.dropLast("StateEntered".count)
            line = "\(paint("▶", .cyan)) \(name) (\(type))  input \(Self.short(details["input"]?.stringValue ?? ""))"
        case _ where event.type.rawValue.hasSuffix("StateExited"):
            if let previous, previous.type.isFailure, let error = previous.details?["error"]?.stringValue {
                line = "  \(paint("⤷", .yellow)) caught \(error)  output \(Self.short(details["output"]?.stringValue ?? ""))"
            } else {
                line = "  \(paint("✓", .green)) \(name)  output \(Self.short(details["output"]?.stringValue ?? ""))"
            }
        case .lambdaFunctionScheduled, .taskScheduled:
            if let previous, previous.type.isFailure {
                let wait = event.timestamp.timeIntervalSince(previous.timestamp)
                line = "  \(paint("↻", .yellow)) retry after \(String(format: "%.1f", wait)) s"
            }
        case .lambdaFunctionFailed, .taskFailed, .lambdaFunctionTimedOut, .taskTimedOut:
            let error = details["error"]?.stringValue ?? ""
            // A function's cause is its error payload: its message says it best.
            var cause = details["cause"]?.stringValue
            if let text = cause, let message = (try? JSONValue.parse(text))?["errorMessage"]?.stringValue { cause = message }
            line = "  \(paint("✗", .red)) \(error)\(cause.map { ": \(Self.short($0))" } ?? "")"
        case .mapIterationStarted:
            line = "  · iteration \(details["index"]?.intValue ?? 0)"
        default:
            break
        }
        if let line { print(line) }
    }

    /// Long values are cut for the progress lines; `--output json` has them whole.
    static func short(_ text: String, limit: Int = 160) -> String {
        text.count <= limit ? text : String(text.prefix(limit)) + "…"
    }

    static func summary(_ result: ExecutionResult, colour: Bool) -> String {
        let seconds = result.stopDate.timeIntervalSince(result.startDate)
        let status = result.status.rawValue
        let painted = colour ? Terminal.Colour(status: result.status).apply(to: status, if: true) : status
        var text = "\(painted) in \(String(format: "%.3f", seconds)) s"
        if let output = result.output { text += "\noutput: \(output.compactString())" }
        if let error = result.error { text += "\nerror: \(error)" }
        if let cause = result.cause { text += "\ncause: \(cause)" }
        return text
    }

    private func paint(_ text: String, _ c: Terminal.Colour) -> String { c.apply(to: text, if: colour) }
}

extension EventType {
    var isFailure: Bool {
        [.lambdaFunctionFailed, .lambdaFunctionTimedOut, .taskFailed, .taskTimedOut, .parallelStateFailed, .mapStateFailed].contains(self)
    }
}

extension Terminal.Colour {
    init(status: ExecutionStatus) {
        switch status {
        case .succeeded: self = .green
        case .failed, .timedOut: self = .red
        case .aborted, .running, .pendingRedrive: self = .yellow
        }
    }
}
