import JSONValue
import StatesLanguage

/// "The maximum input or output size for a task, state, or execution is 256 KiB of data as a
/// UTF-8 encoded string" (Step Functions quotas).
enum DataLimit {
    static let bytes = 262_144

    /// The error for a result over the limit; `name` is what the cause calls the producer
    /// (docs/errors.md: the state, the function's ARN, or `lambda`).
    static func check(_ value: JSONValue, name: String?) -> StatesError? {
        exceeds(value) ? error(name: name) : nil
    }

    static func error(name: String?) -> StatesError {
        StatesError(ErrorName.dataLimitExceeded,
                    cause: "The state/task '\(name ?? "execution")' returned a result with a size exceeding the maximum number of bytes service limit.")
    }

    static func exceeds(_ value: JSONValue) -> Bool {
        // Serialize only a value that might be over the limit: most are far below it, and a
        // cheap upper bound of their written size says so.
        var bound = 0
        guard sizeBound(value, &bound) else { return value.compactString().utf8.count > bytes }
        return false
    }

    /// Adds to `total` at least the bytes `value` takes written compactly (each character
    /// of a string counted as an escape, six bytes); false once it passes the limit.
    private static func sizeBound(_ value: JSONValue, _ total: inout Int) -> Bool {
        switch value {
        case .null, .bool, .int, .double: total += 32
        case .string(let s): total += 6 * s.utf8.count + 2
        case .array(let elements):
            total += 2 + elements.count
            for element in elements where !sizeBound(element, &total) { return false }
        case .object(let members):
            total += 2 + members.count
            for (key, member) in members {
                total += 6 * key.utf8.count + 3
                if !sizeBound(member, &total) { return false }
            }
        }
        return total <= bytes
    }
}
