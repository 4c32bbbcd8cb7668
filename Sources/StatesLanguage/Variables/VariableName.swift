/// What AWS allows as the name of a workflow variable ("Passing data between states with
/// variables", AWS Step Functions Developer Guide; docs/variables.md, "Names and limits").
enum VariableName {
    /// "The maximum length of a variable name is 80" (counted in characters; unsure whether
    /// AWS counts UTF-16 units instead).
    static let maximumLength = 80

    /// "Step Functions defines a single reserved variable called `$states`".
    static let reserved: Set<String> = ["states"]

    /// Why `name` cannot be a variable's name, or nil when it can.
    static func problem(_ name: String) -> String? {
        if name.isEmpty { return "A variable name cannot be empty." }
        if reserved.contains(name) {
            return "The variable name '\(name)' is reserved: '$\(name)' is the variable Step Functions defines for every state."
        }
        if name.count > maximumLength {
            return "The variable name '\(name.prefix(20))...' is \(name.count) characters long; the maximum is \(maximumLength)."
        }
        // "The first character of a variable name must be a Unicode ID_Start character, and the
        // second and subsequent characters must be Unicode ID_Continue characters."
        let first = name.first!
        if !JSONPath.startsVariableName(first) {
            return "The variable name '\(name)' is not valid: it must start with a letter or '_' (a Unicode ID_Start character), not '\(first)'."
        }
        if let bad = name.dropFirst().first(where: { !JSONPath.continuesVariableName($0) }) {
            return "The variable name '\(name)' is not valid: '\(bad)' is not a letter, digit or '_' (a Unicode ID_Continue character)."
        }
        return nil
    }
}
