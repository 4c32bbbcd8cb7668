import JSONValue

extension DefinitionDecoder {
    /// The `Assign` field of a state, Choice rule or catcher: "a JSON object with key/value
    /// pairs" whose keys are variable names as AWS defines them (docs/variables.md). In JSONPath
    /// states a key ending in `.$` names the variable before that suffix.
    func assignment(in fields: ObjectFields, language: QueryLanguage) -> Payload? {
        if case .object(let members)? = fields["Assign"] {
            let at = fields.at("Assign")
            for key in members.keys {
                let name = language == .jsonPath && key.hasSuffix(".$") ? String(key.dropLast(2)) : key
                if let problem = VariableName.problem(name) { error(problem, at: at + [.key(key)], atKey: true) }
            }
        }
        return payload("Assign", in: fields, language: language, expression: false)
    }
}
