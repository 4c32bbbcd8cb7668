import Engine
import JSONValue

extension WorkflowTest.Expectations {
    /// The first expectation `result` does not meet, said so that a person sees what differs
    /// (expected and actual, and for outputs the JSON path); nil when it meets them all.
    /// `logLines` gives the lines of a function's log group.
    func firstFailure(of result: ExecutionResult, trace: ExecutionTrace, logLines: (String) -> [String]) -> String? {
        let ending = result.error.map { " (\($0)\(result.cause.map { ": \($0)" } ?? ""))" } ?? ""
        if let status, status != result.status.rawValue {
            return "status: expected \(status), got \(result.status.rawValue)\(ending)"
        }
        if let error, error != result.error {
            return "error: expected \(quoted(error)), got \(result.error.map(quoted) ?? "none")"
        }
        if let cause, cause != result.cause {
            return "cause: expected \(quoted(cause)), got \(result.cause.map(quoted) ?? "none")"
        }
        if let causeIncludes, !(result.cause ?? "").contains(causeIncludes) {
            return "cause: expected it to contain \(quoted(causeIncludes)), got \(result.cause.map(quoted) ?? "none")"
        }
        for (expected, subset) in [(output, false), (outputIncludes, true)] {
            guard let expected else { continue }
            guard let actual = result.output else {
                return "output: expected \(expected.compactString()), got none (\(result.status.rawValue)\(ending))"
            }
            if let difference = JSONDifference.first(expected: expected, actual: actual, subset: subset) {
                return "output \(difference)"
            }
        }
        if let path, path != trace.entered {
            let index = zip(path, trace.entered).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(path.count, trace.entered.count)
            let want = index < path.count ? quoted(path[index]) : "the end"
            let got = index < trace.entered.count ? quoted(trace.entered[index]) : "the end"
            return "path: at state \(index + 1), expected \(want), got \(got)"
        }
        if let missing = entered.first(where: { !trace.entered.contains($0) }) {
            return "entered: expected \(quoted(missing)) to be entered; it was not"
        }
        if let unwanted = notEntered.first(where: { trace.entered.contains($0) }) {
            return "notEntered: expected \(quoted(unwanted)) not to be entered; it was"
        }
        for (state, count) in attempts.sorted(by: { $0.key < $1.key }) where (trace.attempts[state] ?? 0) != count {
            return "attempts of \(quoted(state)): expected \(count), got \(trace.attempts[state] ?? 0)"
        }
        for (function, texts) in logs.sorted(by: { $0.key < $1.key }) {
            let lines = logLines(function)
            if let text = texts.first(where: { text in !lines.contains { $0.contains(text) } }) {
                return "logs of \(function): expected a line containing \(quoted(text)); \(lines.isEmpty ? "it wrote none" : "none of its \(lines.count) lines does")"
            }
        }
        return nil
    }

    private func quoted(_ text: String) -> String { JSONValue.string(text).compactString() }
}
