import Foundation

/// The access keys `host serve` accepts when it listens beyond loopback: every key pair of the
/// workspace's credentials file (`.host/credentials`, in the aws CLI's format) and the one in
/// `HOST_ACCESS_KEY_ID` / `HOST_SECRET_ACCESS_KEY`. A request signed with any of them is
/// served (docs/server.md#credentials).
public struct Credentials: Sendable, Equatable {
    /// The variable naming an access key ID. Not `AWS_ACCESS_KEY_ID`, which the aws CLI and
    /// the SDKs read for themselves: a client on the same machine would then sign with the
    /// server's key without being told to.
    public static let accessKeyIdVariable = "HOST_ACCESS_KEY_ID"
    /// The variable holding the secret access key of `HOST_ACCESS_KEY_ID`.
    public static let secretAccessKeyVariable = "HOST_SECRET_ACCESS_KEY"

    /// Secret access keys by access key ID.
    private var secrets: [String: String]

    public init(secrets: [String: String] = [:]) {
        self.secrets = secrets
    }

    /// The secret access key of `accessKeyId`, or nil when no source lists it.
    public func secretAccessKey(for accessKeyId: String) -> String? { secrets[accessKeyId] }

    /// Whether no access key is configured.
    public var isEmpty: Bool { secrets.isEmpty }

    /// How many access keys are accepted.
    public var count: Int { secrets.count }

    /// The key pairs of `file` (when it exists) and of `environment`, every problem of both
    /// reported at once, each at its place.
    public static func load(file: URL, environment: [String: String]) throws(CredentialsError) -> Credentials {
        var problems: [String] = []
        var credentials = Credentials()
        var origins: [String: String] = [:]
        if FileManager.default.fileExists(atPath: file.path) {
            do {
                let text = try String(contentsOf: file, encoding: .utf8)
                for pair in CredentialsFile.parse(text, file: file.path, problems: &problems) {
                    credentials.add(pair, problems: &problems, origins: &origins)
                }
            } catch {
                problems.append("\(file.path): error: cannot be read as UTF-8 text: \(error.localizedDescription)")
            }
        }
        if let pair = environmentPair(environment, problems: &problems) {
            credentials.add(pair, problems: &problems, origins: &origins)
        }
        guard problems.isEmpty else { throw CredentialsError(problems: problems) }
        return credentials
    }

    /// `HOST_ACCESS_KEY_ID` and `HOST_SECRET_ACCESS_KEY` together; an empty variable counts as
    /// unset, one without the other is a problem.
    private static func environmentPair(_ environment: [String: String], problems: inout [String]) -> KeyPair? {
        let id = environment[accessKeyIdVariable].flatMap { $0.isEmpty ? nil : $0 }
        let secret = environment[secretAccessKeyVariable].flatMap { $0.isEmpty ? nil : $0 }
        switch (id, secret) {
        case (nil, nil): return nil
        case (let id?, let secret?): return KeyPair(accessKeyId: id, secretAccessKey: secret, origin: "\(accessKeyIdVariable) (environment)")
        case (_?, nil):
            problems.append("\(accessKeyIdVariable) is set but \(secretAccessKeyVariable) is not: set both, or neither")
        case (nil, _?):
            problems.append("\(secretAccessKeyVariable) is set but \(accessKeyIdVariable) is not: set both, or neither")
        }
        return nil
    }

    /// One access key ID with two different secrets is refused: a request signed with either
    /// would be checked against one of them only.
    private mutating func add(_ pair: KeyPair, problems: inout [String], origins: inout [String: String]) {
        if let existing = secrets[pair.accessKeyId] {
            if existing != pair.secretAccessKey {
                problems.append("\(pair.origin): error: access key ID '\(pair.accessKeyId)' is also listed at "
                    + "\(origins[pair.accessKeyId] ?? "another place") with another secret access key")
            }
            return
        }
        secrets[pair.accessKeyId] = pair.secretAccessKey
        origins[pair.accessKeyId] = pair.origin
    }

    /// One access key ID and its secret, with where it was read (`FILE:LINE:COLUMN` or the
    /// variable's name) for the messages.
    struct KeyPair: Equatable {
        var accessKeyId: String
        var secretAccessKey: String
        var origin: String
    }
}

/// Credentials that cannot be used: one line a problem, `FILE:LINE:COLUMN: error: MESSAGE` for
/// the file's.
public struct CredentialsError: Error, Sendable, Equatable, CustomStringConvertible {
    public var problems: [String]

    public init(problems: [String]) {
        self.problems = problems
    }

    public var description: String { problems.joined(separator: "\n") }
}
