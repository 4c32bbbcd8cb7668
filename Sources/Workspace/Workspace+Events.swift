import Clocks
import Dispatch
import Engine
import Events
import Foundation
import Functions
import Identifiers
import JSONValue
import Store

extension Workspace {
    public var rulesDirectory: URL { root.appendingPathComponent("rules") }

    /// The rules in `rules/`; malformed ones are in `problems`.
    public func ruleCatalog() -> RuleCatalog { RuleCatalog.load(from: rulesDirectory) }

    /// The event bus over this workspace's rules (the files of `rules/` and those created
    /// through the API) and functions, made once: later calls return the same one. Its retry
    /// waits between deliveries are on the workspace's clock, so on a virtual clock they pass at
    /// once, as the executions' waits do.
    public func eventBus() throws(StoreError) -> EventBus {
        if let bus = opened.withLock({ $0.bus }) { return bus }
        let stores = try stores()
        let host = try functionHost()
        // A delivery waiting for its retry is work that waits: it counts as running before and
        // after, so a virtual clock moves only when nothing else runs.
        let sleep: @Sendable (Double) async throws -> Void = { [clock] seconds in
            clock.enter()
            defer { clock.leave() }
            try await clock.sleep(seconds: seconds)
        }
        let bus = EventBus(store: stores.events, rules: ruleCatalog(), readsStoredRules: true, invoker: FunctionEventInvoker(host: host),
                           now: now, sleep: sleep)
        return opened.withLock { opened in
            if let existing = opened.bus { return existing }
            opened.bus = bus
            return bus
        }
    }

    /// Emits the "Step Functions Execution Status Change" event of an execution.
    func emitStatusChange(_ execution: Execution, status: ExecutionStatus, result: ExecutionResult?) {
        guard let bus = opened.withLock({ $0.bus }) else { return }
        bus.emit(StatusChangeEvent.record(
            id: RandomIdentifier.lowercaseHex(RandomIdentifier.timeOrdered()), identity: execution.identity, status: status, time: now(),
            startDate: execution.startTime, stopDate: result?.stopDate, input: execution.input, output: result?.output,
            error: result?.error, cause: result?.cause))
    }
}

/// Rules deliver to functions: an event is delivered when the function ran without error.
///
/// (EventBridge hands events to Lambda asynchronously, and Lambda's own retries then apply to
/// function errors; here the rule's RetryPolicy covers both, so that one policy decides when
/// an event becomes a dead letter.)
struct FunctionEventInvoker: EventTargetInvoker {
    let host: FunctionHost

    func deliver(_ payload: JSONValue, to function: String) async -> String? {
        guard let name = FunctionTaskInvoker.functionName(function) else { return "Function not found: \(function)" }
        let host = self.host
        return await withCheckedContinuation { (continuation: CheckedContinuation<String?, Never>) in
            DispatchQueue.global().async {
                do {
                    let invocation = try host.invoke(name, event: payload)
                    if case .failure(let error) = invocation.outcome {
                        continuation.resume(returning: "\(error.errorType): \(error.errorMessage)")
                    } else {
                        continuation.resume(returning: nil)
                    }
                } catch {
                    continuation.resume(returning: "\(error)")
                }
            }
        }
    }
}
