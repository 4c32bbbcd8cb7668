import JSONValue

/// A compiled JSONata expression: parse once, evaluate many times, from any thread.
///
/// ```swift
/// let expression = try JSONataExpression("$sum(Account.Order.Product.(Price * Quantity))")
/// let total = try expression.evaluate(input, context: JSONataContext(now: millis))
/// ```
public struct JSONataExpression: Sendable {
    /// The expression as written.
    public let text: String
    private let tree: Node

    /// Parses and compiles `text`; a syntax error says where (`position`) and why (`code`).
    ///
    /// `newerOperators` accepts `??` and `?:` (JSONata 2.1). Step Functions documents JSONata
    /// 2.0.6, which has neither: pass false to reject them as it does (`S0211`).
    public init(_ text: String, newerOperators: Bool = true) throws(JSONataError) {
        var parser = try Parser(text, newerOperators: newerOperators)
        let raw = try parser.parse()
        self.text = text
        tree = try Processor.compile(raw)
    }

    /// Evaluates the expression against `input` (nil: no input at all, which is not null).
    ///
    /// Returns nil when the result is undefined (an empty sequence, a missing field).
    public func evaluate(_ input: JSONValue?, context: JSONataContext = JSONataContext()) throws(JSONataError) -> JSONValue? {
        try run(input.map(Value.init(lazy:)) ?? .undefined, context: context)?.json
    }

    /// As `evaluate`, but telling a function result apart from undefined: a caller that needs
    /// JSON reports them differently (Step Functions: "returned an unsupported result type").
    public func evaluateResult(_ input: JSONValue?, context: JSONataContext = JSONataContext()) throws(JSONataError) -> JSONataResult {
        switch try runRaw(input.map(Value.init(lazy:)) ?? .undefined, context: context) {
        case .undefined: .undefined
        case .function: .function
        case let value: value.json.map { .value($0) } ?? .undefined
        }
    }

    /// Evaluates against an input converted once with `JSONataValue(_:)`, for callers that
    /// evaluate several expressions against the same large value.
    public func evaluate(prepared input: JSONataValue?, context: JSONataContext = JSONataContext()) throws(JSONataError) -> JSONataValue? {
        try run(input?.value ?? .undefined, context: context).map(JSONataValue.init)
    }

    private func run(_ input: Value, context: JSONataContext) throws(JSONataError) -> Value? {
        switch try runRaw(input, context: context) {
        case .undefined, .function: nil
        case let result: result
        }
    }

    /// As `evaluateResult`, in an environment made once for several evaluations: its bindings
    /// are converted once, and what an evaluation converts of them serves the next.
    public func evaluateResult(_ input: JSONValue?, in environment: JSONataEnvironment) throws(JSONataError) -> JSONataResult {
        let input = input.map(Value.init(lazy:)) ?? .undefined
        let context = environment.context
        let first = Evaluator(limits: context.limits, timestamp: Double(context.now), random: context.random,
                              deadline: nil, stackBudget: context.limits.callerStackBytes)
        let value: Value
        do {
            value = try run(input, root: environment.root, evaluator: first)
        } catch where first.stackExhausted {
            // As in `runRaw`, on a large stack; with a root frame of its own, since the
            // environment's stays on its thread.
            value = try runRaw(input, context: context)
        }
        switch value {
        case .undefined: return .undefined
        case .function: return .function
        case let value: return value.json.map { .value($0) } ?? .undefined
        }
    }

    private func runRaw(_ input: Value, context: JSONataContext) throws(JSONataError) -> Value {
        let first = Evaluator(limits: context.limits, timestamp: Double(context.now), random: context.random,
                              deadline: nil, stackBudget: context.limits.callerStackBytes)
        do {
            return try run(input, context: context, evaluator: first)
        } catch where first.stackExhausted {
            // Deeper than the caller's thread can be trusted to hold: run again on a thread of
            // our own with a large stack. Evaluation has no effects, so nothing is repeated
            // that anyone could see (random numbers are drawn anew).
            let again = Evaluator(limits: context.limits, timestamp: Double(context.now), random: context.random,
                                  deadline: first.deadline, stackBudget: LargeStackThread.usableBytes)
            let job = UncheckedBox { () -> Result<Value, JSONataError> in
                do throws(JSONataError) {
                    return .success(try run(input, context: context, evaluator: again))
                } catch {
                    return .failure(error)
                }
            }
            return try LargeStackThread.run(job).get()
        }
    }

    private func run(_ input: Value, context: JSONataContext, evaluator: Evaluator) throws(JSONataError) -> Value {
        try run(input, root: Self.rootFrame(context), evaluator: evaluator)
    }

    /// The frame of the caller's bindings and functions, below which every evaluation runs;
    /// none when the caller gives neither (an evaluation then allocates one frame, not two).
    static func rootFrame(_ context: JSONataContext) -> Frame? {
        if context.bindings.isEmpty && context.preparedBindings.isEmpty && context.functions.isEmpty { return nil }
        let root = Frame(parent: nil)
        for (name, value) in context.bindings { root.bind(name, Value(lazy: value)) }
        for (name, value) in context.preparedBindings { root.bind(name, value.value) }
        for function in context.functions { root.bind(function.name, .function(function.value)) }
        return root
    }

