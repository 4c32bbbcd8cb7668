import JSONValue

/// A parsed and validated state machine: the top-level definition, a Parallel branch or a Map
/// state's ItemProcessor (each is a complete machine of its own scope: "a branch cannot jump out").
///
/// Make one with `StateMachine.parse(_:)`, which reports every problem of a definition at once.
public struct StateMachine: Sendable {
    /// `Comment`: a human-readable description.
    public var comment: String?
    /// `StartAt`: the name of the state that runs first.
    public var startAt: String
    /// `States`, in the order they were written.
    public var states: [State] { didSet { index = Self.index(states) } }
    /// `TimeoutSeconds` of the top-level machine: "If provided, this is the maximum number of
    /// seconds the state machine is allowed to run" (ASL). Nil for branches and processors.
    public var timeoutSeconds: Int?
    /// `Version` of the language the top-level definition declares (normally "1.0").
    public var version: String?
    /// The top-level `QueryLanguage` (default JSONPath). Nested machines inherit it: a Map's or
    /// Parallel's own `QueryLanguage` does not change the states inside it.
    public var queryLanguage: QueryLanguage
    /// Map `ItemProcessor.ProcessorConfig`; nil everywhere else.
    public var processorConfig: ProcessorConfig?
    /// What the definition uses that `host` does not run yet, each with its place (severity
    /// `.unsupported`); a machine with any cannot run. Set on the top-level machine only.
    public var unsupported: [Diagnostic] = []

    private var index: [String: Int]

    /// Makes a machine from its parts; `states` should have unique names.
    public init(
        comment: String? = nil, startAt: String, states: [State], timeoutSeconds: Int? = nil,
        version: String? = nil, queryLanguage: QueryLanguage = .jsonPath, processorConfig: ProcessorConfig? = nil
    ) {
        self.comment = comment
        self.startAt = startAt
        self.states = states
        self.timeoutSeconds = timeoutSeconds
        self.version = version
        self.queryLanguage = queryLanguage
        self.processorConfig = processorConfig
        index = Self.index(states)
    }

    /// The state named `name` in this machine's own scope (not inside its branches).
    public subscript(name: String) -> State? {
        index[name].map { states[$0] }
    }

    /// The state `StartAt` names.
    public var startState: State? { self[startAt] }

    private static func index(_ states: [State]) -> [String: Int] {
        Dictionary(states.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { first, _ in first })
    }
}

/// `QueryLanguage`: how a state's expressions are written. "In state machines that do not
/// specify a query language, the state machine defaults to JSONPath for backward compatibility."
public enum QueryLanguage: String, Sendable, Hashable, CaseIterable {
    /// Paths (`$.a.b`), payload templates (`"key.$"`) and intrinsic functions.
    case jsonPath = "JSONPath"
    /// `{% expression %}` strings in Arguments, Output, Assign, Condition and value fields.
    case jsonata = "JSONata"
}

/// Map `ItemProcessor.ProcessorConfig`.
public struct ProcessorConfig: Sendable, Hashable {
    /// `Mode`: `INLINE` (the default) or `DISTRIBUTED`.
    public var mode: Mode
    /// `ExecutionType` of a distributed Map's child workflows: `STANDARD` or `EXPRESS`.
    public var executionType: String?

    /// The processing mode of a Map state.
    public enum Mode: String, Sendable, Hashable, CaseIterable {
        case inline = "INLINE"
        case distributed = "DISTRIBUTED"
    }

    /// Makes a configuration; the default is an inline Map.
    public init(mode: Mode = .inline, executionType: String? = nil) {
        self.mode = mode
        self.executionType = executionType
    }
}
