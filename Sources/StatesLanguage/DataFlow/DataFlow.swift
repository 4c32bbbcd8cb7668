import JSONValue

/// How a JSONPath state moves data: `InputPath` and `OutputPath` select, `ResultPath` places.
///
/// Failures are `States.Runtime`, as AWS reports them (docs/errors.md): the cause is
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
    public static func select(_ path: JSONPath?, isNull: Bool, from value: JSONValue, context: JSONValue,
                              variables: WorkflowVariables = WorkflowVariables()) throws(StatesError) -> JSONValue {
        if isNull { return .object([:]) }
        guard let path else { return value }
        switch path.select(input: value, context: context, variables: variables) {
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
    /// Recorded on AWS (docs/errors.md, "ResultPath"): every missing object on the way is
    /// created, so `$.enigma.mystery` on `{"functionName": "f"}` gives `{"functionName": "f",
    /// "enigma": {"mystery": <result>}}`; a step that meets anything but an object (or, for an
    /// index, an array holding that index) fails with `States.ReferencePathConflict`.
    public static func applyResultPath(_ path: JSONPath?, isNull: Bool, result: JSONValue, input: JSONValue) throws(StatesError) -> JSONValue {
        if isNull { return input }
        guard let path, !path.steps.isEmpty else { return result }
        guard path.isReferencePath, !path.isContextPath, path.variable == nil,
              let placed = place(result, into: input, steps: path.steps[...]) else {
            throw referencePathConflict(path, input: input)
        }
        return placed
    }

    /// `value` rebuilt with `result` at the end of `steps`, creating the objects that are
    /// missing; nil when a step cannot be applied to what it meets.
    private static func place(_ result: JSONValue, into value: JSONValue?, steps: ArraySlice<JSONPath.Step>) -> JSONValue? {
        guard let step = steps.first else { return result }
        switch (step, value ?? .object([:])) {
        case (.property(let names), .object(var members)):
            guard let placed = place(result, into: members[names[0]], steps: steps.dropFirst()) else { return nil }
            members[names[0]] = placed
            return .object(members)
        case (.index(let indexes), .array(var elements)):
            let position = indexes[0] < 0 ? elements.count + indexes[0] : indexes[0]
            guard elements.indices.contains(position),
                  let placed = place(result, into: elements[position], steps: steps.dropFirst()) else { return nil }
            elements[position] = placed
            return .array(elements)
        default:
            return nil
        }
    }

    /// `States.ReferencePathConflict`, whose cause (unlike States.Runtime's) names no state:
    /// `Unable to apply ReferencePath $.r to input "input1"` (docs/errors.md).
    static func referencePathConflict(_ path: JSONPath, input: JSONValue) -> StatesError {
        StatesError(ErrorName.referencePathConflict, cause: "Unable to apply ReferencePath \(path.text) to input \(input.compactString())")
    }

    /// `States.Runtime` with `Invalid path '<path>' : <message>`.
    static func invalidPath(_ path: JSONPath, _ miss: PathMiss) -> StatesError {
        StatesError(ErrorName.runtime, cause: "Invalid path '\(path.text)' : \(miss.message)")
    }
}
