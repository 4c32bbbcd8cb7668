import Dispatch
import GRDB
import GRDBSQLite
import Synchronization

/// Checkpoints the write-ahead log on a connection and a thread of its own, so that no commit
/// waits for one.
///
/// SQLite's default runs a checkpoint inside the commit that finds the log at 1,000 pages or
/// more, on the committing connection: it copies the pages into the database file and, with
/// `synchronous = NORMAL`, waits for `fdatasync`, the only disk wait a WAL commit has. Every
/// execution's writes queue behind the one writer connection, so while it waited, no
/// StartExecution in the process could answer (docs/profiles/serve.md). Here the writer's
/// commit only notices the size and hands the checkpoint over. A checkpoint is PASSIVE, as the
/// default's is: it takes no write lock, and copies what no reader still needs.
final class WALCheckpointer: Sendable {
    /// SQLite's default threshold (`wal_autocheckpoint`), in pages.
    static let pages: Int32 = 1000

    private let connection: DatabaseQueue
    private let queue = DispatchQueue(label: "host.wal-checkpoint")
    /// Whether a checkpoint is queued or running: commits meanwhile ask for none.
    private let pending = Atomic(false)

    /// A connection of its own to the database at `path`.
    init(path: String) throws {
        var configuration = Configuration()
        configuration.busyMode = .timeout(30)
        configuration.label = "host.checkpoint"
        connection = try DatabaseQueue(path: path, configuration: configuration)
    }

    /// Replaces the automatic checkpoint of `writer`'s connection (a WAL hook replaces it) by
    /// a request to this checkpointer. The hook holds the checkpointer unretained: it runs only
    /// in a commit of `HostDatabase`, which holds both for as long as its connections are open.
    func install(on writer: Database) {
        sqlite3_wal_hook(writer.sqliteConnection, { context, _, _, pages in
            if pages >= WALCheckpointer.pages, let context {
                Unmanaged<WALCheckpointer>.fromOpaque(context).takeUnretainedValue().request()
            }
            return SQLITE_OK
        }, Unmanaged.passUnretained(self).toOpaque())
    }

    private func request() {
        guard pending.compareExchange(expected: false, desired: true, ordering: .acquiringAndReleasing).exchanged else { return }
        queue.async { [self] in
            // A checkpoint that fails (the disk) is tried again by the next commit's request;
            // the log keeps every page meanwhile, so nothing is lost.
            _ = try? connection.writeWithoutTransaction { db in try db.checkpoint(.passive) }
            pending.store(false, ordering: .releasing)
        }
    }

    /// Waits for a checkpoint queued or running (tests).
    func waitForPending() {
        queue.sync {}
    }
}
