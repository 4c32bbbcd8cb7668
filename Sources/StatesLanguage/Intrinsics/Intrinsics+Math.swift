import JSONValue

/// "Intrinsics for math operations" (Intrinsic functions, AWS Developer Guide).
extension Intrinsics {
    /// `States.MathRandom(start, end[, seed])`: "return a random number between the specified
    /// start and end number". "If you use this function with the same seed value, it returns
    /// an identical number."
    ///
    /// Recorded from AWS: the end is excluded (`States.MathRandom(1, 999)` never gives 999),
    /// equal or reversed bounds fail, bounds are cut towards zero (`(1.4, 1.6)` fails as
    /// `(1, 1)`), and a `null` or string seed fails (conformance case
    /// `States.MathRandom.ts`, MRAND-001 to MRAND-019). Bounds are Java `int`s.
    static func mathRandom(_ arguments: IntrinsicArguments, services: IntrinsicServices) throws(IntrinsicFailure) -> JSONValue {
        try arguments.expectCount(2...3)
        let start = try arguments.truncatedInteger(0)
        let end = try arguments.truncatedInteger(1)
        guard start < end, let bound = Int32(exactly: end - start) else { throw arguments.invalid }
        guard arguments.count == 3 else { return .int(services.randomInteger(start..<end)) }
        let seed: Int64
        switch arguments[2] {
        case .int(let value): seed = value
        case .double(let value) where value.isFinite && abs(value) < 9e18: seed = Int64(value.rounded(.towardZero))
        default: throw arguments.invalid
        }
        var random = JavaRandom(seed: seed)
        return .int(start + Int64(random.nextInt(bound: bound)))
    }

    /// `States.MathAdd(a, b)`: "return the sum of two numbers". "If you specify a non-integer
    /// value for one or both the arguments, Step Functions will round it off to the nearest
    /// integer."
    ///
    /// The rounding is Java's `Math.round`, halves towards positive infinity, as recorded from
    /// AWS: `MathAdd(1.49, 1.5)` is 3, `MathAdd(-1.49, -1.5)` is -2, `MathAdd(-1.5, -1.51)` is -3
    /// (LocalStack's `test_math_operations.snapshot.json`). Operands and sum are Java `int`s:
    /// `MathAdd(2147483647, 1)` fails (conformance case `States.MathAdd.ts`, MADD-011).
    static func mathAdd(_ arguments: IntrinsicArguments) throws(IntrinsicFailure) -> JSONValue {
        try arguments.expectCount(2)
        let lhs = try javaRounded(arguments[0], arguments)
        let rhs = try javaRounded(arguments[1], arguments)
        guard let sum = Int32(exactly: lhs + rhs) else { throw arguments.invalid }
        return .int(Int64(sum))
    }

    /// Java's `Math.round(double)`: the nearest integer, halves up; then checked to fit an `int`.
    private static func javaRounded(_ value: JSONValue, _ arguments: IntrinsicArguments) throws(IntrinsicFailure) -> Int64 {
        let rounded: Int64
        switch value {
        case .int(let integer):
            rounded = integer
        case .double(let number) where number.isFinite && abs(number) < 1e18:
            let floor = number.rounded(.down)
            rounded = Int64(number - floor >= 0.5 ? floor + 1 : floor)
        default:
            throw arguments.invalid
        }
        guard Int32(exactly: rounded) != nil else { throw arguments.invalid }
        return rounded
    }
}
