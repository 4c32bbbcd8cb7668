import Foundation
import JSONata
import JSONValue

/// The JSONata functions Step Functions adds, and the built-ins it takes away ("JSONata
/// functions provided by Step Functions", *Transforming data with JSONata in Step Functions*,
/// AWS Developer Guide; docs/variables.md).
enum StepFunctionsFunctions {
    /// Every function a JSONata state's expressions can call besides JSONata's own.
    static let all: [JSONataFunction] = [partition, range, hash, random, uuid, parse, eval]

    /// `$partition(array, chunkSize)`: the array in chunks of `chunkSize` items, the last one
    /// possibly shorter, as `States.ArrayPartition` (recorded on AWS: `$partition([0, 1, 2], 2)`
    /// is `[[0, 1], [2]]`, and one chunk stays an array of one array).
    static let partition = function("partition", "<an:a>") { arguments throws(JSONataError) in
        guard case .array(let items)? = arguments[0] else { return nil }
        guard let size = arguments[1]?.doubleValue, size >= 1, size == size.rounded() else {
            throw failure("$partition: the chunk size must be a positive whole number")
        }
        let chunk = Int(size)
        return .array(stride(from: 0, to: items.count, by: chunk).map { .array(Array(items[$0..<min($0 + chunk, items.count)])) })
    }

    /// `$range(start, end, step)`: the numbers from `start` to `end` inclusive, `step` apart,
    /// as `States.ArrayRange`. The result is a JSONata sequence: one number is that number
    /// (recorded on AWS: `$range(1, 9, 9)` is `1`).
    static let range = function("range", "<nnn:a>") { arguments throws(JSONataError) in
        guard let start = arguments[0]?.doubleValue, let end = arguments[1]?.doubleValue, let step = arguments[2]?.doubleValue,
            step != 0
        else { throw failure("$range: the step must not be zero") }
        var numbers: [JSONValue] = []
        var value = start
        while step > 0 ? value <= end : value >= end {
            numbers.append(number(value))
            guard numbers.count <= 1000 else { throw failure("$range: the range has more than 1000 items") }
            value += step
        }
        switch numbers.count {
        case 0: return nil
        case 1: return numbers[0]
        default: return .array(numbers)
        }
    }

    /// `$hash(data, algorithm)`: the digest in lowercase hexadecimal, with the algorithms of
    /// `States.Hash` (MD5, SHA-1, SHA-256, SHA-384, SHA-512).
    static let hash = function("hash", "<ss:s>") { arguments throws(JSONataError) in
        guard case .string(let data)? = arguments[0], case .string(let name)? = arguments[1] else { return nil }
        guard let algorithm = Digest.Algorithm(rawValue: name) else {
            let names = Digest.Algorithm.allCases.map(\.rawValue).joined(separator: ", ")
            throw failure("$hash: the algorithm must be one of \(names), not '\(name)'")
        }
        return .string(Digest.hexDigest(of: Array(data.utf8), algorithm: algorithm))
    }

    /// `$random([seed])`: a number in [0, 1); with a seed, the same number for the same seed,
    /// `java.util.Random`'s first `nextDouble()` (observed on AWS: `$random(42)` is
    /// `0.7275636800328681`, docs/variables.md).
    static let random = function("random", "<n?:n>") { arguments throws(JSONataError) in
        guard let seed = arguments.first ?? nil else { return .double(Double.random(in: 0..<1)) }
        guard let whole = seed.doubleValue, whole == whole.rounded(), abs(whole) < 9.2e18 else {
            throw failure("$random: the seed must be a whole number")
        }
        var generator = JavaRandom(seed: Int64(whole))
        return .double(generator.nextDouble())
    }

    /// `$uuid()`: a version 4 UUID in lowercase, as `States.UUID`.
    static let uuid = function("uuid", "<:s>") { _ throws(JSONataError) in
        var generator = SystemRandomNumberGenerator()
        return .string(IntrinsicServices.uuidString(using: &generator))
    }

    /// `$parse(text)`: the JSON value the text holds ("use $parse instead" of `$eval`).
    /// Recorded on AWS: `$parse("-0")` is `0`.
    static let parse = function("parse", "<s:x>") { arguments throws(JSONataError) in
        guard case .string(let text)? = arguments[0] else { return nil }
        do throws(JSONSyntaxError) {
            let value = try JSONValue.parse(text)
            if case .double(let d) = value, d == 0 { return .int(0) }
            return value
        } catch {
            throw failure("$parse: the text is not JSON: \(error)")
        }
    }

    /// "`$eval` is not available": calling it fails as calling any name that is no function
    /// does (recorded on AWS for an unknown `$randomSeeded(...)`: `T1006: Attempted to invoke
    /// a non-function`).
    static let eval = function("eval", "<x?x?:x>") { _ throws(JSONataError) in
        throw JSONataError(code: "T1006", message: "Attempted to invoke a non-function")
    }

    private static func function(_ name: String, _ signature: String,
                                 _ body: @escaping @Sendable ([JSONValue?]) throws(JSONataError) -> JSONValue?) -> JSONataFunction {
        do {
            return try JSONataFunction(name: name, signature: signature, body: body)
        } catch {
            preconditionFailure("the signature of $\(name) is written wrong: \(error)")
        }
    }

    private static func failure(_ message: String) -> JSONataError {
        JSONataError(code: "D3001", message: message)
    }

    /// A whole number as an integer, as JSONata's results print (`3`, not `3.0`).
    private static func number(_ value: Double) -> JSONValue {
        value == value.rounded() && abs(value) < 9.2e18 ? .int(Int64(value)) : .double(value)
    }
}
