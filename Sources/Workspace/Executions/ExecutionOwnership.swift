import Clocks
import Foundation
import Store
import Synchronization
#if canImport(Glibc)
import Glibc
import Identifiers
#endif

/// This workspace's claim, as one process, on the executions it runs (`ExecutionLease`): its
/// owner id, and the renewing of its leases while it runs any.
///
/// Every `renewInterval` the leases of every RUNNING execution this owner holds are moved to
/// `leaseDuration` from now, in one statement however many it holds. A process killed with
/// SIGKILL renews nothing: its executions are free once their leases expire, or at once for a
/// process of this machine that can see it is gone. One that shuts down cleanly (`release`)
/// stores nothing more and lets go of them at once.
///
/// Leases are in wall-clock time, whatever the workspace's clock: they are between processes.
final class ExecutionOwnership: Sendable {
    static let leaseDuration: Int64 = 10_000
    static let renewInterval: Duration = .seconds(3)

    /// `HOSTNAME:PID:RANDOM`: which machine and process, and which workspace of the process.
    let id: String
    private let store: any ExecutionStore
    private struct State {
        var renewing: Task<Void, Never>?
        var released = false
    }
    private let state = Mutex(State())
    /// Set once renewing has started: every start checks it without taking `state`'s lock,
    /// which `whileHeld` holds through each write transaction.
    private let renewingStarted = Atomic(false)

    init(store: any ExecutionStore) {
        self.store = store
        id = "\(Self.hostName):\(getpid()):\(RandomIdentifier.uuid().uuidString.prefix(8).lowercased())"
    }

    static var wallClock: Int64 { Date().epochMilliseconds }

    /// The lease an execution this owner starts or claims now gets.
    var newExpiry: Int64 { Self.wallClock + Self.leaseDuration }

    /// Starts renewing, once (a process that runs no execution renews nothing).
    func keepRenewing() {
        guard !renewingStarted.load(ordering: .acquiring) else { return }
        state.withLock { state in
            defer { renewingStarted.store(state.renewing != nil, ordering: .releasing) }
            guard state.renewing == nil, !state.released else { return }
            state.renewing = Task.detached { [self] in
                while !Task.isCancelled {
                    try? await Task.sleep(for: Self.renewInterval)
                    guard !Task.isCancelled else { return }
                    _ = try? whileHeld { () throws(StoreError) in try store.renewLeases(owner: id, until: newExpiry) }
                }
            }
        }
    }

    /// Runs a write of an execution this owner runs, unless it has let its executions go:
    /// then the write is refused, so that the process that continues them is the only writer.
    func whileHeld<T>(_ write: () throws(StoreError) -> T) throws(StoreError) -> T {
        // The lock is held through the write, so that `release` waits for a write under way.
        try state.withLock { state throws(StoreError) -> T in
            guard !state.released else { throw StoreError(message: "this process has let its executions go: it stores nothing more of them") }
            return try write()
        }
    }

    /// Whether it has let its executions go (`release`).
    var isReleased: Bool { state.withLock { $0.released } }

    /// Shutting down: stores nothing more of its executions and lets them go, RUNNING, for
    /// the next process to continue at once.
    func release() {
        let renewing = state.withLock { state -> Task<Void, Never>? in
            state.released = true
            try? store.releaseLeases(owner: id)
            defer { state.renewing = nil }
            return state.renewing
        }
        renewing?.cancel()
    }

    /// Whether the process that owned an execution has ended, as far as this machine can tell:
    /// an owner of this machine whose process no longer exists. (A process of another machine,
    /// or one that exists, is waited for until its lease expires.)
    static func isGone(_ owner: String) -> Bool {
        let parts = owner.split(separator: ":")
        guard parts.count == 3, parts[0] == hostName, let pid = Int32(parts[1]) else { return false }
        if pid == getpid() { return false }
        return kill(pid, 0) != 0 && errno == ESRCH
    }

    static let hostName: String = {
        // Colons would make the id ambiguous.
        ProcessInfo.processInfo.hostName.replacingOccurrences(of: ":", with: "_")
    }()
}
