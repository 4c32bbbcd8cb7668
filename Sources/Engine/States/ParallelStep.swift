import Foundation
import JSONValue
import StatesLanguage

extension Interpreter {
    /// Parallel: every branch runs at once on the same input; the result is the array of
    /// their outputs. "If any branch fails ... the entire Parallel state is considered to
    /// have failed and all its branches are stopped"; the error is the branch's.
    func runParallel(_ step: StepContext, _ parallel: ParallelState, path: inout Path) async throws -> Step {
        try await withRetry(step, path: &path) { retryCount, path in
            let context = contextObject(step, path: path, retryCount: retryCount)
            let input = try effectiveInput(step, path: path, context: context)
            let started = try record(.parallelStateStarted, &path)
            let branches = parallel.branches.map { branch in
                (branch, Path(time: PathTime(branchingFrom: path.time), lastEventId: started, deadline: path.deadline, mapItem: nil))
            }
            let outcome = await runConcurrently(branches.map { branch, start in (branch, input, start) }, limit: 0)
            path.time.join(outcome.paths.map(\.time))
            path.lastEventId = outcome.paths.map(\.lastEventId).max() ?? path.lastEventId
            if let failure = outcome.failure {
                if failure.stop != nil { throw CancellationError() }
                try record(.parallelStateFailed, &path)
                throw failure.error
            }
            try record(.parallelStateSucceeded, &path)
            return try leave(step, output: output(step, result: .array(outcome.outputs.map { $0 ?? .null }), context: context), path: &path)
        }
    }

    /// Runs machines at once (at most `limit` at a time; 0 for no limit). The first failure
    /// stops the rest unless `tolerate` accepts it.
    func runConcurrently(_ jobs: [(StateMachine, JSONValue, Path)], limit: Int,
                         tolerate: @escaping @Sendable (_ failures: Int) -> Bool = { _ in false },
                         onStart: (@Sendable (Int, inout Path) throws -> Void)? = nil,
                         onEnd: (@Sendable (Int, Bool, inout Path) throws -> Void)? = nil) async -> ConcurrentOutcome {
        var outputs = [JSONValue?](repeating: nil, count: jobs.count)
        var paths = jobs.map(\.2)
        var failure: PathFailure?
        var failures = 0
        await withTaskGroup(of: (Int, Result<JSONValue, PathFailure>, Path).self) { group in
            var next = 0
            func launch() {
                let index = next
                next += 1
                let (machine, input, start) = jobs[index]
                group.addTask {
                    var path = start
                    do {
                        try onStart?(index, &path)
                        let output = try await run(machine, input: input, path: &path)
                        try onEnd?(index, true, &path)
                        return (index, .success(output), path)
                    } catch let error as PathFailure {
                        var path = error.path
                        if error.stop == nil { try? onEnd?(index, false, &path) }
                        return (index, .failure(PathFailure(error: error.error, path: path, stop: error.stop)), path)
                    } catch let error as StatesError {
                        return (index, .failure(PathFailure(error: error, path: path, stop: nil)), path)
                    } catch {
                        return (index, .failure(PathFailure(error: StatesError(ErrorName.runtime), path: path, stop: .aborted)), path)
                    }
                }
            }
            let width = limit > 0 ? min(limit, jobs.count) : jobs.count
            for _ in 0..<width { launch() }
            for await (index, result, path) in group {
                paths[index] = path
                switch result {
                case .success(let output):
                    outputs[index] = output
                case .failure(let error):
                    if error.stop == nil { failures += 1 }
                    if failure == nil, error.stop != nil || !tolerate(failures) {
                        failure = error
                        group.cancelAll()
                    }
                }
                if failure == nil, next < jobs.count { launch() }
            }
        }
        return ConcurrentOutcome(outputs: outputs, paths: paths, failure: failure, failures: failures)
    }
}

struct ConcurrentOutcome {
    var outputs: [JSONValue?]
    var paths: [Path]
    var failure: PathFailure?
    var failures: Int
}
