import JSONValue

/// Which kind of machine object is being decoded; each allows different fields.
enum MachineKind {
    case topLevel
    case branch
    case itemProcessor

    var owner: String {
        switch self {
        case .topLevel: "the state machine"
        case .branch: "a Parallel branch"
        case .itemProcessor: "a Map ItemProcessor"
        }
    }
}

extension DefinitionDecoder {
    /// Decodes a machine (top level, Parallel branch or Map item processor) and its states as
    /// one scope, then runs the scope's graph checks. Nil when it is too broken to build.
    func decodeMachine(_ value: JSONValue, at path: [JSONPathComponent], kind: MachineKind) -> StateMachine? {
        let what = kind == .topLevel ? "A state machine definition" : kind == .branch ? "A Parallel branch" : "A Map ItemProcessor"
        guard let all = object(value, at: path, what: what) else { return nil }
        if kind == .topLevel, let language = queryLanguage(in: all) { topLanguage = language }
        let allowed = kind == .topLevel ? FieldRules.topLevel : kind == .branch ? FieldRules.branch : FieldRules.itemProcessor
        let fields = checkFields(all, allowed: allowed, language: nil, owner: kind.owner)
        // "A State Machine MUST have an object field named "States"" and "a string field named "StartAt"".
        require(["StartAt", "States"], in: fields)
        let comment = string("Comment", in: fields)
        let startAt = string("StartAt", in: fields)
        let timeout = integer("TimeoutSeconds", in: fields, range: 1...99_999_999)
        let version = string("Version", in: fields)
        let processorConfig = fields["ProcessorConfig"].flatMap { decodeProcessorConfig($0, at: fields.at("ProcessorConfig")) }

        let statesFields = fields["States"].flatMap { object($0, at: fields.at("States"), what: "Field 'States'") }
        scopes.append(StateScope(path: path, states: statesFields.map { Array($0.members.keys) } ?? []))
        if statesFields == nil { markIncomplete() }
        if let startAt, statesFields != nil { transition(to: startAt, from: nil, at: fields.at("StartAt")) }
        var states: [State] = []
        for (name, stateValue) in statesFields?.members ?? [:] {
            let statePath = path + ["States", .key(name)]
            checkStateName(name, at: statePath)
            if let state = decodeState(name: name, value: stateValue, at: statePath) {
                states.append(state)
            } else {
                markIncomplete()
            }
        }
        endScope(startAt: startAt)
        guard let startAt, statesFields != nil else { return nil }
        return StateMachine(
            comment: comment, startAt: startAt, states: states, timeoutSeconds: timeout, version: version,
            queryLanguage: topLanguage, processorConfig: processorConfig)
    }

    /// `QueryLanguage`, when present and valid.
    func queryLanguage(in fields: ObjectFields) -> QueryLanguage? {
        guard let text = string("QueryLanguage", in: fields) else { return nil }
        guard let language = QueryLanguage(rawValue: text) else {
            error("Field 'QueryLanguage' must be \"JSONPath\" or \"JSONata\", not \"\(text)\".", at: fields.at("QueryLanguage"))
            return nil
        }
        return language
    }

    /// "The state name, whose length MUST BE less than or equal to 80 Unicode characters" and
    /// "State names MUST be unique within the scope of the whole state machine." (ASL)
    private func checkStateName(_ name: String, at path: [JSONPathComponent]) {
        let length = name.unicodeScalars.count
        if length > 80 {
            error("State names can have at most 80 characters, and this one has \(length).", at: path, atKey: true)
        }
        if let first = definedStates[name] {
            let place = Diagnostic(path: first, location: nil, message: "").pathDescription
            error("State name '\(name)' is already used at \(place), and state names must be unique within the whole state machine.", at: path, atKey: true)
        } else {
            definedStates[name] = path
        }
    }

    /// A Map `ItemProcessor.ProcessorConfig`.
    private func decodeProcessorConfig(_ value: JSONValue, at path: [JSONPathComponent]) -> ProcessorConfig? {
        guard let all = object(value, at: path, what: "Field 'ProcessorConfig'") else { return nil }
        let fields = checkFields(all, allowed: FieldRules.processorConfig, language: nil, owner: "ProcessorConfig")
        var config = ProcessorConfig()
        if let text = string("Mode", in: fields) {
            if let mode = ProcessorConfig.Mode(rawValue: text) {
                config.mode = mode
            } else {
                error("Field 'Mode' must be \"INLINE\" or \"DISTRIBUTED\", not \"\(text)\".", at: fields.at("Mode"))
            }
        }
        if let text = string("ExecutionType", in: fields) {
            if text == "STANDARD" || text == "EXPRESS" {
                config.executionType = text
            } else {
                error("Field 'ExecutionType' must be \"STANDARD\" or \"EXPRESS\", not \"\(text)\".", at: fields.at("ExecutionType"))
            }
        } else if config.mode == .distributed && !fields.has("ExecutionType") {
            // "ExecutionType (Required)" for a Distributed Map's ProcessorConfig.
            error("These fields are required: [ExecutionType].", at: path)
        }
        return config
    }
}
