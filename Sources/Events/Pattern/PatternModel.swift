import JSONValue

// The compiled form of an event pattern. The parser (`PatternParser`) builds it from JSON and
// rejects what AWS rejects; the matcher (`PatternModel+Matching.swift`) only reads it.
//
// AWS compiles patterns with its open-source event-ruler library; where the documentation is
// silent, the comments below say which behaviour of that library (or which recording of AWS
// answers) a rule follows.

/// One object level of a pattern: every field must match, and so must one branch of `$or`.
///
/// "For an event pattern to match an event, the event must contain all the field names listed in
/// the event pattern. The field names must also appear in the event with the same nesting
/// structure." (Amazon EventBridge event patterns)
struct ObjectPattern: Sendable, Equatable {
    /// The named fields, in the order they were written; all must match.
    var fields: [FieldRule] = []
    /// The branches of this level's `"$or"`; when there are any, at least one must match.
    var anyOf: [ObjectPattern] = []
}

/// A field of an object level and what its value must be.
struct FieldRule: Sendable, Equatable {
    /// The field name, compared with event field names byte for byte.
    var name: String
    /// What the field's value must be.
    var pattern: FieldPattern
}

/// The value a pattern gives a field: a nested object level, or a leaf array of matchers.
indirect enum FieldPattern: Sendable, Equatable {
    /// `"detail": { ... }`: the event's field is examined one level deeper.
    case object(ObjectPattern)
    /// `"state": [ ... ]`: "An event pattern matches the event if any of the values in the array
    /// match the value in the event." (Arrays in Amazon EventBridge event patterns)
    case values([ValueMatcher])
}

/// One element of a leaf array.
enum ValueMatcher: Sendable, Equatable {
    /// A string, matched character by character; `ip` is set when it is an IP address literal,
    /// which event-ruler compiles to a one-address range, so other spellings of it match too.
    case string(String, ip: IPAddress?)
    /// A number. event-ruler adds two matchers for a number: its text, and (when the number is
    /// within the numeric range) its numeric value to 6 decimals, so `300` matches `300.0`.
    case number(JSONValue, comparable: Int64?)
    /// `true` or `false`.
    case bool(Bool)
    /// `null`: "Null values and empty strings are not interchangeable in pattern matching."
    case null
    /// `{"prefix": "..."}`, optionally `{"prefix": {"equals-ignore-case": "..."}}`.
    case prefix(String, ignoringCase: Bool)
    /// `{"suffix": "..."}`, optionally `{"suffix": {"equals-ignore-case": "..."}}`.
    case suffix(String, ignoringCase: Bool)
    /// `{"equals-ignore-case": "..."}`.
    case equalsIgnoringCase(String)
    /// `{"wildcard": "..."}`.
    case wildcard(WildcardPattern)
    /// `{"anything-but": ...}` in any of its forms.
    case anythingBut(AnythingBut)
    /// `{"numeric": [...]}`.
    case numeric(NumericRange)
    /// `{"cidr": "..."}`.
    case cidr(IPAddressRange)
    /// `{"exists": true}` or `{"exists": false}`.
    case exists(Bool)
}

/// The forms of `anything-but`: "Anything-but matching matches anything except what's provided in
/// the rule."
enum AnythingBut: Sendable, Equatable {
    /// `"anything-but": "x"` or `["x", "y"]`: any value but these strings.
    case strings([String])
    /// `"anything-but": 1` or `[1, 2]`: any value but these numbers (as comparable numbers).
    case numbers([Int64])
    /// `{"anything-but": {"prefix": ...}}`: any value that does not start with one of these.
    case prefixes([String])
    /// `{"anything-but": {"suffix": ...}}`: any value that does not end with one of these.
    case suffixes([String])
    /// `{"anything-but": {"equals-ignore-case": ...}}`.
    case ignoringCase([String])
    /// `{"anything-but": {"wildcard": ...}}`.
    case wildcards([WildcardPattern])
}

/// A numeric interval in comparable form (millionths, see `ComparableNumber`).
struct NumericRange: Sendable, Equatable {
    /// The lower bound in millionths.
    var lower: Int64
    /// Whether the lower bound itself is excluded (`>` rather than `>=`).
    var lowerOpen: Bool
    /// The upper bound in millionths.
    var upper: Int64
    /// Whether the upper bound itself is excluded (`<` rather than `<=`).
    var upperOpen: Bool

    /// `["=", x]`: exactly `x`.
    static func equal(to value: Int64) -> NumericRange {
        NumericRange(lower: value, lowerOpen: false, upper: value, upperOpen: false)
    }

    /// Whether `value` (in millionths) lies in the interval.
    func contains(_ value: Int64) -> Bool {
        (lowerOpen ? value > lower : value >= lower) && (upperOpen ? value < upper : value <= upper)
    }
}
