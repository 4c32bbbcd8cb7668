import JSONValue

/// A Choice Rule: a comparison, a boolean combination of rules, or (in JSONata states) a
/// `Condition`. Evaluate it with `matches(input:context:)`.
public indirect enum ChoiceRule: Sendable {
    /// `And`: "A non-empty array of Choice Rules that must all match."
    case and([ChoiceRule])
    /// `Or`: "A non-empty array of Choice Rules, any one of which may match."
    case or([ChoiceRule])
    /// `Not`: "A single Choice Rule that must not match."
    case not(ChoiceRule)
    /// `Variable` with one comparison operator.
    case comparison(Comparison)
    /// `Condition` (JSONata states): `true`/`false`, or an expression string `{% ... %}`.
    case condition(Dynamic<Bool>)

    /// `Variable` compared with a value or, for the `...Path` operators, with another path.
    public struct Comparison: Sendable {
        /// `Variable`: "the values of Variable and Path fields in a comparison must be valid
        /// reference paths."
        public var variable: JSONPath
        /// The comparison operator (without its `Path` suffix).
        public var `operator`: Operator
        /// The value written after the operator, or the path of its `...Path` form.
        public var operand: Operand

        /// Makes a comparison.
        public init(variable: JSONPath, operator: Operator, operand: Operand) {
            self.variable = variable
            self.operator = `operator`
            self.operand = operand
        }
    }

    /// What a comparison compares `Variable` with.
    public enum Operand: Sendable {
        /// A literal, such as `"StringEquals": "MyString"`.
        case value(JSONValue)
        /// A path, such as `"StringEqualsPath": "$.expected"`.
        case path(JSONPath)
    }

    /// The comparison operators of ASL and AWS, as spelled in definitions.
    public enum Operator: String, Sendable, Hashable, CaseIterable {
        case stringEquals = "StringEquals"
        case stringLessThan = "StringLessThan"
        case stringGreaterThan = "StringGreaterThan"
        case stringLessThanEquals = "StringLessThanEquals"
        case stringGreaterThanEquals = "StringGreaterThanEquals"
        case stringMatches = "StringMatches"
        case numericEquals = "NumericEquals"
        case numericLessThan = "NumericLessThan"
        case numericGreaterThan = "NumericGreaterThan"
        case numericLessThanEquals = "NumericLessThanEquals"
        case numericGreaterThanEquals = "NumericGreaterThanEquals"
        case booleanEquals = "BooleanEquals"
        case timestampEquals = "TimestampEquals"
        case timestampLessThan = "TimestampLessThan"
        case timestampGreaterThan = "TimestampGreaterThan"
        case timestampLessThanEquals = "TimestampLessThanEquals"
        case timestampGreaterThanEquals = "TimestampGreaterThanEquals"
        case isNull = "IsNull"
        case isPresent = "IsPresent"
        case isNumeric = "IsNumeric"
        case isString = "IsString"
        case isBoolean = "IsBoolean"
        case isTimestamp = "IsTimestamp"

        /// What the operator's value must be.
        public enum OperandType: Sendable, Hashable {
            case string, number, boolean, timestamp
        }

        /// The type its literal value must have; the `Is...` tests take a boolean.
        public var operandType: OperandType {
            switch self {
            case .stringEquals, .stringLessThan, .stringGreaterThan, .stringLessThanEquals, .stringGreaterThanEquals, .stringMatches:
                .string
            case .numericEquals, .numericLessThan, .numericGreaterThan, .numericLessThanEquals, .numericGreaterThanEquals:
                .number
            case .timestampEquals, .timestampLessThan, .timestampGreaterThan, .timestampLessThanEquals, .timestampGreaterThanEquals:
                .timestamp
            case .booleanEquals, .isNull, .isPresent, .isNumeric, .isString, .isBoolean, .isTimestamp:
                .boolean
            }
        }

        /// Whether a `...Path` form exists ("append Path to the name of a supported comparison
        /// operator"): every String, Numeric, Boolean and Timestamp comparison except StringMatches.
        public var hasPathForm: Bool {
            switch self {
            case .stringMatches, .isNull, .isPresent, .isNumeric, .isString, .isBoolean, .isTimestamp: false
            default: true
            }
        }

        /// The operator a field name spells, and whether it is the `...Path` form.
        public static func named(_ field: String) -> (Operator, isPath: Bool)? {
            if let op = Operator(rawValue: field) { return (op, false) }
            if field.hasSuffix("Path"), let op = Operator(rawValue: String(field.dropLast(4))), op.hasPathForm {
                return (op, true)
            }
            return nil
        }
    }
}
