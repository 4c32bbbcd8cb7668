/// Which fields each object of a definition may have. AWS refuses any other field: "Field
/// 'TimeoutSeconds' is not supported" (SCHEMA_VALIDATION_FAILED), for instance on a Map.
enum FieldRules {
    /// ObjectFields of the top-level machine.
    static let topLevel: Set<String> = ["Comment", "StartAt", "States", "TimeoutSeconds", "Version", "QueryLanguage"]
    /// ObjectFields of a Parallel branch. A branch has no `QueryLanguage` of its own: its states
    /// inherit the top-level machine's.
    static let branch: Set<String> = ["Comment", "StartAt", "States"]
    /// ObjectFields of a Map `ItemProcessor` (or `Iterator`). AWS: "'ItemProcessor', and its
    /// deprecated alias 'Iterator', cannot declare 'QueryLanguage' at all."
    static let itemProcessor: Set<String> = ["Comment", "StartAt", "States", "ProcessorConfig"]

    /// "These fields are available in all states": Type, Comment and (per state) QueryLanguage.
    private static let common: Set<String> = ["Type", "Comment", "QueryLanguage"]
    /// Next and End: "Any state except for Choice, Succeed, and Fail MAY have a field named "End"".
    private static let transitions: Set<String> = ["Next", "End"]
    /// InputPath and OutputPath: every state but Fail ("A Fail State MUST NOT have a field
    /// named "InputPath"/"OutputPath"").
    private static let io: Set<String> = ["InputPath", "OutputPath"]
    /// The fields of states that produce a result: Task, Parallel, Map.
    private static let result: Set<String> = ["ResultPath", "Parameters", "ResultSelector", "Retry", "Catch"]

    /// The fields a state of `type` may have (in one query language or the other). Each set is
    /// made once: a definition checks them for every state it holds.
    static func state(_ type: StateType) -> Set<String> {
        switch type {
        case .task: task
        case .pass: pass
        case .wait: wait
        case .choice: choice
        case .succeed: succeed
        case .fail: fail
        case .parallel: parallel
        case .map: map
        }
    }

    private static let task = common.union(transitions).union(io).union(result).union([
        "Resource", "TimeoutSeconds", "TimeoutSecondsPath", "HeartbeatSeconds", "HeartbeatSecondsPath",
        "Credentials", "Arguments", "Output", "Assign",
    ])
    private static let pass = common.union(transitions).union(io).union(["ResultPath", "Parameters", "Result", "Output", "Assign"])
    private static let wait = common.union(transitions).union(io).union(["Seconds", "Timestamp", "SecondsPath", "TimestampPath", "Output", "Assign"])
    private static let choice = common.union(io).union(["Choices", "Default", "Output", "Assign"])
    private static let succeed = common.union(io).union(["Output"])
    private static let fail = common.union(["Error", "ErrorPath", "Cause", "CausePath"])
    private static let parallel = common.union(transitions).union(io).union(result).union(["Branches", "Arguments", "Output", "Assign"])
    private static let map = common.union(transitions).union(io).union(result).union([
        "ItemProcessor", "Iterator", "ItemsPath", "Items", "ItemSelector", "ItemReader", "ItemBatcher",
        "ResultWriter", "MaxConcurrency", "MaxConcurrencyPath", "ToleratedFailureCount",
        "ToleratedFailureCountPath", "ToleratedFailurePercentage", "ToleratedFailurePercentagePath",
        "Label", "Output", "Assign",
    ])

