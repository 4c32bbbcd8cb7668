import Engine
import Foundation
import JSONValue
import StatesLanguage
import Synchronization

/// Prints each state as it runs, from the history events as they are recorded: entered with
/// its input, left with its output or through a catcher, each failure, each retry with its
/// wait. Every line names its state, and lines from a Parallel state's branches or a Map
/// state's iterations say which one (`[Fan out: branch 1] `), since their events interleave.
/// Each line is written whole, at once.
final class ProgressPrinter: ExecutionObserver {
    let colour: Bool
    private let paths: Mutex<EventPaths>

    init(machine: StateMachine, colour: Bool) {
        self.colour = colour
        paths = Mutex(EventPaths(machine: machine))
    }

    func record(_ event: HistoryEvent) {
        // Placing and printing under one lock keeps lines whole and in the order placed.
        paths.withLock { paths in
            let (node, previous) = paths.place(event)
            guard let line = line(event, node, previous) else { return }
            print(line)
            // Written at once, also into a pipe, so that whoever reads the progress sees each
            // state as it happens.
            fflush(nil)
        }
    }

    private func line(_ event: HistoryEvent, _ node: EventPaths.Node, _ previous: EventPaths.Node?) -> String? {
        let details = event.details ?? [:]
        let scope = node.scope.prefix
        let state = node.state ?? "?"
        func output() -> String { Self.short(details["output"]?.stringValue ?? "") + Self.assigned(details) }
        switch event.type {
        case _ where event.type.isStateEntered:
            let type = event.type.rawValue.dropLast("StateEntered".count)
            return "\(paint("▶", .cyan)) \(scope)\(state) (\(type))  input \(Self.short(details["input"]?.stringValue ?? ""))"
        case _ where event.type.isStateExited:
            if let previous, previous.type.isFailure {
                return "  \(paint("⤷", .yellow)) \(scope)\(state): caught \(previous.error ?? "an error")  output \(output())"
            }
            if event.type == .parallelStateExited, let previous, previous.type != .parallelStateSucceeded, previous.type != .parallelStateStarted {
                // Caught after a branch ended in a Fail state: no ParallelStateFailed (docs/history.md).
                return "  \(paint("⤷", .yellow)) \(scope)\(state): caught \(node.error ?? "an error")  output \(output())"
            }
            return "  \(paint("✓", .green)) \(scope)\(state)  output \(output())"
        case _ where event.type.startsAttempt:
            guard let previous, previous.type.isFailure else { return nil }
            let wait = event.timestamp.timeIntervalSince(previous.timestamp)
            return "  \(paint("↻", .yellow)) \(scope)\(state): retry after \(String(format: "%.1f", wait)) s"
        case .lambdaFunctionFailed, .taskFailed, .lambdaFunctionTimedOut, .taskTimedOut,
             .lambdaFunctionScheduleFailed, .lambdaFunctionStartFailed:
            // A function's cause is its error payload: its message says it best.
            var cause = details["cause"]?.stringValue
            if let text = cause, let message = (try? JSONValue.parse(text))?["errorMessage"]?.stringValue { cause = message }
            return "  \(paint("✗", .red)) \(scope)\(state): \(node.error ?? "")\(cause.map { ": \(Self.short($0))" } ?? "")"
        case .taskStateAborted:
            // The Parallel stops its branches once this Task failed one (docs/history.md).
            guard let branch = node.scope.enclosing(.branch) else { return nil }
            return "  \(paint("✗", .red)) \(branch.parent?.prefix ?? "")\(branch.container ?? "?"): a branch failed"
                + (node.error.map { ": \($0)" } ?? "")
        case .mapRunStarted:
            // A Distributed Map's items run as child executions (docs/distributed-map.md).
            return "  · \(scope)\(state): Map Run \(details["mapRunArn"]?.stringValue ?? "")"
        case .mapRunFailed:
            return "  \(paint("✗", .red)) \(scope)\(state): the Map Run failed\(node.error.map { ": \($0)" } ?? "")"
        case .mapStateFailed where previous?.type == .mapRunFailed:
            return nil
        case .parallelStateFailed, .mapStateFailed:
            let what = event.type == .parallelStateFailed ? "a branch failed" : "an iteration failed"
            return "  \(paint("✗", .red)) \(scope)\(state): \(what)\(node.error.map { ": \($0)" } ?? "")"
        case .mapIterationStarted:
            return "  · \(node.scope.parent?.prefix ?? "")\(state): iteration \(details["index"]?.intValue ?? 0)"
        case .mapIterationFailed:
            return "  \(paint("✗", .red)) \(node.scope.parent?.prefix ?? "")\(state): iteration \(details["index"]?.intValue ?? 0) failed"
                + (node.error.map { ": \($0)" } ?? "")
        default:
            return nil
        }
    }

    /// The variables a state assigned, from its Exited event's `assignedVariables` (each value
    /// as compact JSON text, in the order `Assign` writes them; docs/variables.md), or nothing
    /// when it assigned none.
    static func assigned(_ details: JSONObject) -> String {
        guard let variables = details["assignedVariables"]?.objectValue, !variables.isEmpty else { return "" }
        let list = variables.map { name, value in "$\(name) = \(short(value.stringValue ?? "", limit: 60))" }
        return "  assigned " + list.joined(separator: ", ")
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

extension Terminal.Colour {
    init(status: ExecutionStatus) {
        switch status {
        case .succeeded: self = .green
        case .failed, .timedOut: self = .red
        case .aborted, .running, .pendingRedrive: self = .yellow
        }
    }
}
