import JSONValue

/// One element of `Catch`: which errors it handles and the state to go to.
public struct Catcher: Sendable {
    /// `ErrorEquals`: "A non-empty array of strings that match error names."
    public var errorEquals: [String]
    /// `Next`: the state to go to, in the same scope.
    public var next: String
    /// `ResultPath` (JSONPath states): where `{"Error", "Cause"}` goes in the input; absent
    /// means `$` (it replaces the input), null means the input is passed on unchanged.
    public var resultPath: PathField
    /// `Output` (JSONata states).
    public var output: JSONValue?
    /// `Assign`: variables set when this catcher handles the error.
    public var assign: Payload?
    /// `Comment`.
    public var comment: String?

    /// Makes a catcher.
    public init(errorEquals: [String], next: String, resultPath: PathField = .absent, output: JSONValue? = nil, assign: Payload? = nil, comment: String? = nil) {
        self.errorEquals = errorEquals
        self.next = next
        self.resultPath = resultPath
        self.output = output
        self.assign = assign
        self.comment = comment
    }
}