    /// ObjectFields of a retrier.
    static let retrier: Set<String> = [
        "ErrorEquals", "IntervalSeconds", "MaxAttempts", "BackoffRate", "MaxDelaySeconds", "JitterStrategy", "Comment",
    ]
    /// ObjectFields of a catcher.
    static let catcher: Set<String> = ["ErrorEquals", "Next", "ResultPath", "Output", "Assign", "Comment"]
    /// ObjectFields of `ProcessorConfig`.
    static let processorConfig: Set<String> = ["Mode", "ExecutionType"]
    /// ObjectFields of `ItemReader`.
    static let itemReader: Set<String> = ["Resource", "ReaderConfig", "Parameters", "Arguments"]
    /// ObjectFields of `ItemBatcher`.
    static let itemBatcher: Set<String> = [
        "MaxItemsPerBatch", "MaxItemsPerBatchPath", "MaxInputBytesPerBatch", "MaxInputBytesPerBatchPath", "BatchInput",
    ]
    /// ObjectFields of `ResultWriter`.
    static let resultWriter: Set<String> = ["Resource", "Parameters", "Arguments", "WriterConfig"]

    /// ObjectFields of a Choice Rule besides its operators; `Next`, `Assign` and `Output` only at
    /// the top level ("Next ... on top-level rules only").
    static func choiceRule(topLevel: Bool) -> Set<String> { topLevel ? topLevelChoiceRule : nestedChoiceRule }

    private static let topLevelChoiceRule: Set<String> = ["Variable", "And", "Or", "Not", "Comment", "Condition", "Next", "Assign", "Output"]
    private static let nestedChoiceRule: Set<String> = ["Variable", "And", "Or", "Not", "Comment"]

    /// ObjectFields of the JSONPath query language only. "After selecting JSONata, your workflow
    /// fields will be reduced from five JSONPath fields (InputPath, Parameters, ResultSelector,
    /// ResultPath, and OutputPath) to only two fields: Arguments and Output." The `...Path`
    /// forms of value fields, Pass `Result`, Map `ItemsPath` and Choice `Variable` and
    /// comparison operators go with them.
    private static let jsonPathOnly: Set<String> = [
        "InputPath", "OutputPath", "ResultPath", "Parameters", "ResultSelector", "Result", "ItemsPath",
        "TimeoutSecondsPath", "HeartbeatSecondsPath", "SecondsPath", "TimestampPath", "ErrorPath", "CausePath",
        "MaxConcurrencyPath", "ToleratedFailureCountPath", "ToleratedFailurePercentagePath",
        "MaxItemsPerBatchPath", "MaxInputBytesPerBatchPath", "Variable", "And", "Or", "Not",
    ]
    /// ObjectFields of the JSONata query language only.
    private static let jsonataOnly: Set<String> = ["Arguments", "Output", "Items", "Condition"]

    /// The only query language in which `field` is allowed, or nil when both allow it.
    static func onlyLanguage(of field: String) -> QueryLanguage? {
        if jsonPathOnly.contains(field) || ChoiceRule.Operator.named(field) != nil { return .jsonPath }
        if jsonataOnly.contains(field) { return .jsonata }
        return nil
    }
}

extension DefinitionDecoder {
    /// Reports each field of `fields` that `allowed` lacks, and each field of the other query
    /// language than `language` (when given); returns the fields that remain, so that a refused
    /// field is not also reported for its value. `owner` names the object for messages.
    func checkFields(_ fields: ObjectFields, allowed: Set<String>, language: QueryLanguage?, owner: String) -> ObjectFields {
        var usable = fields.members
        var refused: Set<String> = []
        for key in fields.members.keys {
            guard allowed.contains(key) else {
                error("Field '\(key)' is not supported in \(owner).\(Suggestion.didYouMean(key, among: allowed.sorted()))", at: fields.at(key), atKey: true)
                usable[key] = nil
                refused.insert(key)
                continue
            }
            if let language, let only = FieldRules.onlyLanguage(of: key), only != language {
                // AWS's wording (ValidateStateMachineDefinition, SCHEMA_VALIDATION_FAILED).
                error(
                    "The QueryLanguage is set to '\(language.rawValue)', but field '\(key)' is only supported for the '\(only.rawValue)' QueryLanguage.",
                    at: fields.at(key), atKey: true)
                usable[key] = nil
                refused.insert(key)
            }
        }
        return ObjectFields(members: usable, path: fields.path, refused: refused)
    }
}
