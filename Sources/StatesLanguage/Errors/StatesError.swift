/// An error as Step Functions names it: the `Error` and `Cause` a Catch sees, a history
/// event records and an execution fails with.
public struct StatesError: Error, Sendable, Equatable, CustomStringConvertible {
    public var error: String
    public var cause: String?

    public init(_ error: String, cause: String? = nil) {
        self.error = error
        self.cause = cause
    }

    public var description: String { cause.map { "\(error): \($0)" } ?? error }
}

/// The predefined error names (docs/errors.md). Names are case-sensitive; custom names must
/// not start with `States.`.
public enum ErrorName {
    public static let all = "States.ALL"
    public static let taskFailed = "States.TaskFailed"
    public static let timeout = "States.Timeout"
    public static let heartbeatTimeout = "States.HeartbeatTimeout"
    public static let permissions = "States.Permissions"
    public static let resultPathMatchFailure = "States.ResultPathMatchFailure"
    public static let parameterPathFailure = "States.ParameterPathFailure"
    public static let queryEvaluationError = "States.QueryEvaluationError"
    public static let branchFailed = "States.BranchFailed"
    public static let noChoiceMatched = "States.NoChoiceMatched"
    public static let intrinsicFailure = "States.IntrinsicFailure"
    public static let exceedToleratedFailureThreshold = "States.ExceedToleratedFailureThreshold"
    public static let itemReaderFailed = "States.ItemReaderFailed"
    public static let resultWriterFailed = "States.ResultWriterFailed"
    public static let dataLimitExceeded = "States.DataLimitExceeded"
    public static let runtime = "States.Runtime"
    /// Not among the documented names, but what AWS fails with when a ResultPath cannot be
    /// applied to the state's input (docs/errors.md).
    public static let referencePathConflict = "States.ReferencePathConflict"

    /// Every predefined name.
    public static let predefined: Set<String> = [
        all, taskFailed, timeout, heartbeatTimeout, permissions, resultPathMatchFailure, parameterPathFailure,
        queryEvaluationError, branchFailed, noChoiceMatched, intrinsicFailure, exceedToleratedFailureThreshold,
        itemReaderFailed, resultWriterFailed, dataLimitExceeded, runtime,
    ]
}
