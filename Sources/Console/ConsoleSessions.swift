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
    /// The most sessions kept: a new one past it forgets every session not signed in, so that
    /// requests without a cookie cannot grow memory without end.
    static let limit = 10_000

    /// The cookie's name.
    static let cookieName = "host_console"

    init(credentials: Credentials?) {
        self.credentials = credentials
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
        sessions.withLock { all in
            if all.count >= Self.limit { all = all.filter { $0.value.signedIn } }
            all[session.id] = session
        }
        return session
    }

    /// Signs `session` in when `secret` is the secret of `accessKeyId`; the session id changes
    /// (so that an id known before the login is worth nothing after it).
    func signIn(_ session: Session, accessKeyId: String, secret: String) -> Session? {
        guard let expected = credentials?.secretAccessKey(for: accessKeyId), Self.same(expected, secret) else { return nil }
        let signedIn = Session(id: Self.randomToken(), csrfToken: Self.randomToken(), signedIn: true)
        sessions.withLock { all in
            all[session.id] = nil
            all[signedIn.id] = signedIn
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
