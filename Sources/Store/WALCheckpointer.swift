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
/// commit only notices the size and hands the checkpoint over, once every 1,000 pages the log
/// grew by. A checkpoint is PASSIVE, as the default's is: it takes no write lock, and copies
/// what no reader still needs.
///
/// SQLite starts the log over from its beginning only when a write transaction begins with the
/// whole log copied. A checkpoint beside a busy writer never finds that: the writer appends
/// while it copies. So past `limit` pages the writer's own commit checkpoints too, between two
/// of its transactions, copying what the last checkpoint left (a few pages) so that the next
/// transaction can start the log over. That commit waits for `fdatasync`, once every 1,000
/// pages while the log is that long, instead of the log growing for as long as the load lasts.
final class WALCheckpointer: Sendable {
    /// SQLite's default threshold (`wal_autocheckpoint`), in pages.
    static let pages: Int32 = 1000
    /// The log's size, in pages, past which the writer checkpoints as well (40 MB).
    static let limit: Int32 = 10 * pages

    private let connection: DatabaseQueue
    private let queue = DispatchQueue(label: "host.wal-checkpoint")
    /// Whether a checkpoint is queued or running: commits meanwhile ask for none.
    private let pending = Atomic(false)
    /// The log's size when the writer last asked for a checkpoint (0 once the log started
    /// over). Only the writer's commits read and write it.
    private let askedAt = Atomic<Int32>(0)

    /// A connection of its own to the database at `path`.
    init(path: String) throws {
        var configuration = Configuration()
        configuration.busyMode = .timeout(30)
        configuration.label = "host.checkpoint"
        connection = try DatabaseQueue(path: path, configuration: configuration)
    }

    /// Replaces the automatic checkpoint of `writer`'s connection (a WAL hook replaces it) by
    /// `committed(pages:writer:database:)`. The hook holds the checkpointer unretained: it runs
    /// only in a commit of `HostDatabase`, which holds both for as long as its connections are
    /// open.
    func install(on writer: Database) {
        sqlite3_wal_hook(writer.sqliteConnection, { context, writer, database, pages in
            if let context {
                Unmanaged<WALCheckpointer>.fromOpaque(context).takeUnretainedValue().committed(pages: pages, writer: writer, database: database)
            }
            return SQLITE_OK
        }, Unmanaged.passUnretained(self).toOpaque())
    }

    /// A commit of the writer left the log at `pages` pages.
    private func committed(pages: Int32, writer: OpaquePointer?, database: UnsafePointer<CChar>?) {
        var asked = askedAt.load(ordering: .relaxed)
        if pages < asked { asked = 0 }   // the log started over
        guard pages - asked >= Self.pages else {
            askedAt.store(asked, ordering: .relaxed)
            return
        }
        askedAt.store(pages, ordering: .relaxed)
        if pages >= Self.limit {
            // SQLite's own automatic checkpoint is this call, from this hook. A busy answer
            // (the checkpointer's thread is copying) leaves it to the next 1,000 pages.
            _ = sqlite3_wal_checkpoint_v2(writer, database, SQLITE_CHECKPOINT_PASSIVE, nil, nil)
        } else {
            request()
        }
    }

    private func request() {
        guard pending.compareExchange(expected: false, desired: true, ordering: .acquiringAndReleasing).exchanged else { return }
        queue.async { [self] in
            // A checkpoint that fails (the disk) is asked for again 1,000 pages later; the log
            // keeps every page meanwhile, so nothing is lost.
            _ = try? connection.writeWithoutTransaction { db in try db.checkpoint(.passive) }
            pending.store(false, ordering: .releasing)
        }
    }

    /// Waits for a checkpoint queued or running (tests).
    func waitForPending() {
        queue.sync {}
    }

    /// Holds back the checkpoints of this checkpointer's thread until `resume()` (tests).
    func suspend() {
        queue.suspend()
    }

    func resume() {
        queue.resume()
    }
}
