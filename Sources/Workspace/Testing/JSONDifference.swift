import JSONValue

/// The first place two JSON values differ, with its JSON path, for a failed expectation.
public struct JSONDifference: Sendable, Equatable, CustomStringConvertible {
    public var path: [JSONPathComponent]
    public var expected: String
    public var actual: String

    public var description: String { "at \(path.jsonPathDescription): expected \(expected), got \(actual)" }

    /// The first difference of `actual` from `expected`, members in `expected`'s order; nil when
    /// they are equal. With `subset`, `actual`'s objects may hold more members than
    /// `expected`'s (arrays still match element by element, and in length).
    public static func first(expected: JSONValue, actual: JSONValue, subset: Bool = false,
                             at path: [JSONPathComponent] = []) -> JSONDifference? {
        switch (expected, actual) {
        case (.object(let want), .object(let have)):
            for (key, value) in want {
                guard let other = have[key] else {
                    return JSONDifference(path: path + [.key(key)], expected: value.compactString(), actual: "nothing (no such member)")
                }
                if let difference = first(expected: value, actual: other, subset: subset, at: path + [.key(key)]) { return difference }
            }
            if !subset, let extra = have.keys.first(where: { want[$0] == nil }) {
                return JSONDifference(path: path + [.key(extra)], expected: "nothing (no such member)", actual: have[extra]?.compactString() ?? "")
            }
            return nil
        case (.array(let want), .array(let have)):
            for index in 0..<min(want.count, have.count) {
                if let difference = first(expected: want[index], actual: have[index], subset: subset, at: path + [.index(index)]) {
                    return difference
                }
            }
            guard want.count == have.count else {
                return JSONDifference(path: path, expected: "\(want.count) elements", actual: "\(have.count): \(actual.compactString())")
            }
            return nil
        case (.int(let want), .double(let have)), (.double(let have), .int(let want)):
            // One number, however it is written: 1 and 1.0 are equal in JSON.
            return Double(want) == have ? nil : JSONDifference(path: path, expected: expected.compactString(), actual: actual.compactString())
        default:
            return expected == actual ? nil : JSONDifference(path: path, expected: expected.compactString(), actual: actual.compactString())
        }
    }
}
