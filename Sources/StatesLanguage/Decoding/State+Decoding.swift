import JSONValue

extension DefinitionDecoder {
    /// Decodes one state: its type, the fields all states share, then its type's own fields.
    /// Nil when it is no object or its `Type` is missing or unknown (then nothing else about it
    /// can be checked).
    func decodeState(name: String, value: JSONValue, at path: [JSONPathComponent]) -> State? {
        guard let all = object(value, at: path, what: "State '\(name)'") else { return nil }
        // "All states MUST have a "Type" field."
        guard require(["Type"], in: all), let typeName = string("Type", in: all) else { return nil }
        guard let type = StateType(rawValue: typeName) else {
            let names = StateType.allCases.map(\.rawValue)
            error("Field 'Type' must be one of \(names.joined(separator: ", ")), not \"\(typeName)\".\(Suggestion.didYouMean(typeName, among: names))",
                  at: all.at("Type"))
            return nil
        }
        let language = stateLanguage(all)
        let fields = checkFields(all, allowed: FieldRules.state(type), language: language, owner: "a \(type.rawValue) state")
        checkHostSupport(state: type, fields: fields, language: language)
        if language == .jsonata { checkExpressions(fields) }
        // A Next refused (on a state that cannot have one) or misspelled ("Nxt") still says
        // where the author meant to go: the state it names is not called unreachable too.
        for (key, value) in all.members where !fields.has(key) {
            guard case .string(let target) = value, key == "Next" || Suggestion.nearest(to: key, among: ["Next", "Default"]) != nil else { continue }
            recordEdge(to: target, from: name)
        }

        let kind: State.Kind
        switch type {
        case .task: kind = .task(decodeTask(fields, language: language))
        case .pass: kind = .pass(PassState(result: fields["Result"]))
        case .wait: kind = .wait(decodeWait(fields, language: language))
        case .choice: kind = .choice(decodeChoice(fields, state: name, language: language))
        case .succeed: kind = .succeed
        case .fail: kind = .fail(decodeFail(fields, language: language))
        case .parallel: kind = .parallel(decodeParallel(fields))
        case .map: kind = .map(decodeMap(fields, language: language))
        }
        var state = State(
            name: name, kind: kind, transition: decodeTransition(type, state: name, in: fields),
            queryLanguage: language, comment: string("Comment", in: fields))
        state.inputPath = pathField("InputPath", in: fields, rule: .path)
        state.outputPath = pathField("OutputPath", in: fields, rule: .path)
        // "ResultPath ... MUST be a Reference Path" (ASL), and it writes into the state's data.
        state.resultPath = pathField("ResultPath", in: fields, rule: .resultReference)
        // A Map's Parameters is the legacy name of its ItemSelector, decoded with the Map.
        if type != .map { state.parameters = fields["Parameters"].flatMap { template($0, at: fields.at("Parameters")) } }
        state.resultSelector = fields["ResultSelector"].flatMap { template($0, at: fields.at("ResultSelector")) }
        state.arguments = fields["Arguments"]
        state.output = fields["Output"]
        // "The Assign field accepts a JSON object with key/value pairs".
        state.assign = assignment(in: fields, language: language)
        state.retriers = fields["Retry"].map { decodeRetry($0, at: fields.at("Retry")) } ?? []
        state.catchers = fields["Catch"].map { decodeCatch($0, at: fields.at("Catch"), state: name, language: language) } ?? []
        state.readsContext = Self.readsContext(fields)
        if state.isTerminal { markTerminal() }
        return state
    }

    /// The state's effective query language: its own `QueryLanguage`, or the machine's.
    /// AWS: "'QueryLanguage' can not be 'JSONPath' if set to 'JSONata' for whole state machine".
    private func stateLanguage(_ fields: ObjectFields) -> QueryLanguage {
        guard let own = queryLanguage(in: fields) else { return topLanguage }
        if topLanguage == .jsonata && own == .jsonPath {
            error("'QueryLanguage' can not be 'JSONPath' if set to 'JSONata' for whole state machine.", at: fields.at("QueryLanguage"))
            return topLanguage
        }
        return own
    }

    /// `Next` or `End`. "All non-terminal states MUST have a "Next" field, except for the Choice
    /// State"; "A Terminal State MUST NOT have a field named "Next"" (ASL). Choice, Succeed and
    /// Fail states have neither (their Next and End were refused as unsupported fields).
    private func decodeTransition(_ type: StateType, state: String, in fields: ObjectFields) -> Transition? {
        guard type != .choice && type != .succeed && type != .fail else { return nil }
        let next = string("Next", in: fields)
        let end = bool("End", in: fields)
        if let next {
            if end == true { error("Only one of 'Next' and 'End' can be used in a state.", at: fields.at("End"), atKey: true) }
            transition(to: next, from: state, at: fields.at("Next"))
            return .next(next)
        }
        if end == true { return .end }
        // A Next or End of the wrong type was reported already.
        if (!fields.has("Next") && !fields.has("End")) || end == false {
            error("A \(type.rawValue) state must have either a 'Next' field or \"End\": true.", at: fields.path)
        }
        // Without its transition the scope's graph is unknown: checking it would only add
        // "not reachable" and "no terminal state" noise.
        markIncomplete()
        return nil
    }
}
