import JSONValue

/// "Intrinsics for arrays" (Intrinsic functions, AWS Developer Guide). `States.Array` needs no
/// code of its own: "The interpreter returns a JSON array containing the values of the
/// arguments in the order provided."
extension Intrinsics {
    /// `States.ArrayPartition(array, chunkSize)`: "The interpreter chunks the input array into
    /// multiple arrays of the size specified by chunk size. The length of the last array chunk
    /// may be less than the length of the previous array chunks". "You must specify a
    /// non-zero, positive integer for the second argument".
    static func arrayPartition(_ arguments: IntrinsicArguments) throws(IntrinsicFailure) -> JSONValue {
        try arguments.expectCount(2)
        let elements = try arguments.array(0)
        let size = try arguments.truncatedInteger(1)
        guard size > 0 else { throw arguments.invalid }
        let chunks = stride(from: 0, to: elements.count, by: Int(size)).map { start in
            JSONValue.array(Array(elements[start..<min(elements.count, start + Int(size))]))
        }
        return .array(chunks)
    }

    /// `States.ArrayContains(array, value)`: "determine if a specific value is present in an
    /// array".
    ///
    /// Values compare as `JSONValue`s: same type and content, object members in the same
    /// order. AWS was recorded answering false for an object whose keys are in another order,
    /// so order counts there too (conformance case `States.ArrayContains.ts`, AC-009). AWS was
    /// also seen to match `true` with `"true"`; that coercion is not copied.
    static func arrayContains(_ arguments: IntrinsicArguments) throws(IntrinsicFailure) -> JSONValue {
        try arguments.expectCount(2)
        return .bool(try arguments.array(0).contains(arguments[1]))
    }

    /// `States.ArrayRange(first, last, step)`: "The first argument is the first element of the
    /// new array, the second argument is the final element of the new array, and the third
    /// argument is the increment value". "You must specify a non-zero value for the third
    /// argument. The newly generated array can't contain more than 1000 items."
    ///
    /// The last element is included when the steps land on it; a step that points away from
    /// the last element gives an empty array (recorded: `States.ArrayRange(5, 1, 1)` is `[]`,
    /// `States.ArrayRange(5, 1, -2)` is `[5, 3, 1]`).
    static func arrayRange(_ arguments: IntrinsicArguments) throws(IntrinsicFailure) -> JSONValue {
        try arguments.expectCount(3)
        let first = try arguments.truncatedInteger(0)
        let last = try arguments.truncatedInteger(1)
        let step = try arguments.truncatedInteger(2)
        guard step != 0 else { throw arguments.invalid }
        let count: Int64
        if step > 0 {
            count = first <= last ? (last - first) / step + 1 : 0
        } else {
            count = first >= last ? (first - last) / -step + 1 : 0
        }
        guard count <= 1000 else { throw arguments.invalid }
        return .array((0..<count).map { .int(first + $0 * step) })
    }

    /// `States.ArrayGetItem(array, index)`: "returns a specified index's value".
    ///
    /// A negative index or one past the end fails; AWS was recorded returning `null` for any
    /// index into an empty array (conformance case `States.ArrayGetItem.ts`, AGI-011).
    static func arrayGetItem(_ arguments: IntrinsicArguments) throws(IntrinsicFailure) -> JSONValue {
        try arguments.expectCount(2)
        let elements = try arguments.array(0)
        let index = try arguments.truncatedInteger(1)
        guard index >= 0 else { throw arguments.invalid }
        if elements.isEmpty { return .null }
        guard index < elements.count else { throw arguments.invalid }
        return elements[Int(index)]
    }

    /// `States.ArrayLength(array)`: "returns the length of an array".
    static func arrayLength(_ arguments: IntrinsicArguments) throws(IntrinsicFailure) -> JSONValue {
        try arguments.expectCount(1)
        return .int(Int64(try arguments.array(0).count))
    }

    /// `States.ArrayUnique(array)`: "removes duplicate values from an array and returns an
    /// array containing only unique elements"; the first of equal values stays, in place.
    static func arrayUnique(_ arguments: IntrinsicArguments) throws(IntrinsicFailure) -> JSONValue {
        try arguments.expectCount(1)
        var seen = Set<JSONValue>()
        return .array(try arguments.array(0).filter { seen.insert($0).inserted })
    }
}
