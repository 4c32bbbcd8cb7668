import Clocks
import Dispatch
import Engine
import Events
import Foundation
import Functions
import Logs
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
        var database: HostDatabase?
        var logs: LogStore?
        var functions: FunctionHost?
        var bus: EventBus?
    }

    public init(root: URL, clock: any HostClock = SystemClock()) {
        self.root = root.standardizedFileURL
        self.clock = clock
        now = { [clock] in clock.now }
    }

    /// The same workspace with another clock; nothing it opened is shared.
    public func with(clock: any HostClock) -> Workspace { Workspace(root: root, clock: clock) }

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
        FileManager.default.fileExists(atPath: stateDirectory.appendingPathComponent("host.sqlite").path)
    }

    /// The database, opened (and migrated) on first use.
    public func database() throws(StoreError) -> HostDatabase {
        if let database = opened.withLock({ $0.database }) { return database }
        let database = try HostDatabase(directory: stateDirectory)
        return opened.withLock { opened in
            if let existing = opened.database { return existing }
            opened.database = database
            return database
        }
    }

    public func logStore() throws(StoreError) -> LogStore {
        let database = try database()
        return opened.withLock { opened in
            if let logs = opened.logs { return logs }
            let logs = LogStore(database: database, now: now)
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
        let database = try database()
        // A topic's subscribed functions are invoked in the background, as SNS does; the
        // function host is bound late, since it also serves the publishing function.
        let topics = TopicService(database: database, root: root, now: now, deliver: TopicService.lambdaDelivery(
            database: database, now: now, host: { [weak self] in try? self?.functionHost() }))
        let services = WorkspaceServices(
            executions: ExecutionService(database: database, machinesDirectory: machinesDirectory, now: now),
            tables: TableService(database: database, root: root, now: now), topics: topics)
        return opened.withLock { opened in
            if let host = opened.functions { return host }
            let host = FunctionHost(catalog: functionCatalog, logs: LogStoreSink(store: logs), services: services, now: now)
            opened.functions = host
            return host
        }
    }

    /// Waits for the event bus's deliveries in progress.
    public func drainEvents() async {
        await opened.withLock { $0.bus }?.drain()
    }

    /// Ends the session: closes warm environments and writes every queued log line.
    public func close() throws(StoreError) {
        let (functions, logs) = opened.withLock { ($0.functions, $0.logs) }
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
