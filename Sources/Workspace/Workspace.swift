import Clocks
import Dispatch
import Engine
import Events
import Foundation
import Functions
import Logs
import Services
import Store
import Synchronization

/// A workspace: the folder holding `functions/` and `machines/`, and `.host/` where state is
/// kept between commands. The composition root: it reads the folders and wires the layers.
public final class Workspace: Sendable {
    public let root: URL
    /// The workspace's one clock, which every part is given: the engine, the functions (their
    /// log lines and `os.time`), the log store, the event bus, the services. Virtual for
    /// `host run --virtual-clock`, so that all of them follow the execution's virtual time.
    public let clock: any HostClock
    /// The clock's time, as a closure for the parts that only read it.
    public let now: @Sendable () -> Date
    let opened = Mutex<Opened>(Opened())

    /// What the workspace has opened so far, each once.
    struct Opened {
        var stores: Stores?
        var logs: LogStore?
        var functions: FunctionHost?
        var bus: EventBus?
        var stepFunctions: StepFunctions?
        var callbacks: CallbackBroker?
        var ownership: ExecutionOwnership?
        var executionWrites: ExecutionWriteQueue?
        var parkedExecutions: ParkedExecutions?
        /// The service integrations every execution's Task states call (`executionIntegrations`).
        var integrations: (any ServiceIntegrations)?
        /// Waits at least this long (seconds) park their executions (`parkWaits`).
        var parkThreshold: Double?
    }

    /// Where the workspace keeps its state: `.host/host.sqlite`, or one process's memory.
    public let storage: Storage

    public init(root: URL, clock: any HostClock = SystemClock(), storage: Storage = .database) {
        self.root = root.standardizedFileURL
        self.clock = clock
        self.storage = storage
        now = { [clock] in clock.now }
    }

    /// The same workspace with another clock; nothing it opened is shared.
    public func with(clock: any HostClock) -> Workspace { Workspace(root: root, clock: clock, storage: storage) }

    /// The nearest folder from `start` upward that holds `functions/` or `machines/`.
    public static func locate(from start: URL) throws(WorkspaceError) -> Workspace {
        var folder = start.standardizedFileURL
        while true {
            for marker in ["functions", "machines"] {
                var isDirectory: ObjCBool = false
                if FileManager.default.fileExists(atPath: folder.appendingPathComponent(marker).path, isDirectory: &isDirectory),
                   isDirectory.boolValue {
                    return Workspace(root: folder)
                }
            }
            let parent = folder.deletingLastPathComponent()
            if parent.path == folder.path { throw .notFound(start: start.path) }
            folder = parent
        }
    }

    public var functionsDirectory: URL { root.appendingPathComponent("functions") }
    public var stateDirectory: URL { root.appendingPathComponent(".host") }

    public var functionCatalog: FunctionCatalog { FunctionCatalog(directory: functionsDirectory) }

    /// Whether a command has stored anything yet; read-only commands check this first, so
    /// that they create nothing.
    public var hasDatabase: Bool {
        // Once opened, it is there (this also spares every request of `host serve` a look).
        if opened.withLock({ $0.stores }) != nil { return true }
        switch storage {
        case .database: return FileManager.default.fileExists(atPath: stateDirectory.appendingPathComponent("host.sqlite").path)
        case .memory: return true
        }
    }

    /// The stores of the workspace's data, opened (and migrated) on first use.
    public func stores() throws(StoreError) -> Stores {
        if let stores = opened.withLock({ $0.stores }) { return stores }
        let stores: Stores
        switch storage {
        case .database: stores = Stores(try HostDatabase(directory: stateDirectory))
        case .memory(let memory): stores = Stores(memory)
        }
        return opened.withLock { opened in
            if let existing = opened.stores { return existing }
            opened.stores = stores
            return stores
        }
    }

    public func logStore() throws(StoreError) -> LogStore {
        let stores = try stores()
        return opened.withLock { opened in
            if let logs = opened.logs { return logs }
            let logs = LogStore(store: stores.logs, now: now)
            opened.logs = logs
            return logs
        }
    }

    /// How Task states reach this workspace's functions.
    public func taskInvoker() throws(StoreError) -> any TaskInvoker {
        FunctionTaskInvoker(host: try functionHost())
    }

