import JSONValue

extension DefinitionDecoder {
    /// An integer field with an optional `...Path` twin, such as `TimeoutSeconds` and
    /// `TimeoutSecondsPath`; in JSONata states the field may also be an expression.
    func dynamicInt(_ key: String, pathKey: String?, in fields: ObjectFields, range: ClosedRange<Int>, language: QueryLanguage) -> Dynamic<Int>? {
        dynamic(key, pathKey: pathKey, in: fields, language: language, expected: Self.describe(range)) { value in
            guard let number = value.intValue, range.contains(Int(clamping: number)) else { return nil }
            return Int(number)
        }
    }

    /// A number field with an optional `...Path` twin (`ToleratedFailurePercentage`); the
    /// range's bounds are whole numbers.
    func dynamicNumber(_ key: String, pathKey: String?, in fields: ObjectFields, range: ClosedRange<Double>, language: QueryLanguage) -> Dynamic<Double>? {
        let expected = "a number from \(Int(range.lowerBound)) to \(Int(range.upperBound))"
        return dynamic(key, pathKey: pathKey, in: fields, language: language, expected: expected) { value in
            guard let number = value.doubleValue, range.contains(number) else { return nil }
            return number
        }
    }

    /// Reads `key` (a fixed value, or an expression in JSONata states) or else its `pathKey`
    /// twin (a reference path, in JSONPath states), after reporting that both are given.
    func dynamic<Value>(
        _ key: String, pathKey: String?, in fields: ObjectFields, language: QueryLanguage, expected: String,
        convert: (JSONValue) -> Value?
    ) -> Dynamic<Value>? {
        if let pathKey {
            // statelint: "may have only one of ["TimeoutSeconds", "TimeoutSecondsPath"]".
            exclusive([key, pathKey], in: fields, message: "Only one of '\(key)' and '\(pathKey)' can be given.")
        }
        if let value = fields[key] {
            if language == .jsonata, case .string(let text) = value, text.isJSONataExpression { return .jsonata(text) }
            if let converted = convert(value) { return .value(converted) }
            let alternative = language == .jsonata ? " or a JSONata expression" : ""
            error("Field '\(key)' must be \(expected)\(alternative), not \(Self.describe(value)).", at: fields.at(key))
            return nil
        }
        // In JSONata states the `...Path` field was already refused as JSONPath-only.
        guard let pathKey, let value = fields[pathKey], language == .jsonPath else { return nil }
        guard case .string(let text) = value else {
            error("Field '\(pathKey)' must be a reference path string, not \(Self.describe(value)).", at: fields.at(pathKey))
            return nil
        }
        return parsePath(text, field: pathKey, at: fields.at(pathKey), rule: .reference).map(Dynamic.path)
    }

    /// A JSON template field: a payload template in JSONPath states, literal JSON with `{% %}`
    /// expressions in JSONata states. With `object`, the field must be a JSON object (or, in
    /// JSONata and when `expression` allows it, one expression).
    func payload(_ key: String, in fields: ObjectFields, language: QueryLanguage, object: Bool = true, expression: Bool = true) -> Payload? {
        guard let value = fields[key] else { return nil }
        let isExpression = expression && language == .jsonata && value.stringValue?.isJSONataExpression == true
        if object && value.objectValue == nil && !isExpression {
            error("Field '\(key)' must be a JSON object, not \(Self.describe(value)).", at: fields.at(key))
            return nil
        }
        switch language {
        case .jsonata: return .jsonata(value)
        case .jsonPath: return template(value, at: fields.at(key)).map(Payload.template)
        }
    }

    /// Parses a JSONPath payload template (keys ending in `.$`), its problems joining ours.
    func template(_ value: JSONValue, at path: [JSONPathComponent]) -> PayloadTemplate? {
        withCollector { PayloadTemplate.parse(value, at: path, diagnostics: &$0) }
    }

    /// A Timestamp field (Wait `Timestamp`): "Timestamps ... MUST conform to the RFC3339
    /// profile of ISO 8601".
    static let timestampExpectation = "a timestamp such as \"2016-03-14T01:59:00Z\" (RFC 3339, with an uppercase T and a Z or numeric offset)"
}
