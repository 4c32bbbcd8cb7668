import Foundation

extension Workspace {
    /// `.host/credentials`: the access keys `host serve` accepts beyond loopback, in the aws
    /// CLI's credentials format. Kept in `.host/`, which is never committed.
    public var credentialsFile: URL { stateDirectory.appendingPathComponent("credentials") }

    /// The access keys of `.host/credentials` and of `HOST_ACCESS_KEY_ID` /
    /// `HOST_SECRET_ACCESS_KEY` in `environment`; empty when neither is set.
    public func credentials(environment: [String: String]) throws(CredentialsError) -> Credentials {
        try Credentials.load(file: credentialsFile, environment: environment)
    }
}
