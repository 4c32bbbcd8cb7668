import JSONValue

extension IntrinsicCall {
    /// Evaluates the arguments in order, then the function.
    ///
    /// Wrong argument counts and types fail only when the call runs, as on AWS: a definition
    /// with `States.Base64Decode()` is accepted, and its execution fails with `States.Runtime`
    /// (recorded from AWS in the conformance cases of a public ASL runner, e.g.
    /// `States.Base64Decode.ts`, "rejects missing argument").
    func value(in environment: IntrinsicEnvironment) throws(IntrinsicFailure) -> JSONValue {
        let values = try arguments.map { argument throws(IntrinsicFailure) in try argument.value(in: environment) }
        let arguments = IntrinsicArguments(function: function, values: values, written: self.arguments)
        switch function {
        case .format: return try Intrinsics.format(arguments)
        case .stringToJson: return try Intrinsics.stringToJson(arguments)
        case .jsonToString: return try Intrinsics.jsonToString(arguments)
        case .array: return .array(values)
        case .arrayPartition: return try Intrinsics.arrayPartition(arguments)
        case .arrayContains: return try Intrinsics.arrayContains(arguments)
        case .arrayRange: return try Intrinsics.arrayRange(arguments)
        case .arrayGetItem: return try Intrinsics.arrayGetItem(arguments)
        case .arrayLength: return try Intrinsics.arrayLength(arguments)
        case .arrayUnique: return try Intrinsics.arrayUnique(arguments)
        case .base64Encode: return try Intrinsics.base64Encode(arguments)
        case .base64Decode: return try Intrinsics.base64Decode(arguments)
        case .hash: return try Intrinsics.hash(arguments)
        case .jsonMerge: return try Intrinsics.jsonMerge(arguments)
        case .mathRandom: return try Intrinsics.mathRandom(arguments, services: environment.services)
        case .mathAdd: return try Intrinsics.mathAdd(arguments)
        case .stringSplit: return try Intrinsics.stringSplit(arguments)
        case .uuid:
            try arguments.expectCount(0)
            return .string(environment.services.uuid())
        }
    }
}

extension IntrinsicArgument {
    /// The argument's value; a path that is definite and finds nothing fails the call.
    func value(in environment: IntrinsicEnvironment) throws(IntrinsicFailure) -> JSONValue {
        switch self {
        case .literal(let value): return value
        case .string(let text, _): return .string(text)
        case .call(let call): return try call.value(in: environment)
        case .path(let path):
            guard let value = path.evaluate(input: environment.input, context: environment.context, variables: environment.variables) else {
                throw .pathNotFound(path)
            }
            return value
        }
    }
}

/// Namespace of the functions' implementations, one `static func` per function.
enum Intrinsics {}

/// The evaluated arguments of one call, with checks that fail it with `Invalid arguments in
/// <function>`, AWS's cause for a wrong count, type or value.
struct IntrinsicArguments {
    let function: IntrinsicFunction
    let values: [JSONValue]
    /// The arguments as written, for `States.Format`, whose literal template keeps escapes.
    let written: [IntrinsicArgument]

    var invalid: IntrinsicFailure { .invalidArguments(function) }

    var count: Int { values.count }

    subscript(index: Int) -> JSONValue { values[index] }

    func expectCount(_ expected: Int) throws(IntrinsicFailure) {
        guard values.count == expected else { throw invalid }
    }

    func expectCount(_ range: ClosedRange<Int>) throws(IntrinsicFailure) {
        guard range.contains(values.count) else { throw invalid }
    }

    func string(_ index: Int) throws(IntrinsicFailure) -> String {
        guard case .string(let text) = values[index] else { throw invalid }
        return text
    }

    func array(_ index: Int) throws(IntrinsicFailure) -> [JSONValue] {
        guard case .array(let elements) = values[index] else { throw invalid }
        return elements
    }

    func object(_ index: Int) throws(IntrinsicFailure) -> JSONObject {
        guard case .object(let members) = values[index] else { throw invalid }
        return members
    }

    /// A number cut to an integer towards zero, within Java's `int` range.
    ///
    /// The documentation says non-integers are rounded "off to the nearest integer", but AWS
    /// was recorded truncating for every function except `States.MathAdd`:
    /// `States.ArrayPartition($.arr, 2.6)` chunks by 2, `States.ArrayRange(5.4, -0.6, -2.4)`
    /// behaves like `(5, 0, -2)`, `States.ArrayGetItem($.arr, 1.2)` returns item 1,
    /// `States.MathRandom(1.6, 5.4)` can return 1 (conformance cases of a public ASL runner
    /// run against AWS: `States.ArrayPartition.ts`, `States.ArrayRange.ts`, …).
    func truncatedInteger(_ index: Int) throws(IntrinsicFailure) -> Int64 {
        let integer: Int64
        switch values[index] {
        case .int(let value): integer = value
        case .double(let value) where value.isFinite && abs(value) < 1e18: integer = Int64(value.rounded(.towardZero))
        default: throw invalid
        }
        guard Int32(exactly: integer) != nil else { throw invalid }
        return integer
    }

    /// The number of characters as Java counts them (UTF-16 code units), for the documented
    /// 10,000-character limits.
    static func javaLength(_ text: String) -> Int { text.utf16.count }
}
