import Foundation
import JSONValue
import StatesLanguage
import Synchronization

extension Interpreter {
    /// Map (distributed): a Map Run runs each item (or, with an ItemBatcher, each batch) as a
    /// child execution of the item processor, with a history of its own, at most
    /// MaxConcurrency at a time; the parent records `MapRunStarted` and
    /// `MapRunSucceeded`/`MapRunFailed` instead of iterations. The items come from the input
    /// or from an ItemReader; the result is the array of the children's outputs, in item
    /// order, or what the ResultWriter makes of them (docs/distributed-map.md).
    func runDistributedMap(_ step: StepContext, _ map: MapState, _ stage: StageInput, path: inout Path) async throws -> JSONValue {
        // Items of the input are prepared before MapStateStarted; an ItemReader's are read in
        // the Map Run, after MapRunStarted (docs/distributed-map.md, "Reading items").
        var prepared = try prepareItems(step, map, stage, read: map.itemReader == nil ? nil : [])
        try record(.mapStateStarted, &path, ["length": .int(Int64(prepared.items.count))])
        // Recorded on AWS: a bad tolerated-failure setting fails after MapStateStarted and
        // before MapRunStarted.
        var tolerance = MapRunTolerance(
            count: try count(map.toleratedFailureCount, "ToleratedFailureCount", step: step, stage),
            percentage: try percentage(map.toleratedFailurePercentage, step: step, stage),
            total: prepared.items.count)
        let fresh = MapRun(parent: execution.identity, label: map.label)
        // A resumed execution takes its recorded MapRunStarted, and the Map Run with it: its
        // children, named after it, are found again (docs/distributed-map.md).
        let started = try recordEvent(.mapRunStarted, &path, ["mapRunArn": .string(fresh.arn)])
        let run = started.details?["mapRunArn"]?.stringValue.flatMap { MapRun(arn: $0, roleArn: fresh.roleArn) } ?? fresh
        let resuming = run.arn != fresh.arn
        let mapRuns = execution.mapRuns
        let progress = SharedProgress(MapRunProgress(
            mapRunArn: run.arn, executionArn: execution.identity.executionArn, stateMachineArn: run.stateMachineArn,
            startDate: started.timestamp, maxConcurrency: prepared.limit, toleratedFailureCount: tolerance.count ?? 0,
            toleratedFailurePercentage: tolerance.percentage ?? 0, itemCounts: MapRunCounts(total: 0),
            executionCounts: MapRunCounts(total: 0)))
        // The Map Run's end is kept before its event is recorded.
        func end(_ status: MapRunProgress.Status) async {
            let now = execution.clock.now
            let ended = progress.update { progress in
                progress.status = status
                progress.stopDate = now
            }
            await mapRuns?.mapRunEnded(ended)
        }
        func fail(_ error: StatesError) async throws -> Never {
            await end(.failed)
            try record(.mapRunFailed, &path, error.details)
            throw ChildrenFailed(error: error, event: .mapStateFailed)
        }
        let inputs: [ChildInput]
        do {
            if let reader = map.itemReader {
                prepared = try prepareItems(step, map, stage, read: try readItems(step, reader, stage))
            }
            inputs = try batches(step, map, stage, items: prepared.items.map(\.input))
        } catch let error as StatesError {
            mapRuns?.mapRunChanged(progress.update { _ in })
            try await fail(error)
        } catch {
            // A JSONata expression that fails ends the state as its other fields do
            // (MapStateFailed); the Map Run is kept as failed.
            mapRuns?.mapRunChanged(progress.update { _ in })
            await end(.failed)
            throw error
        }
        tolerance.total = inputs.count
        let express = map.itemProcessor.processorConfig?.executionType == "EXPRESS"
        var processor = map.itemProcessor
        // "Express Workflows can run for up to five minutes" (Developer Guide, "Choosing
        // workflow type"), EXPRESS children too.
        if express { processor.timeoutSeconds = min(processor.timeoutSeconds ?? 300, 300) }
        let identities = inputs.indices.map { run.childIdentity(index: $0, express: express) }
        let children = inputs.enumerated().map { index, child -> ChildJob in
            let identity = identities[index]
            var observer: (any ExecutionObserver)?
            var history: [HistoryEvent] = []
            switch resuming ? mapRuns?.recorded(identity) : nil {
            case .ended(let status, let output, let error, let cause)?:
                return .ended(ExecutionResult(status: status, output: output, error: error, cause: cause,
                                              startDate: execution.clock.now, stopDate: execution.clock.now, history: []))
            case .running(let recorded, let continuing)?:
                (history, observer) = (recorded, continuing)
            case nil:
                observer = mapRuns?.child(identity, input: child.input, mapRunArn: run.arn, state: step.state.name)
            }
            return .run(Execution(machine: processor, identity: identity, input: child.input, clock: execution.clock,
                                  invoker: execution.invoker, callbacks: execution.callbacks, observer: observer,
                                  resuming: history, mapRuns: mapRuns, integrations: execution.integrations,
                                  random: execution.random))
        }
        let itemTotal = inputs.reduce(0) { $0 + $1.items }
        mapRuns?.mapRunChanged(progress.update { progress in
            progress.itemCounts = MapRunCounts(total: itemTotal)
            progress.executionCounts = MapRunCounts(total: children.count)
        })
        let results = await runChildren(children, items: inputs.map(\.items), limit: prepared.limit, tolerance: tolerance,
                                        progress: progress)
        if execution.stop.withLock({ $0.status }) != nil || Task.isCancelled {
            await end(.aborted)
            _ = try? record(.mapRunAborted, &path)
            throw CancellationError()
        }
        // The results are written whether the Map Run succeeds or fails ("PENDING_n.json –
        // ... child workflow executions that weren't started because the Map Run failed").
        var written: JSONValue?
        if let writer = map.resultWriter {
            let records = inputs.indices.map { ChildRecord(identity: identities[$0], input: inputs[$0].input, result: results[$0]) }
            do {
                let (output, count) = try writeResults(step, writer, stage, run: run, children: records)
                written = output
                if count > 0 {
                    _ = progress.update { progress in
                        progress.itemCounts.resultsWritten = itemTotal
                        progress.executionCounts.resultsWritten = count
                    }
                }
            } catch let error as StatesError {
                try await fail(error)
            }
        }
        if tolerance.isExceeded(by: results) {
            try await fail(StatesError(ErrorName.exceedToleratedFailureThreshold, cause: MapRunTolerance.exceededCause))
        }
        await end(.succeeded)
        try record(.mapRunSucceeded, &path)
        try record(.mapStateSucceeded, &path)
        if let written { return written }
        // A failed child that was tolerated has no output; its place holds null.
        return .array(results.map { $0?.status == .succeeded ? $0?.output ?? .null : .null })
    }