    /// The function host, made once: later calls return the same one.
    public func functionHost() throws(StoreError) -> FunctionHost {
        if let host = opened.withLock({ $0.functions }) { return host }
        let logs = try logStore()
        let stores = try stores()
        // A topic's subscribed functions are invoked in the background, as SNS does; the
        // function host is bound late, since it also serves the publishing function.
        let topics = TopicService(messageStore: stores.topics, root: root, now: now, deliver: TopicService.lambdaDelivery(
            deadLetters: stores.events, now: now, host: { [weak self] in try? self?.functionHost() }))
        let services = WorkspaceServices(
            executions: ExecutionService(store: stores.executions, machinesDirectory: machinesDirectory, now: now),
            tables: TableService(items: stores.tables, root: root, now: now), topics: topics, buckets: buckets())
        return opened.withLock { opened in
            if let host = opened.functions { return host }
            let host = FunctionHost(catalog: functionCatalog, logs: LogStoreSink(store: logs), services: services, now: now)
            opened.functions = host
            return host
        }
    }

    /// Where this process's callback tasks wait for their answers, made once.
    var callbacks: CallbackBroker {
        if let broker = opened.withLock({ $0.callbacks }) { return broker }
        let broker = CallbackBroker(workspace: self)
        return opened.withLock { opened in
            if let existing = opened.callbacks { return existing }
            opened.callbacks = broker
            return broker
        }
    }

    /// Step Functions over this workspace, made once: it keeps the executions running here.
    public var stepFunctions: StepFunctions {
        if let service = opened.withLock({ $0.stepFunctions }) { return service }
        let service = StepFunctions(workspace: self)
        return opened.withLock { opened in
            if let existing = opened.stepFunctions { return existing }
            opened.stepFunctions = service
            return service
        }
    }

    /// This process's claim on the executions it runs, made once.
    func ownership() throws(StoreError) -> ExecutionOwnership {
        if let ownership = opened.withLock({ $0.ownership }) { return ownership }
        let ownership = ExecutionOwnership(store: try stores().executions)
        return opened.withLock { opened in
            if let existing = opened.ownership { return existing }
            opened.ownership = ownership
            return ownership
        }
    }

    /// Where the executions of this process are stored, made once.
    func executionWrites() throws(StoreError) -> ExecutionWriteQueue {
        if let writes = opened.withLock({ $0.executionWrites }) { return writes }
        let writes = ExecutionWriteQueue(store: try stores().executions, ownership: try ownership())
        return opened.withLock { opened in
            if let existing = opened.executionWrites { return existing }
            opened.executionWrites = writes
            return writes
        }
    }

    /// Waits for the event bus's deliveries in progress.
    public func drainEvents() async {
        await opened.withLock { $0.bus }?.drain()
    }

    /// Ends the session: lets go of the executions still running here (they stay RUNNING, and
    /// the next process continues them), closes warm environments and writes every queued log
    /// line.
    public func close() throws(StoreError) {
        let (ownership, functions, logs, bus) = opened.withLock { ($0.ownership, $0.functions, $0.logs, $0.bus) }
        bus?.finishStoring()
        ownership?.release()
        functions?.shutdown()
        try logs?.flush()
    }
}

/// Functions write their log lines into the log store.
struct LogStoreSink: FunctionLogSink {
    let store: LogStore

    func write(group: String, stream: String, events: [FunctionLogEvent]) {
        store.put(group: group, stream: stream, events: events.map { ($0.timestamp, $0.message) })
    }
}

public enum WorkspaceError: Error, Sendable, CustomStringConvertible {
    case notFound(start: String)

    public var description: String {
        switch self {
        case .notFound(let start):
            "no workspace: no folder from \(start) upward holds functions/ or machines/ (use --workspace DIR)"
        }
    }
}

/// Where a workspace keeps its state.
public enum Storage: Sendable {
    /// The SQLite database in `.host/`, shared by every process of the workspace.
    case database
    /// One process's memory: nothing outlives it (tests).
    case memory(MemoryStore)
}

/// The stores of a workspace's data, one a data owner.
public struct Stores: Sendable {
    public let tokens: any TaskTokenStore
    public let machines: any MachineStore
    public let executions: any ExecutionStore
    public let logs: any LogEventStore
    public let events: any EventRoutingStore
    public let tables: any TableItemStore
    public let topics: any TopicMessageStore
    public let rules: any RuleStore

    init(_ store: some TaskTokenStore & MachineStore & ExecutionStore & LogEventStore & EventRoutingStore & TableItemStore
        & TopicMessageStore) {
        tokens = store
        machines = store
        executions = store
        logs = store
        events = store
        tables = store
        topics = store
        rules = store
    }
}
