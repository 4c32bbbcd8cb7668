import JSONValue

/// How a JSONPath state moves data: `InputPath` and `OutputPath` select, `ResultPath` places.
///
/// Failures are `States.Runtime`, as AWS reports them (REFERENCE.md §3): the cause is
/// `Invalid path '<path>' : <Jayway's message>`. The engine prefixes it with
/// `An error occurred while executing the state …`.
public enum DataFlow {
    /// `InputPath` or `OutputPath`: `path` nil means the field is absent (`$`, the whole
    /// value); `isNull` means it is JSON `null`: "If the value of InputPath is null, that means
    /// that the raw input is discarded, and the effective input for the state is an empty JSON
    /// object, {}", and "If the OutputPath is null, JSON text representing an empty object {}
    /// is sent to the next state" (Input and Output Processing, AWS Developer Guide).
    ///
    /// A definite path that finds nothing fails: "If the OutputPath doesn't match an item in
    /// the state's input, an exception specifies an invalid path", recorded as
    /// `Invalid path '$.NoSuchInputPath' : No results for path: $['NoSuchInputPath']`. An
    /// indefinite path gives the array of its matches, possibly empty ("A path can yield a
    /// selection of values": `$.a[0:2]` of `{"a": [1, 2, 3, 4]}` is `[1, 2]`).
    public static func select(_ path: JSONPath?, isNull: Bool, from value: JSONValue, context: JSONValue) throws(StatesError) -> JSONValue {
        if isNull { return .object([:]) }
        guard let path else { return value }
        switch path.select(input: value, context: context) {
        case .success(let selected): return selected
        case .failure(let miss): throw invalidPath(path, miss)
        }
    }

    /// `ResultPath`: places `result` into `input`.
    ///
    /// - absent or `$`: "the results of the state execution overwrite the input entirely";
    /// - `null`: "the results of executing the state are discarded and the input is untouched";
    /// - `$.a.b`: "If the ResultPath matches an item in the state's input, only that input item
    ///   is overwritten … If the ResultPath doesn't match an item in the state's input, an item
    ///   is added to the input" (Input and Output Processing, AWS Developer Guide).
    ///
    /// Only the last step is created. A missing step before it fails as AWS was recorded
    /// failing: `Invalid path '$.no.such.result.path' : Missing property in path $['no']`
    /// (REFERENCE.md §3); so does a step into something that is not an object (or array, for
    /// an index), with Jayway's message for it. The path must be a reference path; one that
    /// is not fails the same way.
    public static func applyResultPath(_ path: JSONPath?, isNull: Bool, result: JSONValue, input: JSONValue) throws(StatesError) -> JSONValue {
        if isNull { return input }
        guard let path, !path.steps.isEmpty else { return result }
        guard path.isReferencePath, !path.isContextPath else {
            throw invalidPath(path, PathMiss(message: "ResultPath must be a reference path"))
        }
        do throws(PathMiss) {
            return try place(result, into: input, steps: path.steps[...], at: "$")
        } catch {
            throw invalidPath(path, error)
        }
    }

    /// Rebuilds `value` with `result` at the end of `steps`, following Jayway's rules for the
    /// steps on the way (see `PathEvaluation`).
    private static func place(
        _ result: JSONValue, into value: JSONValue, steps: ArraySlice<JSONPath.Step>, at path: String
    ) throws(PathMiss) -> JSONValue {
        guard let step = steps.first else { return result }
        let isLast = steps.count == 1
        switch (step, value) {
        case (.property(let names), .object(var members)):
            let name = names[0]
            let memberPath = path + "['\(name)']"
            if isLast {
                members[name] = result
            } else {
                guard let member = members[name] else { throw PathMiss(message: "Missing property in path " + memberPath) }
                members[name] = try place(result, into: member, steps: steps.dropFirst(), at: memberPath)
            }
            return .object(members)
        case (.property, _):
            throw PathEvaluation.notAnObject(step, path, value)
        case (.index(let indexes), .array(var elements)):
            let position = indexes[0] < 0 ? elements.count + indexes[0] : indexes[0]
            let elementPath = path + "[\(indexes[0])]"
            guard elements.indices.contains(position) else { throw PathMiss(message: "No results for path: " + elementPath) }
            elements[position] = try place(result, into: elements[position], steps: steps.dropFirst(), at: elementPath)
            return .array(elements)
        case (.index, .null):
            throw PathMiss(message: "The path \(path) is null")
        case (.index, _):
            throw PathMiss(message: "Filter: \(step.normalizedText) can only be applied to arrays. Current context is: \(JavaText.string(of: value))")
        default:
            throw PathMiss(message: "ResultPath must be a reference path")
        }
    }

    /// `States.Runtime` with `Invalid path '<path>' : <message>`.
    static func invalidPath(_ path: JSONPath, _ miss: PathMiss) -> StatesError {
        StatesError(ErrorName.runtime, cause: "Invalid path '\(path.text)' : \(miss.message)")
    }
}