    /// Runs the children at most `limit` at a time (0: no limit). Once more of them fail than
    /// `tolerance` allows, no more start and the running ones are aborted.
    ///
    /// On the execution's timeline the children run in this path's place, as a Map's
    /// iterations do (`runConcurrently`): each child that ends hands its turn to the next, and
    /// the last one back to this path.
    ///
    /// `progress` counts the children as they start and end; each end is reported before the
    /// child's own end is kept (`MapRunObserver.mapRunChanged`).
    private func runChildren(_ children: [ChildJob], items: [Int], limit: Int, tolerance: MapRunTolerance,
                             progress: SharedProgress) async -> [ExecutionResult?] {
        var results = [ExecutionResult?](repeating: nil, count: children.count)
        guard !children.isEmpty else { return results }
        let clock = execution.clock
        let mapRuns = execution.mapRuns
        await withTaskGroup(of: (Int, ExecutionResult).self) { group in
            var next = 0
            func launch() {
                let (index, child) = (next, children[next])
                next += 1
                _ = progress.update { $0.childStarted(items: items[index]) }
                group.addTask {
                    // A resumed Map Run's child that had ended is not run again.
                    guard case .run(let child) = child else {
                        if case .ended(let result) = child {
                            _ = progress.update { $0.childEnded(result.status, items: items[index]) }
                            return (index, result)
                        }
                        preconditionFailure("a child job runs or has ended")
                    }
                    let result = await withTaskCancellationHandler {
                        await child.run(onParentTimeline: true)
                    } onCancel: {
                        child.abort()
                    }
                    let now = progress.update { $0.childEnded(result.status, items: items[index]) }
                    mapRuns?.mapRunChanged(now)
                    await mapRuns?.childEnded(child.identity, result)
                    return (index, result)
                }
            }
            let width = limit > 0 ? min(limit, children.count) : children.count
            clock.enter(width)
            for _ in 0..<width { launch() }
            var pending = width
            clock.leave()
            var failures = 0
            var stopped = false
            for await (index, result) in group {
                pending -= 1
                results[index] = result
                if result.status != .succeeded { failures += 1 }
                if !stopped, !tolerance.tolerates(failures) {
                    stopped = true
                    group.cancelAll()
                }
                if !stopped, !Task.isCancelled, next < children.count {
                    launch()
                    pending += 1
                } else if pending > 0 {
                    clock.leave()
                }
            }
        }
        return results
    }
}

/// A child of a Map Run: an execution to run, or, in a resumed Map Run, one that had ended.
private enum ChildJob: Sendable {
    case run(Execution)
    case ended(ExecutionResult)
}

/// A Map Run's progress, which the tasks of its children update as they start and end.
private final class SharedProgress: Sendable {
    private let value: Mutex<MapRunProgress>

    init(_ progress: MapRunProgress) { value = Mutex(progress) }

    /// Changes the progress; how it then stands.
    func update(_ change: (inout MapRunProgress) -> Void) -> MapRunProgress {
        value.withLock { progress in
            change(&progress)
            return progress
        }
    }
}
