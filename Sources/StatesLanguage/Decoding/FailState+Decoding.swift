import JSONValue

extension DefinitionDecoder {
    /// A Fail state's fields: "A Fail State MAY have a string field named "Error"" and
    /// ""Cause"", or their `...Path` forms, but not both forms of one.
    func decodeFail(_ fields: ObjectFields, language: QueryLanguage) -> FailState {
        FailState(error: failField("Error", in: fields, language: language), cause: failField("Cause", in: fields, language: language))
    }

    private func failField(_ key: String, in fields: ObjectFields, language: QueryLanguage) -> Dynamic<String>? {
        exclusive([key, key + "Path"], in: fields, message: "Only one of '\(key)' and '\(key)Path' can be given.")
        if fields.has(key) {
            guard let text = string(key, in: fields) else { return nil }
            return language == .jsonata && text.isJSONataExpression ? .jsonata(text) : .value(text)
        }
        return pathOrIntrinsic(key + "Path", in: fields)
    }
}
