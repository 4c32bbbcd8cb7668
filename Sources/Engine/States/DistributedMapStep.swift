import Foundation
import JSONValue
import StatesLanguage

extension Interpreter {
    /// Map (distributed): a Map Run runs each item as a child execution of the item processor,
    /// with a history of its own, at most MaxConcurrency at a time; the parent records
    /// `MapRunStarted` and `MapRunSucceeded`/`MapRunFailed` instead of iterations. The
    /// result is the array of the children's outputs, in item order (docs/distributed-map.md).
    func runDistributedMap(_ step: StepContext, _ map: MapState, _ stage: StageInput, path: inout Path) async throws -> JSONValue {
        let prepared = try prepareItems(step, map, stage)
        try record(.mapStateStarted, &path, ["length": .int(Int64(prepared.items.count))])
        // Recorded on AWS: a bad tolerated-failure setting fails after MapStateStarted and
        // before MapRunStarted.
        let tolerance = MapRunTolerance(
            count: try count(map.toleratedFailureCount, "ToleratedFailureCount", step: step, stage),
            percentage: try percentage(map.toleratedFailurePercentage, step: step, stage),
            total: prepared.items.count)
        let run = MapRun(parent: execution.identity, label: map.label)
        // A resumed execution takes its recorded MapRunStarted, and the Map Run ARN with it.
        let started = try recordEvent(.mapRunStarted, &path, ["mapRunArn": .string(run.arn)])
        let mapRunArn = started.details?["mapRunArn"]?.stringValue ?? run.arn
        let express = map.itemProcessor.processorConfig?.executionType == "EXPRESS"
        var processor = map.itemProcessor
        // "Express Workflows can run for up to five minutes" (Developer Guide, "Choosing
        // workflow type"), EXPRESS children too.
        if express { processor.timeoutSeconds = min(processor.timeoutSeconds ?? 300, 300) }
        let children = prepared.items.map { item in
            let identity = run.childIdentity(express: express)
            return Execution(machine: processor, identity: identity, input: item.input,
                             clock: execution.clock, invoker: execution.invoker, callbacks: execution.callbacks,
                             observer: execution.mapRuns?.child(identity, input: item.input, mapRunArn: mapRunArn, state: step.state.name),
                             mapRuns: execution.mapRuns, random: execution.random)
        }
        let results = await runChildren(children, limit: prepared.limit, tolerance: tolerance)
        if execution.stop.withLock({ $0.status }) != nil || Task.isCancelled {
            try? record(.mapRunAborted, &path)
            throw CancellationError()
        }
        if tolerance.isExceeded(by: results) {
            let error = StatesError(ErrorName.exceedToleratedFailureThreshold, cause: MapRunTolerance.exceededCause)
            try record(.mapRunFailed, &path, error.details)
            throw ChildrenFailed(error: error, event: .mapStateFailed)
        }
        try record(.mapRunSucceeded, &path)
        try record(.mapStateSucceeded, &path)
        // A failed child that was tolerated has no output; its place holds null.
        return .array(results.map { $0?.status == .succeeded ? $0?.output ?? .null : .null })
    }

    /// Runs the children at most `limit` at a time (0: no limit). Once more of them fail than
    /// `tolerance` allows, no more start and the running ones are aborted.
    ///
    /// On the execution's timeline the children run in this path's place, as a Map's
    /// iterations do (`runConcurrently`): each child that ends hands its turn to the next, and
    /// the last one back to this path.
    private func runChildren(_ children: [Execution], limit: Int, tolerance: MapRunTolerance) async -> [ExecutionResult?] {
        var results = [ExecutionResult?](repeating: nil, count: children.count)
        guard !children.isEmpty else { return results }
        let clock = execution.clock
        let mapRuns = execution.mapRuns
        await withTaskGroup(of: (Int, ExecutionResult).self) { group in
            var next = 0
            func launch() {
                let (index, child) = (next, children[next])
                next += 1
                group.addTask {
                    let result = await withTaskCancellationHandler {
                        await child.run(onParentTimeline: true)
                    } onCancel: {
                        child.abort()
                    }
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

/// A Map Run's tolerated failures: "If you specify both values, the workflow fails when it
/// exceeds either value"; with neither, any failed child fails the Map Run, as the default
/// percentage is 0 (Step Functions' "Tolerated failure threshold for Distributed Map state").
struct MapRunTolerance: Sendable {
    var count: Int?
    var percentage: Double?
    var total: Int

    /// AWS's cause of `States.ExceedToleratedFailureThreshold` (docs/errors.md).
    static let exceededCause = "The specified tolerated failure threshold was exceeded"

    /// Whether `failures` failed (or timed out, or aborted) children are within the threshold.
    func tolerates(_ failures: Int) -> Bool {
        guard failures > 0 else { return true }
        if count == nil && percentage == nil { return false }
        if let count, failures > count { return false }
        // "the total number of failed or timed out items divided by the total number of items".
        if let percentage, Double(failures) * 100 / Double(max(total, 1)) > percentage { return false }
        return true
    }

    /// Whether the ended children's failures exceed the threshold.
    func isExceeded(by results: [ExecutionResult?]) -> Bool {
        !tolerates(results.filter { $0 != nil && $0?.status != .succeeded }.count)
    }
}

/// One Map Run: its ARN and its children's names, "arn:...:mapRun:<machine>/<label>:<id>" and
/// "arn:...:execution:<machine>/<label>:<name>" (docs/distributed-map.md).
struct MapRun: Sendable {
    let parent: ExecutionIdentity
    /// The Map's `Label`, or else a generated one.
    let label: String
    let id: String

    init(parent: ExecutionIdentity, label: String?) {
        self.parent = parent
        self.label = label ?? UUID().uuidString.lowercased()
        id = UUID().uuidString.lowercased()
    }

    var arn: String { "arn:aws:states:\(parent.region):\(parent.account):mapRun:\(parent.machineName)/\(label):\(id)" }

    /// A child execution's names: the labelled machine `<machine>/<label>`, a generated
    /// execution name, and for EXPRESS children an Express execution's id.
    func childIdentity(express: Bool) -> ExecutionIdentity {
        ExecutionIdentity(machineName: "\(parent.machineName)/\(label)", executionName: UUID().uuidString.lowercased(),
                          region: parent.region, account: parent.account, roleArn: parent.roleArn,
                          expressId: express ? UUID().uuidString.lowercased() : nil)
    }
}
