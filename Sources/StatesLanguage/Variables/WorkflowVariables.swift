import JSONValue

/// The workflow variables a state can read: those its own scope assigned and, read-only, those
/// of the scopes around it.
///
/// "Variables are scoped to the workflow in which they are defined": the top-level states share
/// one scope, and each Parallel branch and each Map iteration runs in a scope of its own that
/// sees the variables of the scope it was started from, as they were when its state was
/// entered, but cannot assign them; its own assignments end with it (docs/variables.md).
public struct WorkflowVariables: Sendable, Equatable {
    /// The scopes, outermost first; the last is the one that assignments change.
    private var scopes: [[String: JSONValue]]
    /// The size of each variable's value, scope by scope, as `VariableLimits` measures it.
    private var sizes: [[String: Int]]

    /// No variables: the scope of an execution's top-level states before any assignment.
    public init() {
        scopes = [[:]]
        sizes = [[:]]
    }

    /// The size of every variable held here, in bytes of compact JSON text.
    public var byteCount: Int { sizes.reduce(0) { $0 + $1.values.reduce(0, +) } }

    /// The size of `name`'s value in the scope that assignments change (0 when it has none).
    func innerByteCount(of name: String) -> Int { sizes[sizes.count - 1][name] ?? 0 }

    /// The value of `$name`, from the innermost scope that has it; nil when no scope does.
    public subscript(name: String) -> JSONValue? {
        for scope in scopes.reversed() {
            if let value = scope[name] { return value }
        }
        return nil
    }

    /// Whether no scope holds a variable.
    public var isEmpty: Bool { scopes.allSatisfy(\.isEmpty) }

    /// Every variable visible here, inner values hiding outer ones of the same name.
    public var all: [String: JSONValue] {
        var merged: [String: JSONValue] = [:]
        for scope in scopes { merged.merge(scope) { _, inner in inner } }
        return merged
    }

    /// The scope of a Parallel branch or Map iteration started from here.
    public func nested() -> WorkflowVariables {
        var inner = self
        inner.scopes.append([:])
        inner.sizes.append([:])
        return inner
    }

    /// The name of the first of `names` that belongs to a scope around this one, which this
    /// scope may read but not assign.
    public func outerName(among names: some Sequence<String>) -> String? {
        names.first { name in scopes.dropLast().contains { $0[name] != nil } }
    }

    /// Sets variables of this scope. `sizes` gives the values' sizes when the caller has
    /// measured them already (`VariableLimits.sizes(of:)`).
    public mutating func assign(_ values: JSONObject, sizes measured: [String: Int]? = nil) {
        let sizes = measured ?? VariableLimits.sizes(of: values)
        for (name, value) in values {
            scopes[scopes.count - 1][name] = value
            self.sizes[self.sizes.count - 1][name] = sizes[name] ?? 0
        }
    }
}
