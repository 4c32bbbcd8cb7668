/// A Fail state's own fields: "A Fail state ("Type": "Fail") stops the execution of the state
/// machine and marks it as a failure".
public struct FailState: Sendable {
    /// `Error`, or `ErrorPath` (a reference path or an intrinsic function that yields a string).
    public var error: Dynamic<String>?
    /// `Cause`, or `CausePath` (a reference path or an intrinsic function that yields a string).
    public var cause: Dynamic<String>?

    /// Makes a Fail state.
    public init(error: Dynamic<String>? = nil, cause: Dynamic<String>? = nil) {
        self.error = error
        self.cause = cause
    }
}
