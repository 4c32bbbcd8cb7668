import Foundation

/// The console's pages and actions, read from a request's method and path (docs/console.md,
/// "Pages"). Names in a path are one percent-encoded segment; a log group's name, which holds
/// `/`, is the rest of the path after `/logs/` (or `/live-tail/`).
enum ConsoleRoute: Equatable {
    case home
    case machine(String)
    case startExecution(String)
    case execution(String)
    /// The execution's new history as server-sent events (`text/event-stream`).
    case executionEvents(String)
    /// The lines of the function invocations the execution made.
    case executionLogs(String)
    case stopExecution(String)
    case answerCallback(String)
    case logGroups
    case logGroup(String)
    case functions
    case function(String)
    /// The test-event form: Invoke with the form's event, the result on the function's page.
    case invokeFunction(String)
    case rules
    case events
    case tables
    case table(String)
    case topics
    case topic(String)
    /// A log group's live tail: its new events as server-sent events.
    case logTail(String)
    case loginForm
    case login
    case logout
    case asset(String)

    /// Whether the route changes something: only ever a POST, with a CSRF token.
    var isAction: Bool {
        switch self {
        case .startExecution, .stopExecution, .answerCallback, .invokeFunction, .login, .logout: true
        default: false
        }
    }

    /// The route of `path` for `method` (`GET`, `HEAD` or `POST`); nil for none, which the
    /// console answers 404 (or 405 when the path exists for another method).
    static func match(method: String, path: String) -> Result<ConsoleRoute, RouteError> {
        let segments = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst().map(String.init)
        let read = method == "GET" || method == "HEAD"
        let post = method == "POST"
        func name(_ raw: String) -> String? {
            guard let decoded = raw.removingPercentEncoding, !decoded.isEmpty else { return nil }
            return decoded
        }
        let route: (ConsoleRoute, isPost: Bool)?
        switch segments.first {
        case ""? where segments.count == 1:
            route = (.home, false)
        case "machines"? where segments.count == 2:
            route = name(segments[1]).map { (.machine($0), false) }
        case "machines"? where segments.count == 3 && segments[2] == "executions":
            route = name(segments[1]).map { (.startExecution($0), true) }
        case "executions"? where segments.count == 2:
            route = name(segments[1]).map { (.execution($0), false) }
        case "executions"? where segments.count == 3:
            guard let execution = name(segments[1]) else { route = nil; break }
            switch segments[2] {
            case "events": route = (.executionEvents(execution), false)
            case "logs": route = (.executionLogs(execution), false)
            case "stop": route = (.stopExecution(execution), true)
            case "callback": route = (.answerCallback(execution), true)
            default: route = nil
            }
        case "logs"? where segments.count == 1 || (segments.count == 2 && segments[1].isEmpty):
            route = (.logGroups, false)
        case "logs"?:
            let rest = segments.dropFirst().joined(separator: "/")
            route = name(rest).map { (.logGroup($0), false) }
        case "functions"? where segments.count == 1:
            route = (.functions, false)
        case "functions"? where segments.count == 2:
            route = name(segments[1]).map { (.function($0), false) }
        case "functions"? where segments.count == 3 && segments[2] == "invoke":
            route = name(segments[1]).map { (.invokeFunction($0), true) }
        case "rules"? where segments.count == 1:
            route = (.rules, false)
        case "events"? where segments.count == 1:
            route = (.events, false)
        case "tables"? where segments.count == 1:
            route = (.tables, false)
        case "tables"? where segments.count == 2:
            route = name(segments[1]).map { (.table($0), false) }
        case "topics"? where segments.count == 1:
            route = (.topics, false)
        case "topics"? where segments.count == 2:
            route = name(segments[1]).map { (.topic($0), false) }
        case "live-tail"? where segments.count > 1:
            let rest = segments.dropFirst().joined(separator: "/")
            route = name(rest).map { (.logTail($0), false) }
        case "login"? where segments.count == 1:
            route = post ? (.login, true) : (.loginForm, false)
        case "logout"? where segments.count == 1:
            route = (.logout, true)
        case "static"? where segments.count == 2:
            route = (.asset(segments[1]), false)
        default:
            route = nil
        }
        guard let route else { return .failure(.notFound) }
        if route.isPost ? post : read { return .success(route.0) }
        return .failure(.methodNotAllowed(allowed: route.isPost ? "POST" : "GET, HEAD"))
    }

    /// Why no route was found.
    enum RouteError: Error, Equatable {
        case notFound
        case methodNotAllowed(allowed: String)
    }
}

/// A path segment for a name: every byte but the unreserved ones percent-encoded, so that a
/// name holding `/`, `?` or `#` stays one segment.
func pathSegment(_ name: String) -> String {
    var allowed = CharacterSet.alphanumerics
    allowed.insert(charactersIn: "-._~")
    return name.addingPercentEncoding(withAllowedCharacters: allowed) ?? name
}

/// The fields of a query string or of an `application/x-www-form-urlencoded` body (HTML's
/// form encoding: `+` is a space, the rest percent-encoded); the first value of a repeated name.
func formFields(_ encoded: String) -> [String: String] {
    var fields: [String: String] = [:]
    for pair in encoded.split(separator: "&") {
        let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
        func decode(_ text: Substring) -> String? { String(text).replacingOccurrences(of: "+", with: " ").removingPercentEncoding }
        guard let key = decode(parts[0]), !key.isEmpty else { continue }
        let value = parts.count > 1 ? decode(parts[1]) ?? "" : ""
        if fields[key] == nil { fields[key] = value }
    }
    return fields
}
