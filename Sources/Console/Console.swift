import Clocks
import Foundation
import HTTPTypes
import Hummingbird
import Mustache
import Workspace

/// The web console of `host serve` (docs/console.md): server-rendered pages of a workspace's
/// state machines, executions, logs, functions, rules and events, tables and topics, on the
/// API's port. It answers the requests that are no API's: no `X-Amz-Target` header, not under
/// Lambda's `/2015-03-31`, and a GET, a HEAD or a form POST.
package struct Console: Sendable {
    let workspace: Workspace
    let sessions: ConsoleSessions
    let templates: ConsoleTemplates

    /// A console of `workspace`; with `credentials` (a server beyond loopback) every page asks
    /// for one of their access keys first.
    package init(workspace: Workspace, credentials: Credentials?) {
        self.workspace = workspace
        sessions = ConsoleSessions(credentials: credentials)
        templates = ConsoleTemplates()
    }

    /// Whether `request` is the console's rather than an API's.
    package static func serves(_ request: Request) -> Bool {
        if request.headers[HTTPField.Name("X-Amz-Target")!] != nil || request.uri.path.hasPrefix("/2015-03-31") { return false }
        switch request.method {
        case .get, .head: return true
        case .post: return request.headers[.contentType]?.lowercased().hasPrefix("application/x-www-form-urlencoded") ?? false
        default: return false
        }
    }

    /// The page or action of `request`.
    package func respond(to request: Request) async -> Response {
        let route: ConsoleRoute
        switch ConsoleRoute.match(method: request.method.rawValue, path: request.uri.path) {
        case .success(let matched): route = matched
        case .failure(.notFound): return page(.notFound, "notFound", ["title": "Not found", "message": "The console has no page at \(request.uri.path)."], session: nil)
        case .failure(.methodNotAllowed(let allowed)):
            var response = page(.methodNotAllowed, "notFound", ["title": "Method not allowed", "message": "\(request.uri.path) takes \(allowed)."], session: nil)
            response.headers[.allow] = allowed
            return response
        }
        if case .asset(let name) = route { return asset(name) }
        let existing = sessions.session(cookieHeader: request.headers[.cookie])
        var request = request
        let form: [String: String]
        if route.isAction {
            // Every action is a POST of a form that carries the session's CSRF token.
            guard let session = existing else { return refused("The form has expired: load the page again.") }
            do {
                let body = try await request.collectBody(upTo: Self.formLimit)
                form = formFields(String(buffer: body))
            } catch {
                return page(.contentTooLarge, "notFound", ["title": "Too large", "message": "A form must be smaller than \(Self.formLimit) bytes."], session: session)
            }
            guard ConsoleSessions.isValid(csrfToken: form["csrf"], for: session) else { return refused("The form's CSRF token is missing or wrong: load the page again.") }
        } else {
            form = [:]
        }
        var session = existing ?? sessions.create()
        var response: Response
        switch route {
        case .loginForm where !sessions.needsLogin || session.signedIn:
            response = Self.redirect(to: "/")
        case .loginForm:
            response = page(.ok, "login", ["title": "Sign in", "hasError": false, "error": "", "accessKeyId": ""], session: session)
        case .login:
            if let signedIn = sessions.signIn(session, accessKeyId: form["accessKeyId"] ?? "", secret: form["secretAccessKey"] ?? "") {
                session = signedIn
                response = Self.redirect(to: "/")
            } else {
                response = page(.unauthorized, "login", ["title": "Sign in", "hasError": true, "error": "The access key ID or the secret access key is wrong.",
                                                         "accessKeyId": form["accessKeyId"] ?? ""], session: session)
            }
        case .logout:
            sessions.end(session)
            var redirect = Self.redirect(to: sessions.needsLogin ? "/login" : "/")
            redirect.headers[.setCookie] = ConsoleSessions.expiredCookie
            return redirect
        case _ where !session.signedIn:
            response = Self.redirect(to: "/login")
        default:
            var query = formFields(request.uri.query ?? "")
            // A browser's EventSource that reconnects says where it was (HTML's Last-Event-ID).
            if let lastEventId = request.headers[HTTPField.Name("Last-Event-ID")!] { query["after"] = lastEventId }
            response = await respond(to: route, query: query, form: form, session: session)
        }
        if existing?.id != session.id { response.headers[values: .setCookie].append(ConsoleSessions.cookie(for: session)) }
        return response
    }

    /// The pages and actions a signed-in session reaches.
    private func respond(to route: ConsoleRoute, query: [String: String], form: [String: String], session: ConsoleSessions.Session) async -> Response {
        switch route {
        case .home: home(session: session)
        case .machine(let name): machine(name, query: query, session: session)
        case .startExecution(let name): await startExecution(of: name, form: form, session: session)
        case .execution(let name): execution(name, after: query["after"].flatMap { Int($0) } ?? 0, session: session)
        case .executionEvents(let name):
            executionEvents(name, after: query["after"].flatMap { Int($0) } ?? 0, tokens: query["tokens"].flatMap { Int64($0) } ?? 0)
        case .executionLogs(let name): executionLogs(name, session: session)
        case .stopExecution(let name): await stopExecution(name, session: session)
        case .answerCallback(let name): answerCallback(name, form: form, session: session)
        case .logGroups: logGroups(session: session)
        case .logGroup(let group): logGroup(group, query: query, session: session)
        case .functions: functions(session: session)
        case .function(let name): function(name, session: session)
        case .invokeFunction(let name): await invokeFunction(name, form: form, session: session)
        case .rules: rules(session: session)
        case .events: events(query: query, session: session)
        case .tables: tables(session: session)
        case .table(let name): table(name, query: query, session: session)
        case .topics: topics(session: session)
        case .topic(let name): topic(name, query: query, session: session)
        case .logTail(let group): logTail(group, query: query)
        case .loginForm, .login, .logout, .asset: Self.redirect(to: "/")
        }
    }

    /// The largest form body read.
    static let formLimit = 1024 * 1024

    // MARK: - Responses

    /// Headers of every page: no inline script or style, no framing, no sniffing, no caching.
    static let securityHeaders: [(HTTPField.Name, String)] = [
        (.contentSecurityPolicy, "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
            + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"),
        (HTTPField.Name("X-Content-Type-Options")!, "nosniff"),
        (HTTPField.Name("Referrer-Policy")!, "same-origin"),
        (.cacheControl, "no-store"),
    ]

    /// The page `template` renders of `values`, with the session's CSRF token in every form.
    func page(_ status: HTTPResponse.Status, _ template: String, _ values: [String: Any], session: ConsoleSessions.Session?) -> Response {
        var values = values
        values["csrf"] = session?.csrfToken ?? ""
        values["showSignOut"] = sessions.needsLogin && session?.signedIn == true
        let html = templates.render(template, values)
        return Self.response(status, contentType: "text/html; charset=utf-8", body: html)
    }

    /// The head of a page (`header`) with the session's sign-out form, for a page that sends it
    /// before the rest is drawn; and the CSRF token the rest puts in its forms.
    func pageHead(title: String, session: ConsoleSessions.Session?) -> (html: String, csrf: String) {
        let csrf = session?.csrfToken ?? ""
        let values: [String: Any] = ["title": title, "csrf": csrf, "showSignOut": sessions.needsLogin && session?.signedIn == true]
        return (templates.render("header", values), csrf)
    }

    static func response(_ status: HTTPResponse.Status, contentType: String, body: String) -> Response {
        response(status, contentType: contentType, body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
    }

    static func response(_ status: HTTPResponse.Status, contentType: String, body: ResponseBody) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = contentType
        for (name, value) in securityHeaders { headers[name] = value }
        return Response(status: status, headers: headers, body: body)
    }

    /// A POST answered with a GET of `location` (303 See Other), so that a reload sends nothing twice.
    static func redirect(to location: String) -> Response {
        var headers = HTTPFields()
        headers[.location] = location
        for (name, value) in securityHeaders { headers[name] = value }
        return Response(status: .seeOther, headers: headers)
    }

    private func refused(_ message: String) -> Response {
        page(.forbidden, "notFound", ["title": "Forbidden", "message": message], session: nil)
    }

    private func asset(_ name: String) -> Response {
        guard let file = Assets.file(named: name) else {
            return page(.notFound, "notFound", ["title": "Not found", "message": "No file \(name)."], session: nil)
        }
        return Self.response(.ok, contentType: file.contentType, body: file.body)
    }

    /// A page that says what is missing, with 404.
    func missing(_ message: String, session: ConsoleSessions.Session) -> Response {
        page(.notFound, "notFound", ["title": "Not found", "message": message], session: session)
    }
}

/// A time as the `time` template writes it.
func timeValue(_ milliseconds: Int64?) -> Any {
    guard let milliseconds else { return false }
    return ["iso": Date(epochMilliseconds: milliseconds).iso8601Milliseconds]
}
