import JSONValue

/// One state of a machine: its name, the fields all states share, and its type's own fields.
///
/// ObjectFields a state's type does not allow are refused when parsing, so here they are simply at
/// their defaults (for example, a Wait state's `resultPath` is `.absent`).
public struct State: Sendable {
    /// The state's name: its key in `States`, at most 80 characters.
    public var name: String
    /// `Comment`.
    public var comment: String?
    /// The effective `QueryLanguage`: the state's own, or else the top-level machine's.
    public var queryLanguage: QueryLanguage
    /// `Next` or `"End": true`; nil for Choice, Succeed and Fail states, which have neither.
    public var transition: Transition?
    /// `InputPath` (JSONPath states): absent means `$`, null means `{}`.
    public var inputPath: PathField = .absent
    /// `OutputPath` (JSONPath states): absent means `$`, null means `{}`.
    public var outputPath: PathField = .absent
    /// `ResultPath` (Task, Pass, Parallel, Map): absent means `$` (the result replaces the
    /// input), null means the result is discarded and the output is the input.
    public var resultPath: PathField = .absent
    /// `Parameters` (Task, Pass, Parallel; a Map's legacy `Parameters` is its `itemSelector`).
    public var parameters: PayloadTemplate?
    /// `ResultSelector` (Task, Parallel, Map).
    public var resultSelector: PayloadTemplate?
    /// `Arguments` (JSONata Task and Parallel states): JSON whose `{% %}` strings are evaluated.
    public var arguments: JSONValue?
    /// `Output` (JSONata states): JSON whose `{% %}` strings are evaluated.
    public var output: JSONValue?
    /// `Assign`: workflow variables to set (every state type except Succeed and Fail).
    public var assign: Payload?
    /// `Retry` (Task, Parallel, Map), in order.
    public var retriers: [Retrier] = []
    /// `Catch` (Task, Parallel, Map), in order.
    public var catchers: [Catcher] = []
    /// The state's type and the fields only that type has.
    public var kind: Kind
    /// Whether a field of the state can read the context object (`$$`, `$states.context`):
    /// the engine builds it only for such states. True unless the decoder found no such
    /// reference (`DefinitionDecoder.readsContext`).
    public var readsContext = true

    /// Makes a state; unspecified common fields keep their defaults.
    public init(name: String, kind: Kind, transition: Transition?, queryLanguage: QueryLanguage = .jsonPath, comment: String? = nil) {
        self.name = name
        self.kind = kind
        self.transition = transition
        self.queryLanguage = queryLanguage
        self.comment = comment
    }

    /// A state's type and its own fields.
    public enum Kind: Sendable {
        case task(TaskState)
        case pass(PassState)
        case wait(WaitState)
        case choice(ChoiceState)
        case succeed
        case fail(FailState)
        case parallel(ParallelState)
        case map(MapState)
    }

    /// The `Type` field's value.
    public var type: StateType {
        switch kind {
        case .task: .task
        case .pass: .pass
        case .wait: .wait
        case .choice: .choice
        case .succeed: .succeed
        case .fail: .fail
        case .parallel: .parallel
        case .map: .map
        }
    }

    /// "The term "Terminal State" means a state with with { "End": true }, or a state with
    /// { "Type": "Succeed" }, or a state with { "Type": "Fail" }." (ASL)
    public var isTerminal: Bool {
        switch kind {
        case .succeed, .fail: true
        default: transition == .end
        }
    }
}

/// The `Type` of a state.
public enum StateType: String, Sendable, Hashable, CaseIterable {
    case task = "Task"
    case pass = "Pass"
    case wait = "Wait"
    case choice = "Choice"
    case succeed = "Succeed"
    case fail = "Fail"
    case parallel = "Parallel"
    case map = "Map"
}

/// Where a state goes when it is done.
public enum Transition: Sendable, Hashable {
    /// `Next`: the state to run next, in the same scope.
    case next(String)
    /// `"End": true`: the machine (or branch, or iteration) ends here.
    case end
}
