import JSONValue

/// AWS's limits on the size of workflow variables ("Passing data between states with
/// variables", AWS Step Functions Developer Guide; docs/variables.md, "Names and limits").
/// A value's size is the length in UTF-8 bytes of its compact JSON text, the text the history
/// records for it in `assignedVariables`.
public enum VariableLimits {
    /// "The maximum size of a single variable is 256KiB".
    public static let valueBytes = 262_144
    /// "The maximum combined size for all variables in a single Assign field is also 256KiB".
    public static let assignBytes = 262_144
    /// "The total size of all stored variables cannot exceed 10MiB per execution".
    public static let executionBytes = 10_485_760

    /// The size of each value, by name.
    public static func sizes(of values: JSONObject) -> [String: Int] {
        var sizes: [String: Int] = [:]
        for (name, value) in values { sizes[name] = value.compactString().utf8.count }
        return sizes
    }

    /// Why one state's assignments, of values `sizes` (by name, in the order `Assign` writes
    /// them), cannot be stored beside `variables`, or nil when they can.
    public static func problem(assigning sizes: [(name: String, bytes: Int)], to variables: WorkflowVariables) -> String? {
        if let large = sizes.first(where: { $0.bytes > valueBytes }) {
            return "The value assigned to the variable '$\(large.name)' is \(large.bytes) bytes, over the limit of \(valueBytes) bytes (256 KiB) for one variable."
        }
        let assigned = sizes.reduce(0) { $0 + $1.bytes }
        if assigned > assignBytes {
            return "The values assigned by this state's Assign are \(assigned) bytes together, over the limit of \(assignBytes) bytes (256 KiB) for one Assign."
        }
        let replaced = sizes.reduce(0) { $0 + variables.innerByteCount(of: $1.name) }
        let total = variables.byteCount - replaced + assigned
        if total > executionBytes {
            return "The variables of this execution would be \(total) bytes together, over the limit of \(executionBytes) bytes (10 MiB) for all variables of an execution."
        }
        return nil
    }
}
