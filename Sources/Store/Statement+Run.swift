import Foundation
import GRDB
import GRDBSQLite

extension Statement {
    /// Runs the statement once with `values` bound by position, through SQLite's C API.
    ///
    /// For the rows every execution writes (its record, its history events, its status-change
    /// events): GRDB's `execute(arguments:)` builds `StatementArguments` through generic code
    /// that is not specialised across modules, and for an execution's 18 columns that cost more
    /// than SQLite's insert (docs/profiles/serve.md). What it skips of GRDB is the bookkeeping
    /// for transaction observers, which `host` does not use; statements run this way are the
    /// writer's cached ones, inside a transaction `HostDatabase.write` opened.
    func run(binding values: [DatabaseValue]) throws {
        let statement = sqliteStatement
        // Every parameter is bound on every run: a binding left from the last run would be
        // written again silently.
        guard sqlite3_bind_parameter_count(statement) == Int32(values.count) else {
            throw DatabaseError(resultCode: .SQLITE_RANGE, message: "\(values.count) values for the parameters of \(sql)", sql: sql)
        }
        sqlite3_reset(statement)
        for (index, value) in values.enumerated() {
            let position = Int32(index + 1)
            let code: Int32 = switch value.storage {
            case .null: sqlite3_bind_null(statement, position)
            case .int64(let integer): sqlite3_bind_int64(statement, position, integer)
            case .double(let number): sqlite3_bind_double(statement, position, number)
            case .string(let text): sqlite3_bind_text(statement, position, text, Int32(text.utf8.count), Self.transient)
            case .blob(let data):
                data.withUnsafeBytes { bytes in
                    sqlite3_bind_blob(statement, position, bytes.baseAddress, Int32(bytes.count), Self.transient)
                }
            }
            guard code == SQLITE_OK else { throw error(code) }
        }
        var code = sqlite3_step(statement)
        while code == SQLITE_ROW { code = sqlite3_step(statement) }
        guard code == SQLITE_DONE else {
            let failure = error(code)
            sqlite3_reset(statement)
            throw failure
        }
        sqlite3_reset(statement)
    }

    /// SQLite copies a value bound with this destructor before the bind returns.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    private func error(_ code: Int32) -> DatabaseError {
        DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(sqlite3_db_handle(sqliteStatement))),
                      sql: sql)
    }
}
