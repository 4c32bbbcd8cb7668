import JSONValue

/// A Task state's own fields: "A Task state ("Type": "Task") represents a single unit of work
/// performed by a state machine."
public struct TaskState: Sendable {
    /// `Resource`: "A URI, especially an ARN that uniquely identifies the specific task to execute."
    public var resource: String
    /// `TimeoutSeconds` / `TimeoutSecondsPath`: the task fails with States.Timeout after this
    /// long. Nil means AWS sets no timeout (the function's own timeout still applies).
    public var timeoutSeconds: Dynamic<Int>?
    /// `HeartbeatSeconds` / `HeartbeatSecondsPath`: the task fails with
    /// States.HeartbeatTimeout when no heartbeat arrives for this long.
    public var heartbeatSeconds: Dynamic<Int>?
    /// `Credentials`: the role to assume for the task (kept; `host` does not assume roles).
    public var credentials: Payload?

    /// Makes a Task with a resource and optional timeouts.
    public init(resource: String, timeoutSeconds: Dynamic<Int>? = nil, heartbeatSeconds: Dynamic<Int>? = nil, credentials: Payload? = nil) {
        self.resource = resource
        self.timeoutSeconds = timeoutSeconds
        self.heartbeatSeconds = heartbeatSeconds
        self.credentials = credentials
    }
}