    private func run(_ input: Value, root context: Frame?, evaluator: Evaluator) throws(JSONataError) -> Value {
        // The expression's own bindings (`$x := ...`) go in a frame of this evaluation, so that
        // a root frame shared by several evaluations keeps only the caller's.
        let root = Frame(parent: context)
        var value = input
        root.bind("$", value)
        if case .array(let items, let flags) = value, !flags.contains(.sequence) {
            value = .array([.array(items, flags)], [.sequence, .outerWrapper])
        }
        return try evaluator.start(tree, value, root)
    }
}

/// What an evaluation gave: a JSON value, nothing (undefined), or a function, which has no
/// JSON form.
public enum JSONataResult: Sendable, Equatable {
    case value(JSONValue)
    case undefined
    case function
}

/// A JSON value converted for evaluation. Converting costs time proportional to its size;
/// a value converted once can be passed to many evaluations, on any thread.
public struct JSONataValue: @unchecked Sendable {
    // Sendable: values made here contain no functions, and evaluation never changes an
    // object it did not make (a transform changes only its own copy).
    let value: Value

    /// Converts a JSON value; every number becomes a double, as JSONata's numbers are.
    public init(_ json: JSONValue) { value = Value(json) }
    init(_ value: Value) { self.value = value }

    /// The JSON value: whole numbers below 2^63 become integers (docs/jsonata.md).
    public var json: JSONValue { value.json ?? .null }
}

/// The bounds of one evaluation. Passing one fails the evaluation with `U1001`.
public struct JSONataLimits: Sendable {
    /// The deepest nesting of evaluation steps (the jsonata-js harness counts the same
    /// steps); each level uses a few hundred bytes of stack, see docs/jsonata.md.
    public var maximumDepth: Int
    /// The most evaluation steps, or nil for no count bound.
    public var maximumSteps: Int?
    /// The longest wall-clock time, or nil for no time bound.
    public var timeLimit: Duration?
    /// How much of the calling thread's stack an evaluation may use. An evaluation that
    /// needs more runs again on a thread of its own with a 64 MiB stack, where only
    /// `maximumDepth` bounds it (docs/jsonata.md).
    public var callerStackBytes: Int = 256 * 1024

    /// Depth 1000, no step bound, 1 second: AWS stops an expression after 1 second.
    public init(maximumDepth: Int = 1000, maximumSteps: Int? = nil, timeLimit: Duration? = .seconds(1)) {
        self.maximumDepth = maximumDepth
        self.maximumSteps = maximumSteps
        self.timeLimit = timeLimit
    }
}

/// What an evaluation sees besides its input: variables, extra functions, the time and a
/// source of random numbers.
public struct JSONataContext: Sendable {
    /// Variables by name without `$`, such as `states` for `$states`; converted as read.
    public var bindings: [String: JSONValue]
    /// Variables converted once by the caller, for values shared by many evaluations.
    public var preparedBindings: [String: JSONataValue]
    /// Functions added to (or replacing) the built-ins, such as AWS's `$partition`.
    public var functions: [JSONataFunction]
    /// Milliseconds since the Unix epoch: what `$now()` and `$millis()` return, the same
    /// throughout the evaluation. The caller gives it; the evaluator reads no clock.
    public var now: Int64
    /// Numbers in [0, 1) for `$random()` and `$shuffle`.
    public var random: @Sendable () -> Double
    public var limits: JSONataLimits

    public init(bindings: [String: JSONValue] = [:], preparedBindings: [String: JSONataValue] = [:],
                functions: [JSONataFunction] = [], now: Int64 = 0,
                random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }, limits: JSONataLimits = JSONataLimits()) {
        self.bindings = bindings
        self.preparedBindings = preparedBindings
        self.functions = functions
        self.now = now
        self.random = random
        self.limits = limits
    }
}

/// A context's bindings and functions made ready once, for several evaluations in a row on
/// one thread (the expressions of one Step Functions state). What an evaluation converts of
/// the bindings is kept for the next, so an environment is not shared between threads.
public final class JSONataEnvironment {
    let context: JSONataContext
    let root: Frame?

    public init(_ context: JSONataContext) {
        self.context = context
        root = JSONataExpression.rootFrame(context)
    }
}

/// A function written in Swift that expressions can call, such as AWS's `$uuid()`.
public struct JSONataFunction: Sendable {
    /// The name without `$`.
    public let name: String
    /// The function as expressions see it, made once: binding it costs no allocation.
    let value: FunctionValue

    /// `signature` uses JSONata's notation (`<s-n?:s>`); arguments are checked against it
    /// before `body` runs, and a missing argument is nil. `body` may throw `JSONataError`.
    public init(name: String, signature: String, body: @escaping @Sendable ([JSONValue?]) throws(JSONataError) -> JSONValue?) throws(JSONataError) {
        self.name = name
        let parsed = try Signature(signature)
        value = FunctionValue(.native(NativeFunction(name: name, arity: parsed.parameters.count, signature: parsed) { arguments, _ throws(JSONataError) in
            // A missing argument is nil, one for each parameter (the evaluator leaves out
            // optional arguments that were not given).
            var converted: [JSONValue?] = arguments.map(\.json)
            while converted.count < parsed.parameters.count { converted.append(nil) }
            return try body(converted).map { Value($0) } ?? .undefined
        }))
    }
}

extension JSONataError {
    /// An error for a registered function to throw, with its own code and message.
    public init(code: String, message: String) {
        self.init(code, value: message, message: message)
    }
}
