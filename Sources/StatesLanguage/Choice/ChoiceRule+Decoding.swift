import JSONValue

extension DefinitionDecoder {
    /// Every comparison operator name, with the `...Path` forms.
    static let operatorFields: Set<String> = Set(ChoiceRule.Operator.allCases.flatMap { op in
        op.hasPathForm ? [op.rawValue, op.rawValue + "Path"] : [op.rawValue]
    })

    /// The fields of a rule in `Choices`, and of a rule inside `And`, `Or` or `Not`.
    static let topLevelRuleFields = FieldRules.choiceRule(topLevel: true).union(operatorFields)
    static let nestedRuleFields = FieldRules.choiceRule(topLevel: false).union(operatorFields)

    /// A Choice state's fields: "A Choice state must have a Choices field whose value is a
    /// non-empty array", and an optional `Default`. Each `Next` and `Default` is a transition.
    func decodeChoice(_ fields: ObjectFields, state: String, language: QueryLanguage) -> ChoiceState {
        require(["Choices"], in: fields)
        let elements = nonEmptyArray("Choices", in: fields, of: "Choice Rules") ?? []
        let choices = elements.enumerated().compactMap { index, element in
            decodeTopLevelRule(element, at: fields.at("Choices") + [.index(index)], state: state, language: language)
        }
        let defaultNext = string("Default", in: fields)
        if let defaultNext { transition(to: defaultNext, from: state, at: fields.at("Default")) }
        return ChoiceState(choices: choices, defaultNext: defaultNext)
    }

    /// An element of `Choices`: a rule with its `Next` (required here, refused in nested rules).
    private func decodeTopLevelRule(_ value: JSONValue, at path: [JSONPathComponent], state: String, language: QueryLanguage) -> ChoiceState.Choice? {
        guard let all = object(value, at: path, what: "A Choice Rule") else { return nil }
        let fields = checkFields(all, allowed: Self.topLevelRuleFields, language: language, owner: "a Choice Rule")
        // AWS: "These fields are required: [Next]" at /States/<state>/Choices/<i>.
        require(["Next"], in: fields)
        let next = string("Next", in: fields)
        if let next { transition(to: next, from: state, at: fields.at("Next")) }
        let rule = decodeRule(fields, language: language)
        let assign = assignment(in: fields, language: language)
        guard let rule else { return nil }
        return ChoiceState.Choice(rule: rule, next: next ?? "", assign: assign, output: fields["Output"], comment: string("Comment", in: fields))
    }

    /// A rule inside `And`, `Or` or `Not`, which "MUST NOT have a field named "Next"".
    private func decodeNestedRule(_ value: JSONValue, at path: [JSONPathComponent], language: QueryLanguage) -> ChoiceRule? {
        guard let all = object(value, at: path, what: "A nested Choice Rule") else { return nil }
        return decodeRule(checkFields(all, allowed: Self.nestedRuleFields, language: language, owner: "a nested Choice Rule"), language: language)
    }

    /// The condition of a rule whose fields were checked: a JSONata `Condition`, or exactly one
    /// of a comparison operator (with `Variable`), `And`, `Or` and `Not`.
    private func decodeRule(_ fields: ObjectFields, language: QueryLanguage) -> ChoiceRule? {
        if language == .jsonata {
            // "Condition field – A JSONata expression that evaluates to true/false."
            require(["Condition"], in: fields)
            switch fields["Condition"] {
            case .bool(let flag)?: return .condition(.value(flag))
            case .string(let text)? where text.isJSONataExpression: return .condition(.jsonata(text))
            case let value?:
                error("Field 'Condition' must be a JSONata expression or a boolean, not \(Self.describe(value)).", at: fields.at("Condition"))
                return nil
            case nil: return nil
            }
        }
        let operators = fields.members.keys.filter { Self.operatorFields.contains($0) || $0 == "And" || $0 == "Or" || $0 == "Not" }
        guard let first = operators.first else {
            error("A Choice Rule must have one comparison operator (such as StringEquals) with a 'Variable', or one of 'And', 'Or' and 'Not'.", at: fields.path)
            return nil
        }
        // AWS's language service: "Each Choice Rule can only have one comparison operator."
        for extra in operators.dropFirst() { error("Each Choice Rule can only have one comparison operator.", at: fields.at(extra), atKey: true) }
        switch first {
        case "And", "Or":
            refuseVariable(in: fields, with: first)
            guard let elements = nonEmptyArray(first, in: fields, of: "Choice Rules") else { return nil }
            let rules = elements.enumerated().map { index, element in
                decodeNestedRule(element, at: fields.at(first) + [.index(index)], language: language)
            }
            let decoded = rules.compactMap { $0 }
            guard decoded.count == rules.count else { return nil }
            return first == "And" ? .and(decoded) : .or(decoded)
        case "Not":
            refuseVariable(in: fields, with: first)
            guard case .object = fields["Not"]! else {
                error("Field 'Not' must be a Choice Rule object, not \(Self.describe(fields["Not"]!)).", at: fields.at("Not"))
                return nil
            }
            return decodeNestedRule(fields["Not"]!, at: fields.at("Not"), language: language).map(ChoiceRule.not)
        default:
            return decodeComparison(first, in: fields)
        }
    }

    /// "A Choice Rule with an "And", "Or" or "Not" field [...] MUST NOT have "Variable"".
    private func refuseVariable(in fields: ObjectFields, with combinator: String) {
        if fields.has("Variable") {
            error("Field 'Variable' is not supported in a Choice Rule that uses '\(combinator)'.", at: fields.at("Variable"), atKey: true)
        }
    }

    /// `Variable` and one comparison operator, whose value has the operator's type: "the
    /// values of Variable and Path fields in a comparison must be valid Reference Paths."
    private func decodeComparison(_ field: String, in fields: ObjectFields) -> ChoiceRule? {
        guard let (op, isPath) = ChoiceRule.Operator.named(field), let value = fields[field] else { return nil }
        require(["Variable"], in: fields)
        let variable = string("Variable", in: fields).flatMap { parsePath($0, field: "Variable", at: fields.at("Variable"), rule: .reference) }
        let operand: ChoiceRule.Operand?
        if isPath {
            if case .string(let text) = value {
                operand = parsePath(text, field: field, at: fields.at(field), rule: .reference).map(ChoiceRule.Operand.path)
            } else {
                error("Field '\(field)' must be a reference path string, not \(Self.describe(value)).", at: fields.at(field))
                operand = nil
            }
        } else {
            let valid: Bool
            let expected: String
            switch op.operandType {
            case .string: (valid, expected) = (value.stringValue != nil, "a string")
            case .number: (valid, expected) = (value.doubleValue != nil, "a number")
            case .boolean: (valid, expected) = (value.boolValue != nil, "true or false")
            case .timestamp: (valid, expected) = (value.stringValue.flatMap(Timestamp.init) != nil, Self.timestampExpectation)
            }
            if !valid { error("Field '\(field)' must be \(expected), not \(Self.describe(value)).", at: fields.at(field)) }
            operand = valid ? .value(value) : nil
        }
        guard let variable, let operand else { return nil }
        return .comparison(ChoiceRule.Comparison(variable: variable, operator: op, operand: operand))
    }
}
