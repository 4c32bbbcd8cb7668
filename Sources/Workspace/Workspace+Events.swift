import Dispatch
import Engine
import Events
import Foundation
import Functions
import JSONValue
import Store

extension Workspace {
    public var rulesDirectory: URL { root.appendingPathComponent("rules") }

    /// The rules in `rules/`; malformed ones are in `problems`.
    public func ruleCatalog() -> RuleCatalog { RuleCatalog.load(from: rulesDirectory) }

    /// The event bus over this workspace's rules and functions. With `virtualTime`, retry
    /// waits between deliveries pass at once, as the executions' waits do.
    public func eventBus(virtualTime: Bool = false) throws(StoreError) -> EventBus {
        let database = try database()
        let host = try functionHost()
        if let bus = opened.withLock({ $0.bus }) { return bus }
        let sleep: @Sendable (Double) async throws -> Void
        if virtualTime {
            sleep = { @Sendable _ in }
        } else {
            sleep = { @Sendable seconds in try await Task.sleep(for: .milliseconds(Int64(seconds * 1000))) }
        }
        let bus = EventBus(database: database, rules: ruleCatalog(), invoker: FunctionEventInvoker(host: host), now: now, sleep: sleep)
        return opened.withLock { opened in
            if let existing = opened.bus { return existing }
            opened.bus = bus
            return bus
        }
    }

    /// Emits the "Step Functions Execution Status Change" event of an execution.
    func emitStatusChange(_ execution: Execution, status: ExecutionStatus, result: ExecutionResult?) {
        guard let bus = opened.withLock({ $0.bus }) else { return }
        let event = StatusChangeEvent.make(
            id: UUID().uuidString.lowercased(), identity: execution.identity, status: status, time: now(),
            startDate: execution.startTime, stopDate: result?.stopDate, input: execution.input, output: result?.output,
            error: result?.error, cause: result?.cause)
        try? bus.put(event)
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
