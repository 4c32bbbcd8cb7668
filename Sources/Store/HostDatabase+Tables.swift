import GRDB

extension HostDatabase {
    /// "v4: tables, items and topic messages"
    static func registerTablesMigration(_ migrator: inout DatabaseMigrator) {}
}
