/// Whether a retrier's or catcher's `ErrorEquals` handles an error, by AWS's rules
/// (docs/errors.md). Names are case-sensitive.
public enum ErrorMatching {
    /// Whether any name of `errorEquals` matches `error`.
    public static func matches(_ errorEquals: [String], error: String) -> Bool {
        errorEquals.contains { matches($0, error: error) }
    }

    /// Whether one `ErrorEquals` entry matches `error`:
    /// - `States.Runtime` is matched by nothing: "Errors of this type are not retriable and will
    ///   always cause the execution to fail. A retry or catch on States.ALL won't catch
    ///   States.Runtime errors." (docs/errors.md: "It never matches States.Runtime, which always
    ///   fails the execution.")
    /// - `States.ALL` "is a wild-card and matches any Error Name" else. It does match
    ///   States.DataLimitExceeded: the documentation says otherwise, but AWS's recorded
    ///   behaviour is that a `States.ALL` catcher catches a Task's DataLimitExceeded, and
    ///   docs/errors.md says to follow the recording.
    /// - `States.TaskFailed` "acts as a wildcard that matches any known error except for
    ///   States.Timeout."
    /// - any other name matches itself exactly.
    public static func matches(_ name: String, error: String) -> Bool {
        if error == ErrorName.runtime { return false }
        switch name {
        case ErrorName.all: return true
        case ErrorName.taskFailed: return error != ErrorName.timeout
        default: return name == error
        }
    }
}

extension Retrier {
    /// Whether this retrier's `ErrorEquals` handles `error`.
    public func matches(error: String) -> Bool { ErrorMatching.matches(errorEquals, error: error) }
}

extension Catcher {
    /// Whether this catcher's `ErrorEquals` handles `error`.
    public func matches(error: String) -> Bool { ErrorMatching.matches(errorEquals, error: error) }
}
