import JSONValue

extension DefinitionDecoder {
    /// `Retry`: "an array of objects, called Retriers".
    func decodeRetry(_ value: JSONValue, at path: [JSONPathComponent]) -> [Retrier] {
        guard case .array(let elements) = value else {
            error("Field 'Retry' must be an array of retriers, not \(Self.describe(value)).", at: path)
            return []
        }
        let retriers = elements.enumerated().compactMap { index, element in
            decodeRetrier(element, at: path + [.index(index)])
        }
        checkErrorEqualsOrder(elements, at: path, of: "retrier")
        return retriers
    }

    private func decodeRetrier(_ value: JSONValue, at path: [JSONPathComponent]) -> Retrier? {
        guard let all = object(value, at: path, what: "A retrier") else { return nil }
        let fields = checkFields(all, allowed: FieldRules.retrier, language: nil, owner: "a retrier")
        require(["ErrorEquals"], in: fields)
        var retrier = Retrier(errorEquals: errorEquals(in: fields))
        retrier.comment = string("Comment", in: fields)
        // "IntervalSeconds ... MUST be a positive integer" (ASL), at most 99999999 (AWS).
        retrier.intervalSeconds = integer("IntervalSeconds", in: fields, range: 1...Self.maximumSeconds) ?? 1
        // "MaxAttempts ... MUST be a non-negative integer" (ASL); "0 means never retry".
        retrier.maxAttempts = integer("MaxAttempts", in: fields, range: 0...Self.maximumSeconds) ?? 3
        // "BackoffRate ... MUST be greater than or equal to 1.0" (ASL).
        if let value = fields["BackoffRate"] {
            if let rate = value.doubleValue, rate >= 1.0 {
                retrier.backoffRate = rate
            } else {
                error("Field 'BackoffRate' must be a number of at least 1.0, not \(Self.describe(value)).", at: fields.at("BackoffRate"))
            }
        }
        // "MaxDelaySeconds: a positive integer ... less than 31622401" (one year and a day).
        retrier.maxDelaySeconds = integer("MaxDelaySeconds", in: fields, range: 1...31_622_400)
        if let text = string("JitterStrategy", in: fields) {
            if let strategy = Retrier.JitterStrategy(rawValue: text) {
                retrier.jitterStrategy = strategy
            } else {
                error("Field 'JitterStrategy' must be \"FULL\" or \"NONE\", not \"\(text)\".", at: fields.at("JitterStrategy"))
            }
        }
        return retrier
    }

    /// `Catch`: "an array of objects, called Catchers". Each `Next` is a transition of `state`.
    func decodeCatch(_ value: JSONValue, at path: [JSONPathComponent], state: String, language: QueryLanguage) -> [Catcher] {
        guard case .array(let elements) = value else {
            error("Field 'Catch' must be an array of catchers, not \(Self.describe(value)).", at: path)
            return []
        }
        let catchers = elements.enumerated().compactMap { index, element in
            decodeCatcher(element, at: path + [.index(index)], state: state, language: language)
        }
        checkErrorEqualsOrder(elements, at: path, of: "catcher")
        return catchers
    }

    private func decodeCatcher(_ value: JSONValue, at path: [JSONPathComponent], state: String, language: QueryLanguage) -> Catcher? {
        guard let all = object(value, at: path, what: "A catcher") else { return nil }
        let fields = checkFields(all, allowed: FieldRules.catcher, language: language, owner: "a catcher")
        // "A Catcher MUST have a string field named "Next"" and a non-empty "ErrorEquals".
        require(["ErrorEquals", "Next"], in: fields)
        let next = string("Next", in: fields)
        if let next { transition(to: next, from: state, at: fields.at("Next")) }
        return Catcher(
            errorEquals: errorEquals(in: fields), next: next ?? "",
            resultPath: pathField("ResultPath", in: fields, rule: .resultReference),
            output: fields["Output"], assign: assignment(in: fields, language: language),
            comment: string("Comment", in: fields))
    }
}
