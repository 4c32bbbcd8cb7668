import Mustache

/// Every template of the console, parsed once. They are Swift strings rather than files so that
/// the `host` binary needs nothing beside it.
struct ConsoleTemplates: Sendable {
    let library: MustacheLibrary

    init() {
        let sources: [String: String] = [
            "header": LayoutTemplates.header, "footer": LayoutTemplates.footer, "time": LayoutTemplates.time,
            "cluster": LayoutTemplates.cluster, "legend": LayoutTemplates.legend, "notFound": LayoutTemplates.notFound,
            "login": LayoutTemplates.login, "home": PageTemplates.home, "machine": PageTemplates.machine,
            "execution": ExecutionTemplates.execution, "executionUnreadable": ExecutionTemplates.unreadable, "logGroups": LogTemplates.groups, "logGroup": LogTemplates.group,
            "events": LogTemplates.events, "executionLogs": LogTemplates.executionLogs,
            "functions": FunctionTemplates.functions, "function": FunctionTemplates.function,
            "rules": EventTemplates.rules, "busEvents": EventTemplates.events,
            "tables": ServiceTemplates.tables, "table": ServiceTemplates.table,
            "topics": ServiceTemplates.topics, "topic": ServiceTemplates.topic,
        ]
        var library = MustacheLibrary()
        for (name, source) in sources {
            // The templates are constants of this target: one that does not parse is a bug the
            // unit tests catch at once.
            do { try library.register(source, named: name) } catch { preconditionFailure("console template \(name): \(error)") }
        }
        self.library = library
    }

    /// `name` rendered with `values`.
    func render(_ name: String, _ values: [String: Any]) -> String {
        library.render(values, withTemplate: name) ?? ""
    }
}
