import JSONValue

/// A Pass state's own field: "A Pass state ("Type": "Pass") passes its input to its output,
/// without performing work."
public struct PassState: Sendable {
    /// `Result` (JSONPath states): "Refers to the output of a virtual task that is passed on to
    /// the next state." When absent, the result is the state's effective input.
    public var result: JSONValue?

    /// Makes a Pass state with an optional fixed result.
    public init(result: JSONValue? = nil) { self.result = result }
}
