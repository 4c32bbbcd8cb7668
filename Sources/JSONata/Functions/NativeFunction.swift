/// A function implemented in Swift: a JSONata built-in, or one the caller registers.
///
/// A class, so that reading it out of a function value (at every call) copies one reference,
/// not its name, signature and closure one by one.
final class NativeFunction: @unchecked Sendable {
    typealias Implementation = ([Value], NativeCall) throws(JSONataError) -> Value
    let name: String
    /// How many arguments a higher-order function passes it (the parameter count of the
    /// jsonata-js implementation).
    let arity: Int
    let signature: Signature?
    let implementation: Implementation

    init(name: String, arity: Int, signature: Signature?, _ implementation: @escaping Implementation) {
        self.name = name
        self.arity = arity
        self.signature = signature
        self.implementation = implementation
    }
}

extension FunctionValue: @unchecked Sendable {}

/// JSONata's built-in functions and the helpers they share with the evaluator.
enum Functions {
    /// Every built-in, by name without `$`.
    static let builtins: [String: FunctionValue] = {
        var table: [String: FunctionValue] = [:]
        for (name, signature, arity, implementation) in strings + numbers + arrays + objects + higherOrder + regex + encoding + dates + evaluation {
            let parsed: Signature
            do { parsed = try Signature(signature) } catch { preconditionFailure("bad built-in signature \(signature)") }
            table[name] = FunctionValue(.native(NativeFunction(name: name, arity: arity, signature: parsed, implementation)))
        }
        return table
    }()

    typealias Definition = (name: String, signature: String, arity: Int, implementation: NativeFunction.Implementation)

    // MARK: - Shared helpers

    /// jsonata-js's `boolean`: the effective boolean value, or nil for undefined.
    static func boolean(_ value: Value) -> Bool? {
        switch value {
        case .undefined: return nil
        case .null: return false
        case .bool(let b): return b
        case .number(let n): return n != 0
        case .string(let s): return !s.isEmpty
        case .function: return false
        case .object(let box): return box.count > 0
        case .array(let items, _):
            if items.count == 1 { return boolean(items[0]) ?? false }
            return items.contains { boolean($0) == true }
        }
    }

    /// JavaScript's truthiness (what `$sort` makes of a comparator's result).
    static func truthy(_ value: Value) -> Bool {
        switch value {
        case .undefined, .null: return false
        case .bool(let b): return b
        case .number(let n): return n != 0 && !n.isNaN
        case .string(let s): return !s.isEmpty
        default: return true
        }
    }

    /// `$string`: strings unchanged, functions empty, other values as JSON.
    static func string(_ value: Value, pretty: Bool = false) throws(JSONataError) -> Value {
        switch value {
        case .undefined: return .undefined
        case .string: return value
        case .function: return .emptyString
        case .number(let n) where !n.isFinite: throw JSONataError("D3001", value: NumberText.format(n))
        default:
            // jsonata-js's replacer calls isNumeric on every nested number: D1001 when not finite.
            if let bad = value.firstNonFiniteNumber { throw JSONataError("D1001", value: NumberText.format(bad)) }
            return .string(value.stringified(pretty: pretty))
        }
    }

    /// The operand of `&`: undefined is the empty string.
    static func stringOrEmpty(_ value: Value) throws(JSONataError) -> String {
        if case .string(let s) = value { return s }
        if case .string(let s) = try string(value) { return s }
        return ""
    }

    /// jsonata-js's `append`: undefined is ignored, values become arrays, arrays are joined.
    static func append(_ a: Value, _ b: Value) -> Value {
        if a.isUndefined { return b }
        if b.isUndefined { return a }
        var items = a.asList
        items.append(contentsOf: b.asList)
        return .array(items, [])
    }

    /// A stable merge sort where `swap(a, b)` says that b goes before a, as jsonata-js's.
    static func mergeSort<T>(_ items: [T], _ swap: (T, T) throws(JSONataError) -> Bool) throws(JSONataError) -> [T] {
        if items.count <= 1 { return items }
        let middle = items.count / 2
        let left = try mergeSort(Array(items[..<middle]), swap)
        let right = try mergeSort(Array(items[middle...]), swap)
        var merged: [T] = []
        merged.reserveCapacity(items.count)
        var i = 0, j = 0
        while i < left.count && j < right.count {
            if try swap(left[i], right[j]) {
                merged.append(right[j]); j += 1
            } else {
                merged.append(left[i]); i += 1
            }
        }
        merged.append(contentsOf: left[i...])
        merged.append(contentsOf: right[j...])
        return merged
    }

    /// An integer argument: JSONata's functions truncate what JavaScript converts with ToInteger.
    static func integer(_ value: Value) -> Int? {
        guard case .number(let n) = value, n.isFinite else { return nil }
        return Int(exactly: n.rounded(.towardZero)) ?? (n < 0 ? Int.min / 2 : Int.max / 2)
    }

    static func argument(_ arguments: [Value], _ index: Int) -> Value {
        index < arguments.count ? arguments[index] : .undefined
    }
}
