import Crypto
import Foundation
import Synchronization
import Workspace

/// The console's sessions (docs/console.md, "Safety"): each browser gets a random session id
/// in an `HttpOnly`, `SameSite=Strict` cookie, and a CSRF token that every form carries back.
/// Beyond loopback a session is signed in only after the login form was given an access key
/// and its secret from the workspace's credentials (docs/server.md, "Credentials").
final class ConsoleSessions: Sendable {
    /// One browser's session.
    struct Session: Sendable, Equatable {
        var id: String
        var csrfToken: String
        var signedIn: Bool
    }

    /// The credentials the login form checks; nil on loopback, where every session is signed in.
    let credentials: Credentials?
    private let sessions = Mutex<[String: Session]>([:])
    /// The session ids in the order they were made (some may be gone already).
    private let made = Mutex<[String]>([])
    /// The most sessions kept, so that requests without a cookie cannot grow memory without
    /// end: a new one past it forgets every session not signed in and, when that is not enough
    /// (on loopback every session is signed in), the oldest quarter of them.
    let limit: Int
    /// The limit a console keeps.
    static let limit = 10_000

    /// The cookie's name.
    static let cookieName = "host_console"

    init(credentials: Credentials?, limit: Int = ConsoleSessions.limit) {
        self.credentials = credentials
        self.limit = limit
    }

    /// Whether a session must sign in before it sees anything.
    var needsLogin: Bool { credentials != nil }

    /// The session of the `Cookie` header's session id, if it is one of ours.
    func session(cookieHeader: String?) -> Session? {
        guard let id = Self.sessionId(in: cookieHeader) else { return nil }
        return sessions.withLock { $0[id] }
    }

    /// A new session, signed in at once on loopback.
    func create() -> Session {
        let session = Session(id: Self.randomToken(), csrfToken: Self.randomToken(), signedIn: credentials == nil)
        made.withLock { order in
            sessions.withLock { all in
                if all.count >= limit {
                    all = all.filter { $0.value.signedIn }
                    order.removeAll { all[$0] == nil }
                }
                if all.count >= limit {
                    for id in order.prefix(limit / 4) { all[id] = nil }
                    order.removeFirst(min(order.count, limit / 4))
                }
                // Ids of sessions that ended or signed in stay in the order until this.
                if order.count >= 2 * limit { order.removeAll { all[$0] == nil } }
                all[session.id] = session
                order.append(session.id)
            }
        }
        return session
    }

    /// How many sessions are kept.
    var count: Int { sessions.withLock { $0.count } }

    /// Signs `session` in when `secret` is the secret of `accessKeyId`; the session id changes
    /// (so that an id known before the login is worth nothing after it).
    func signIn(_ session: Session, accessKeyId: String, secret: String) -> Session? {
        guard let expected = credentials?.secretAccessKey(for: accessKeyId), Self.same(expected, secret) else { return nil }
        let signedIn = Session(id: Self.randomToken(), csrfToken: Self.randomToken(), signedIn: true)
        made.withLock { order in
            sessions.withLock { all in
                all[session.id] = nil
                all[signedIn.id] = signedIn
            }
            order.append(signedIn.id)
        }
        return signedIn
    }

    /// Forgets `session`.
    func end(_ session: Session) {
        _ = sessions.withLock { $0.removeValue(forKey: session.id) }
    }

    /// Whether `token` is the session's CSRF token, compared in constant time.
    static func isValid(csrfToken token: String?, for session: Session) -> Bool {
        guard let token else { return false }
        return same(session.csrfToken, token)
    }

    /// The `Set-Cookie` value for `session`: HttpOnly, SameSite=Strict, for the whole site.
    static func cookie(for session: Session) -> String {
        "\(cookieName)=\(session.id); Path=/; HttpOnly; SameSite=Strict"
    }

    /// The cookie that ends a session in the browser.
    static let expiredCookie = "\(cookieName)=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0"

    /// The session id among a `Cookie` header's `name=value` pairs.
    static func sessionId(in header: String?) -> String? {
        guard let header else { return nil }
        for pair in header.split(separator: ";") {
            let parts = pair.trimmingCharacters(in: .whitespaces).split(separator: "=", maxSplits: 1)
            if parts.count == 2, parts[0] == cookieName { return String(parts[1]) }
        }
        return nil
    }

    /// 32 random bytes as hex.
    static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<32).map { _ in String(format: "%02x", UInt8.random(in: .min ... .max, using: &generator)) }.joined()
    }

    /// Whether two strings are equal, in time that does not depend on where they differ: both
    /// are hashed and the digests compared with Crypto's constant-time comparison.
    static func same(_ a: String, _ b: String) -> Bool {
        SHA256.hash(data: Data(a.utf8)) == SHA256.hash(data: Data(b.utf8))
    }
}
