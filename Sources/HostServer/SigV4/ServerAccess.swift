import Foundation
import Workspace

/// Who `host serve` answers. On loopback, anyone, with any credentials or none, as before:
/// only this machine can reach it. Beyond loopback, only requests signed by a configured
/// access key (docs/server.md#serving-beyond-loopback).
enum ServerAccess: Sendable {
    case anyone
    case signed(Credentials)

    /// The access for a server listening on `address`; beyond loopback, the workspace's
    /// credentials, and an error naming where to configure them when there are none.
    init(address: String, workspace: Workspace, environment: [String: String]) throws(CredentialsError) {
        if Self.isLoopback(address) {
            self = .anyone
            return
        }
        let credentials = try workspace.credentials(environment: environment)
        guard !credentials.isEmpty else {
            throw CredentialsError(problems: [
                "serving on \(address), beyond loopback, takes requests signed with SigV4 by a configured access key, and none is configured: "
                    + "add a profile with aws_access_key_id and aws_secret_access_key to \(workspace.credentialsFile.path) "
                    + "(the aws CLI's credentials format), or set \(Credentials.accessKeyIdVariable) and \(Credentials.secretAccessKeyVariable)",
            ])
        }
        self = .signed(credentials)
    }

    /// `localhost`, `::1` and 127.0.0.0/8: addresses only this machine reaches.
    static func isLoopback(_ address: String) -> Bool {
        if address == "localhost" || address == "::1" || address == "[::1]" { return true }
        let octets = address.split(separator: ".", omittingEmptySubsequences: false)
        return octets.count == 4 && octets[0] == "127" && octets.allSatisfy { UInt8($0) != nil }
    }

    /// The verifier of every request, or nil when anyone is served.
    func verifier(now: @escaping @Sendable () -> Date) -> SigV4Verifier? {
        switch self {
        case .anyone: nil
        case .signed(let credentials): SigV4Verifier(credentials: credentials, now: now)
        }
    }
}
