import JSONValue

extension ChoiceRule {
    /// Whether the rule matches the state's effective input.
    ///
    /// AWS's semantics: a comparison whose `Variable` (or `...Path` operand) selects nothing
    /// fails the execution with States.Runtime, except under `IsPresent`; comparing values of
    /// the wrong type is false (`NumericEquals` against a string); timestamps compare as
    /// instants; `And` and `Or` stop at the first rule that decides them, which is what lets
    /// `IsPresent` guard a later comparison ("the StringEquals rule is only evaluated if
    /// $.keyThatMightNotExist exists because of the previous IsPresent Choice Rule").
    ///
    /// - Parameters:
    ///   - input: the state's effective input (after InputPath).
    ///   - context: the Context object, which `$$` paths read.
    /// - Throws: `StatesError` named States.Runtime for a path that selects nothing. Its cause
    ///   lacks the "An error occurred while executing the state ..." prefix, which the engine adds.
    public func matches(input: JSONValue, context: JSONValue, variables: WorkflowVariables = WorkflowVariables()) throws(StatesError) -> Bool {
        switch self {
        case .and(let rules):
            for rule in rules where !(try rule.matches(input: input, context: context, variables: variables)) { return false }
            return true
        case .or(let rules):
            for rule in rules where try rule.matches(input: input, context: context, variables: variables) { return true }
            return false
        case .not(let rule):
            return !(try rule.matches(input: input, context: context, variables: variables))
        case .comparison(let comparison):
            return try comparison.matches(input: input, context: context, variables: variables)
        case .condition(.value(let flag)):
            return flag
        case .condition(let condition):
            throw StatesError(ErrorName.runtime, cause: "JSONata Condition expressions are not supported by this runner yet: \(condition.jsonataText ?? "").")
        }
    }
}

extension Dynamic {
    /// The expression text of a `.jsonata` value.
    var jsonataText: String? {
        if case .jsonata(let text) = self { return text }
        return nil
    }
}

extension ChoiceRule.Comparison {
    /// Whether `Variable` compares as the operator says with the operand.
    public func matches(input: JSONValue, context: JSONValue, variables: WorkflowVariables = WorkflowVariables()) throws(StatesError) -> Bool {
        let value = variable.evaluate(input: input, context: context, variables: variables)
        if `operator` == .isPresent {
            return (value != nil) == (operandValue(input: input, context: context, variables: variables) == .bool(true))
        }
        guard let value else { throw Self.invalidPath(variable) }
        let expected: JSONValue
        switch operand {
        case .value(let literal): expected = literal
        case .path(let path):
            guard let found = path.evaluate(input: input, context: context, variables: variables) else { throw Self.invalidPath(path) }
            expected = found
        }
        return Self.compare(value, `operator`, expected)
    }

    private func operandValue(input: JSONValue, context: JSONValue, variables: WorkflowVariables) -> JSONValue? {
        switch operand {
        case .value(let literal): literal
        case .path(let path): path.evaluate(input: input, context: context, variables: variables)
        }
    }

    /// AWS's cause for a Choice path that selects nothing (States.Runtime).
    static func invalidPath(_ path: JSONPath) -> StatesError {
        StatesError(ErrorName.runtime, cause: "Invalid path '\(path.text)': The choice state's condition path references an invalid value.")
    }

    /// The comparison itself, once both sides are known. Values of the wrong type never match.
    static func compare(_ value: JSONValue, _ op: ChoiceRule.Operator, _ expected: JSONValue) -> Bool {
        switch op {
        case .stringEquals: return stringOrder(value, expected).map { $0 == 0 } ?? false
        case .stringLessThan: return stringOrder(value, expected).map { $0 < 0 } ?? false
        case .stringGreaterThan: return stringOrder(value, expected).map { $0 > 0 } ?? false
        case .stringLessThanEquals: return stringOrder(value, expected).map { $0 <= 0 } ?? false
        case .stringGreaterThanEquals: return stringOrder(value, expected).map { $0 >= 0 } ?? false
        case .stringMatches:
            guard case .string(let text) = value, case .string(let pattern) = expected else { return false }
            return StringPattern(pattern).matches(text)
        case .numericEquals: return numericOrder(value, expected).map { $0 == 0 } ?? false
        case .numericLessThan: return numericOrder(value, expected).map { $0 < 0 } ?? false
        case .numericGreaterThan: return numericOrder(value, expected).map { $0 > 0 } ?? false
        case .numericLessThanEquals: return numericOrder(value, expected).map { $0 <= 0 } ?? false
        case .numericGreaterThanEquals: return numericOrder(value, expected).map { $0 >= 0 } ?? false
        case .booleanEquals:
            guard case .bool(let a) = value, case .bool(let b) = expected else { return false }
            return a == b
        case .timestampEquals: return timestampOrder(value, expected).map { $0 == 0 } ?? false
        case .timestampLessThan: return timestampOrder(value, expected).map { $0 < 0 } ?? false
        case .timestampGreaterThan: return timestampOrder(value, expected).map { $0 > 0 } ?? false
        case .timestampLessThanEquals: return timestampOrder(value, expected).map { $0 <= 0 } ?? false
        case .timestampGreaterThanEquals: return timestampOrder(value, expected).map { $0 >= 0 } ?? false
        case .isNull: return typeTest(value == .null, expected)
        case .isPresent: return typeTest(true, expected)
        case .isNumeric: return typeTest(value.doubleValue != nil, expected)
        case .isString: return typeTest(value.stringValue != nil, expected)
        case .isBoolean: return typeTest(value.boolValue != nil, expected)
        case .isTimestamp: return typeTest(value.stringValue.flatMap(Timestamp.init) != nil, expected)
        }
    }

    private static func typeTest(_ holds: Bool, _ expected: JSONValue) -> Bool {
        guard case .bool(let wanted) = expected else { return false }
        return holds == wanted
    }

    /// Strings compare as AWS's Java service compares them: by UTF-16 code units, exactly (no
    /// Unicode normalisation, unlike Swift's `==`).
    private static func stringOrder(_ a: JSONValue, _ b: JSONValue) -> Int? {
        guard case .string(let x) = a, case .string(let y) = b else { return nil }
        var left = x.utf16.makeIterator()
        var right = y.utf16.makeIterator()
        while true {
            switch (left.next(), right.next()) {
            case (nil, nil): return 0
            case (nil, _): return -1
            case (_, nil): return 1
            case (let l?, let r?) where l != r: return l < r ? -1 : 1
            default: continue
            }
        }
    }

    /// Integers compare exactly; any other pair of numbers as doubles.
    private static func numericOrder(_ a: JSONValue, _ b: JSONValue) -> Int? {
        if case .int(let x) = a, case .int(let y) = b { return x < y ? -1 : (x == y ? 0 : 1) }
        guard let x = a.doubleValue, let y = b.doubleValue else { return nil }
        return x < y ? -1 : (x == y ? 0 : 1)
    }

    private static func timestampOrder(_ a: JSONValue, _ b: JSONValue) -> Int? {
        guard let x = a.stringValue.flatMap(Timestamp.init), let y = b.stringValue.flatMap(Timestamp.init) else { return nil }
        return x < y ? -1 : (x == y ? 0 : 1)
    }
}
