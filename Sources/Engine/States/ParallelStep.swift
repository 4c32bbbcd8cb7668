import Foundation
import JSONValue
import StatesLanguage

extension Interpreter {
    /// Parallel: every branch runs at once on the same input; the result is the array of
    /// their outputs. "If any branch fails ... the entire Parallel state is considered to
    /// have failed and all its branches are stopped"; the error is the branch's.
    func runParallel(_ step: StepContext, _ parallel: ParallelState, _ stage: StageInput, path: inout Path) async throws -> JSONValue {
        let started = try record(.parallelStateStarted, &path)
        // Each branch has a scope of its own, which sees this path's variables (docs/variables.md).
        let jobs = parallel.branches.map {
            ($0, stage.effective, Path(lastEventId: started, mapItem: nil, variables: stage.variables.nested(), parallelBranch: true))
        }
        let outcome = await runConcurrently(jobs, limit: 0)
        if let failure = outcome.failure {
            if failure.stop != nil { throw CancellationError() }
            path.lastEventId = failure.path.lastEventId
            path.lastEventTime = failure.path.lastEventTime
            // Once no retrier or catcher takes the error (recorded on AWS; docs/history.md).
            throw ChildrenFailed(error: failure.error, event: .parallelStateFailed, recordedWhenCaught: false)
        }
        path.lastEventId = outcome.lastEventId ?? started
        try record(.parallelStateSucceeded, &path)
        // The Exited event points where Succeeded points (AWS's recorded histories).
        path.lastEventId = outcome.lastEventId ?? started
        return .array(outcome.outputs.map { $0 ?? .null })
    }

    /// Runs machines at once, at most `limit` at a time (0: no limit), each on its own path.
    /// The first failure stops the rest unless `tolerate` accepts it. A job that starts when
    /// another ends (a limited Map) follows it: its first event points at that job's last.
    ///
    /// The running paths are counted on the execution's timeline: this path stops running
    /// while its jobs do, and runs again, without a gap in time, when the last one ends.
    func runConcurrently(_ jobs: [(StateMachine, JSONValue, Path)], limit: Int,
                         tolerate: @escaping @Sendable (_ failures: Int) -> Bool = { _ in false },
                         onStart: (@Sendable (Int, inout Path) throws -> Void)? = nil,
                         onEnd: (@Sendable (Int, Bool, inout Path) throws -> Void)? = nil) async -> ConcurrentOutcome {
        var outcome = ConcurrentOutcome(outputs: [JSONValue?](repeating: nil, count: jobs.count))
        guard !jobs.isEmpty else { return outcome }
        let clock = execution.clock
        await withTaskGroup(of: JobResult.self) { group in
            var next = 0
            func launch(after previous: Int?) {
                let index = next
                next += 1
                var (machine, input, start) = jobs[index]
                if let previous { start.lastEventId = previous }
                group.addTask {
                    var path = start
                    do {
                        try onStart?(index, &path)
                        let output = try await run(machine, input: input, path: &path)
                        let lastState = path.lastEventId
                        try onEnd?(index, true, &path)
                        return JobResult(index: index, result: .success(output), lastStateEventId: lastState, path: path)
                    } catch let failure as PathFailure {
                        var path = failure.path
                        let lastState = path.lastEventId
                        if failure.stop == nil { try? onEnd?(index, false, &path) }
                        return JobResult(index: index, result: .failure(PathFailure(error: failure.error, path: path, stop: failure.stop)),
                                         lastStateEventId: lastState, path: path)
                    } catch {
                        let stop: ExecutionStatus? = error is StatesError ? nil : .aborted
                        let failure = PathFailure(error: error as? StatesError ?? StatesError(ErrorName.runtime), path: path, stop: stop)
                        return JobResult(index: index, result: .failure(failure), lastStateEventId: path.lastEventId, path: path)
                    }
                }
            }
            let width = limit > 0 ? min(limit, jobs.count) : jobs.count
            clock.enter(width)
            for _ in 0..<width { launch(after: nil) }
            var pending = width
            clock.leave()
            var failures = 0
            for await job in group {
                pending -= 1
                switch job.result {
                case .success(let output):
                    outcome.outputs[job.index] = output
                    outcome.lastEventId = max(outcome.lastEventId ?? 0, job.path.lastEventId)
                case .failure(let failure):
                    if failure.stop == nil { failures += 1 }
                    if outcome.failure == nil, failure.stop != nil || !tolerate(failures) {
                        var failed = failure
                        failed.path.lastEventId = job.lastStateEventId
                        outcome.failure = failed
                        group.cancelAll()
                    } else {
                        outcome.lastEventId = max(outcome.lastEventId ?? 0, job.path.lastEventId)
                    }
                }
                if outcome.failure == nil, next < jobs.count {
                    clock.enter()
                    launch(after: job.lastStateEventId)
                    pending += 1
                    clock.leave()
                } else if pending > 0 {
                    clock.leave()
                }
                // The last job's turn on the timeline passes to this path.
            }
        }
        outcome.failures = outcome.outputs.count - outcome.outputs.compactMap { $0 }.count
        return outcome
    }
}

private struct JobResult: Sendable {
    var index: Int
    var result: Result<JSONValue, PathFailure>
    /// The job's last event before its iteration's end event.
    var lastStateEventId: Int
    var path: Path
}

struct ConcurrentOutcome {
    var outputs: [JSONValue?]
    /// The last event of the jobs that ended well (their end events included).
    var lastEventId: Int?
    /// The failure that stopped the jobs, its path at the failing job's last state event.
    var failure: PathFailure?
    var failures = 0
}

extension PathFailure: @unchecked Sendable {}
