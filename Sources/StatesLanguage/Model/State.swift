import JSONValue

/// One state of a machine: its name, the fields all states share, and its type's own fields.
///
/// Fields a state's type does not allow are refused when parsing, so here they are simply at
/// their defaults (for example, a Wait state's `resultPath` is `.absent`).
///
/// A state's fields live in one shared box (`Box`), copied only when a state that shares it
/// is changed: the engine takes a state out of its machine for every state it enters, and a
/// copy is then one reference count rather than some twenty fields (docs/profiles/engine.md).
public struct State: Sendable {
    private var box: Box

    /// The state's name: its key in `States`, at most 80 characters.
    public var name: String {
        get { box.fields.name }
        set { unique().fields.name = newValue }
    }
    /// `Comment`.
    public var comment: String? {
        get { box.fields.comment }
        set { unique().fields.comment = newValue }
    }
    /// The effective `QueryLanguage`: the state's own, or else the top-level machine's.
    public var queryLanguage: QueryLanguage {
        get { box.fields.queryLanguage }
        set { unique().fields.queryLanguage = newValue }
    }
    /// `Next` or `"End": true`; nil for Choice, Succeed and Fail states, which have neither.
    public var transition: Transition? {
        get { box.fields.transition }
        set { unique().fields.transition = newValue }
    }
    /// `InputPath` (JSONPath states): absent means `$`, null means `{}`.
    public var inputPath: PathField {
        get { box.fields.inputPath }
        set { unique().fields.inputPath = newValue }
    }
    /// `OutputPath` (JSONPath states): absent means `$`, null means `{}`.
    public var outputPath: PathField {
        get { box.fields.outputPath }
        set { unique().fields.outputPath = newValue }
    }
    /// `ResultPath` (Task, Pass, Parallel, Map): absent means `$` (the result replaces the
    /// input), null means the result is discarded and the output is the input.
    public var resultPath: PathField {
        get { box.fields.resultPath }
        set { unique().fields.resultPath = newValue }
    }
    /// `Parameters` (Task, Pass, Parallel; a Map's legacy `Parameters` is its `itemSelector`).
    public var parameters: PayloadTemplate? {
        get { box.fields.parameters }
        set { unique().fields.parameters = newValue }
    }
    /// `ResultSelector` (Task, Parallel, Map).
    public var resultSelector: PayloadTemplate? {
        get { box.fields.resultSelector }
        set { unique().fields.resultSelector = newValue }
    }
    /// `Arguments` (JSONata Task and Parallel states): JSON whose `{% %}` strings are evaluated.
    public var arguments: JSONValue? {
        get { box.fields.arguments }
        set { unique().fields.arguments = newValue }
    }
    /// `Output` (JSONata states): JSON whose `{% %}` strings are evaluated.
    public var output: JSONValue? {
        get { box.fields.output }
        set { unique().fields.output = newValue }
    }
    /// `Assign`: workflow variables to set (every state type except Succeed and Fail).
    public var assign: Payload? {
        get { box.fields.assign }
        set { unique().fields.assign = newValue }
    }
    /// `Retry` (Task, Parallel, Map), in order.
    public var retriers: [Retrier] {
        get { box.fields.retriers }
        set { unique().fields.retriers = newValue }
    }
    /// `Catch` (Task, Parallel, Map), in order.
    public var catchers: [Catcher] {
        get { box.fields.catchers }
        set { unique().fields.catchers = newValue }
    }
    /// The state's type and the fields only that type has.
    public var kind: Kind {
        get { box.fields.kind }
        set { unique().fields.kind = newValue }
    }
    /// Whether a field of the state can read the context object (`$$`, `$states.context`):
    /// the engine builds it only for such states. True unless the decoder found no such
    /// reference (`DefinitionDecoder.readsContext`).
    public var readsContext: Bool {
        get { box.fields.readsContext }
        set { unique().fields.readsContext = newValue }
    }

    /// Makes a state; unspecified common fields keep their defaults.
    public init(name: String, kind: Kind, transition: Transition?, queryLanguage: QueryLanguage = .jsonPath, comment: String? = nil) {
        box = Box(Fields(name: name, comment: comment, queryLanguage: queryLanguage, transition: transition, kind: kind))
    }

    /// The box, made this state's own first if another state shares it.
    private mutating func unique() -> Box {
        if !isKnownUniquelyReferenced(&box) { box = Box(box.fields) }
        return box
    }

    /// The stored fields of a state, a value: copying a box copies them all in one assignment,
    /// so a field added here cannot be left out of the copy.
    private struct Fields {
        var name: String
        var comment: String?
        var queryLanguage: QueryLanguage
        var transition: Transition?
        var inputPath: PathField = .absent
        var outputPath: PathField = .absent
        var resultPath: PathField = .absent
        var parameters: PayloadTemplate?
        var resultSelector: PayloadTemplate?
        var arguments: JSONValue?
        var output: JSONValue?
        var assign: Payload?
        var retriers: [Retrier] = []
        var catchers: [Catcher] = []
        var kind: Kind
        var readsContext = true
    }

    /// The box of a state's fields. Changed only through `unique()`, that is only while one
    /// state holds it, so a box is never changed once shared: that is what makes it Sendable.
    private final class Box: @unchecked Sendable {
        var fields: Fields

        init(_ fields: Fields) { self.fields = fields }
    }

    /// A state's type and its own fields. Indirect, so that reading `kind` (the engine does for
    /// every state it runs) copies a reference, not a type's fields (docs/profiles/engine.md).
    public indirect enum Kind: Sendable {
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
