/// Step Functions' ARNs (docs/history.md, "ARNs and defaults"):
/// `arn:aws:states:<region>:<account>:stateMachine:<name>`,
/// `arn:aws:states:<region>:<account>:execution:<machine>:<name>` and a Map Run's
/// `arn:aws:states:<region>:<account>:mapRun:<machine>/<label>:<id>` (docs/distributed-map.md).
struct StatesArn: Equatable {
    enum Kind: String { case stateMachine, execution, mapRun }

    var kind: Kind
    /// `aws`, or another partition's name (`aws-cn`, `aws-us-gov`).
    var partition: String
    var region: String
    var account: String
    var machineName: String
    /// The execution's name, for an execution ARN; the Map Run's id, for a Map Run's.
    var executionName: String?

    /// Reads `text`, which must be an ARN of `kind`: AWS answers anything else with InvalidArn.
    init(_ text: String, kind: Kind) throws(ServiceError) {
        let (parts, count) = Self.parts(of: text)
        guard count >= 7, parts[0] == "arn", parts[1].hasPrefix("aws"), parts[2] == "states" else {
            throw ServiceError(.invalidArn, "Invalid Arn: '\(text)'")
        }
        guard parts[5] == kind.rawValue else {
            throw ServiceError(.invalidArn, "Invalid Arn: 'Resource type not valid in this context: \(parts[5])'")
        }
        let expected = kind == .stateMachine ? 7 : 8
        guard count == expected, (3..<count).allSatisfy({ !parts[$0].isEmpty }) else {
            throw ServiceError(.invalidArn, "Invalid Arn: '\(text)'")
        }
        self.kind = kind
        partition = String(parts[1])
        region = String(parts[3])
        account = String(parts[4])
        machineName = String(parts[6])
        executionName = kind == .stateMachine ? nil : String(parts[7])
    }

    /// The first eight colon-separated parts of `text`, read in place, and how many parts it
    /// has: every StartExecution and DescribeExecution parses an ARN, and splitting it into an
    /// array of strings cost more than the rest of the parse. The parts are split between
    /// characters, as `split(separator:)` splits them: a colon that a combining mark follows
    /// is not a separator, so a text that is not ASCII is split by characters.
    private static func parts(of text: String) -> (InlineArray<8, Substring>, Int) {
        var parts = InlineArray<8, Substring>(repeating: "")
        var count = 0
        guard text.utf8.allSatisfy({ $0 < 0x80 }) else {
            for part in text.split(separator: ":", omittingEmptySubsequences: false) {
                if count < 8 { parts[count] = part }
                count += 1
            }
            return (parts, count)
        }
        let utf8 = text.utf8
        var start = utf8.startIndex
        var index = start
        while index != utf8.endIndex {
            if utf8[index] == UInt8(ascii: ":") {
                if count < 8 { parts[count] = text[start..<index] }
                count += 1
                start = utf8.index(after: index)
            }
            index = utf8.index(after: index)
        }
        if count < 8 { parts[count] = text[start...] }
        return (parts, count + 1)
    }
}

/// Names of state machines and executions: 1–80 characters; no whitespace, no `< > { } [ ] ?
/// * " # % \ ^ | ~ ` $ & , ; : /`, no control characters (U+0000–001F, U+007F–009F,
/// U+FFFE–FFFF), no surrogates and no U+10FFFF (docs/history.md, "Execution names"). A Swift
/// string holds no surrogate: the JSON parser refuses an unpaired `\u` escape of one.
public enum ResourceName {
    /// What is wrong with `name`, or nil when it is a valid name.
    public static func problem(with name: String) -> String? {
        if name.isEmpty || name.count > 80 { return "a name has 1 to 80 characters" }
        if let bad = name.unicodeScalars.first(where: isForbidden) {
            return "a name cannot contain '\(bad.escaped(asASCII: true))'"
        }
        return nil
    }

    /// Made once: every StartExecution checks its name.
    private static let forbidden = Set("<>{}[]?*\"#%\\^|~`$&,;:/".unicodeScalars)

    private static func isForbidden(_ scalar: Unicode.Scalar) -> Bool {
        // ASCII letters, digits, `-` and `_` (the usual names) are decided without a look-up.
        if ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "-" || scalar == "_" {
            return false
        }
        return scalar.properties.isWhitespace || forbidden.contains(scalar) || isControlOrInvalid(scalar.value)
    }

    /// StartExecution's "control characters (U+0000-001F, U+007F-009F, U+FFFE-FFFF)" and
    /// "invalid characters (U+10FFFF)".
    private static func isControlOrInvalid(_ value: UInt32) -> Bool {
        value < 0x20 || (0x7F...0x9F).contains(value) || value == 0xFFFE || value == 0xFFFF || value == 0x10FFFF
    }

    /// InvalidName, as StartExecution and CreateStateMachine answer a bad name.
    static func check(_ name: String) throws(ServiceError) {
        if problem(with: name) != nil { throw ServiceError(.invalidName, "Invalid Name: '\(name)'") }
    }
}
