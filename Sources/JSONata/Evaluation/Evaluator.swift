/// Runs one evaluation of a compiled expression: the recursive `evaluate` of jsonata-js,
/// with its sequence rules, plus the bounds (depth, steps, time) that stop runaway
/// expressions with `U1001` instead of exhausting the stack or hanging.
///
/// One evaluator serves one call of `JSONataExpression.evaluate`; it is not shared, and no
/// access to its counters overlaps another, so they skip run-time exclusivity checks (they
/// change at every step).
final class Evaluator {
    let limits: JSONataLimits
    /// Milliseconds since the epoch for `$now()` and `$millis()`: the same for the whole
    /// evaluation, as jsonata-js takes one timestamp per `evaluate`.
    let timestamp: Double
    var random: () -> Double
    @exclusivity(unchecked) private var depth = 0
    @exclusivity(unchecked) private var steps = 0
    /// The frame of a lambda's last call, kept for its next call (see `lambdaFrame`).
    @exclusivity(unchecked) private var spare: (lambda: Lambda, frame: Frame)?
    /// When the time bound runs out; set at the first check, so that short evaluations
    /// never read the clock (the bound starts a few hundred steps late, microseconds).
    private(set) var deadline: ContinuousClock.Instant?
    private let timeLimit: Duration?
    /// Where the stack was when the evaluation started, and how far below it may go.
    private var stackBase: UInt = 0
    private let stackBudget: UInt
    /// Set when the evaluation stopped because its stack budget ran out.
    private(set) var stackExhausted = false

    init(limits: JSONataLimits, timestamp: Double, random: @escaping () -> Double,
         deadline: ContinuousClock.Instant?, stackBudget: Int) {
        self.limits = limits
        self.timestamp = timestamp
        self.random = random
        self.deadline = deadline
        timeLimit = limits.timeLimit
        self.stackBudget = UInt(stackBudget)
    }

    /// Evaluates the whole expression, on the thread that calls this.
    func start(_ tree: Node, _ input: Value, _ root: Frame) throws(JSONataError) -> Value {
        stackBase = Self.stackPosition()
        return try evaluate(tree, input, root)
    }

    /// The address of a local variable: how deep the stack is here. It is compared, never
    /// dereferenced.
    @inline(never)
    static func stackPosition() -> UInt {
        var marker: UInt8 = 0
        return withUnsafeMutablePointer(to: &marker) { UInt(bitPattern: $0) }
    }

    /// Counts one step and one level of nesting; throws when a bound is passed.
    @inline(__always)
    private func enter() throws(JSONataError) {
        depth += 1
        steps += 1
        if depth > limits.maximumDepth {
            depth -= 1
            throw JSONataError("U1001")
        }
        // The stack grows down; a deeper frame has a lower address. Checked every fourth
        // level: the budget leaves room for the few levels between checks.
        if depth & 3 == 0, stackBase &- Self.stackPosition() > stackBudget {
            depth -= 1
            stackExhausted = true
            throw JSONataError("U1001")
        }
        if steps & 0xFF == 0 {
            do { try checkBudget() } catch {
                depth -= 1
                throw error
            }
        }
    }

    /// The step and time bounds, checked every 256 steps (and by long-running loops).
    func checkBudget() throws(JSONataError) {
        if let maximum = limits.maximumSteps, steps > maximum {
            throw JSONataError("U1001", message: "Expression evaluation exceeded \(maximum) steps: Check for infinite loop")
        }
        guard let timeLimit else { return }
        let now = ContinuousClock.now
        guard let deadline else {
            deadline = now.advanced(by: timeLimit)
            return
        }
        if now > deadline {
            throw JSONataError("U1001", message: "Expression evaluation timeout: Check for infinite loop")
        }
    }

    /// The frame for a call of `lambda`, its parameters not yet bound: the frame of its
    /// previous call when `recycle` kept it, else a new one. Binding the same parameters in
    /// the same order overwrites that call's values.
    @inline(__always)
    func lambdaFrame(_ lambda: Lambda) -> Frame {
        if let spare, spare.lambda === lambda {
            self.spare = nil
            return spare.frame
        }
        return Frame(parent: lambda.frame)
    }

    /// Keeps a lambda call's frame for the next call when nothing else holds it (no closure,
    /// partial application or deferred tail call captured it) and it binds only the
    /// parameters (the body assigned no variable of its own).
    @inline(__always)
    func recycle(_ frame: inout Frame, of lambda: Lambda) {
        if frame.count == lambda.parameters.count, isKnownUniquelyReferenced(&frame) {
            spare = (lambda, frame)
        }
    }

    /// Accounts for the nested evaluations a shortcut does without, `levels` deep and `steps`
    /// in all, so that the bounds see the same work as without it. Returns false, counting
    /// nothing, where those evaluations would have passed the depth bound: the caller then
    /// takes the general way, which fails as it should.
    @inline(__always)
    func shortcut(levels: Int, steps n: Int) throws(JSONataError) -> Bool {
        guard depth + levels <= limits.maximumDepth else { return false }
        try countSteps(n)
        return true
    }

    /// Runs `body` one level deeper, counted as `evaluate` counts the evaluation of a node:
    /// for work that evaluates a node's parts without going through `evaluate` for the node.
    @inline(__always)
    func nested<T>(_ body: () throws(JSONataError) -> T) throws(JSONataError) -> T {
        try enter()
        defer { depth -= 1 }
        return try body()
    }

    /// Counts work done outside `evaluate` (long loops in built-in functions).
    func countSteps(_ n: Int) throws(JSONataError) {
        let before = steps
        steps += n
        if steps >> 8 != before >> 8 { try checkBudget() }
    }

    func evaluate(_ node: Node, _ input: Value, _ env: Frame) throws(JSONataError) -> Value {
        if node.isSimplePath, let value = try fieldPath(node, input, env) { return value }
        try enter()
        defer { depth -= 1 }
        var result: Value
        switch node.kind {
        case .path(let steps): result = try evaluatePath(node, steps, input, env)
        case .binary(let op, let lhs, let rhs): result = try evaluateBinary(node, op, lhs, rhs, input, env)
        case .negate(let operand): result = try evaluateNegation(node, operand, input, env)
        case .array(let items): result = try evaluateArray(node, items, input, env)
        case .object(let pairs): result = try evaluateGroup(Group(pairs: pairs, position: node.position), input, env)
        case .name(let name): result = Self.lookup(input, name)
        case .string(let s): result = .string(s)
        case .number(let n): result = .number(n)
        case .literal(let v): result = v
        case .wildcard: result = Self.wildcard(input)
        case .descendant: result = Self.descendants(input)
        case .parent(let slot): result = env.lookup(slot.label) ?? .undefined
        case .condition(let condition, let then, let otherwise):
            if Functions.boolean(try evaluate(condition, input, env)) == true {
                result = try evaluate(then, input, env)
            } else if let otherwise {
                result = try evaluate(otherwise, input, env)
            } else {
                result = .undefined
            }
        case .block(let expressions):
            let frame = node.blockNeedsFrame ? Frame(parent: env) : env
            result = .undefined
            for expression in expressions { result = try evaluate(expression, input, frame) }
        case .bind(let name, let rhs):
            result = try evaluate(rhs, input, env)
            env.bind(name, result)
        case .regex(let program): result = .function(FunctionValue(.regex(program)))
        case .call: result = try evaluateCall(node, input, env, applyTo: nil)
        case .partial(let procedure, let arguments): result = try evaluatePartial(node, procedure, arguments, input, env)
        case .variable(let name):
            if name.isEmpty {
                if case .array(let items, let flags) = input, flags.contains(.outerWrapper) {
                    result = items.first ?? .undefined
                } else {
                    result = input
                }
            } else {
                result = Self.variable(name, env, node.builtin)
            }
        case .lambda(let spec):
            result = .function(FunctionValue(.lambda(Lambda(
                parameters: spec.parameters, signature: spec.signature, body: spec.body,
                input: input, frame: env, isThunk: spec.isThunk))))
        case .apply(let lhs, let rhs): result = try evaluateApply(node, lhs, rhs, input, env)
        case .transform(let pattern, let update, let deletion):
            result = .function(FunctionValue(.native(transformer(node, pattern, update, deletion, env))))
        case .sort:
            result = try evaluateSort(node, input, env)
        case .infix, .groupBy, .orderBy, .placeholder, .keyword:
            throw JSONataError("S0206", position: node.position)
        }
        if node.hasPredicatesOrGroup {
            if let predicates = node.predicates {
                for predicate in predicates { result = try filter(predicate, result, env) }
            }
            if !node.isPath, let group = node.group {
                result = try evaluateGroup(group, result, env)
            }
        }
        guard case .array(_, let flags) = result, flags.contains(.sequence), !flags.contains(.tupleStream) else { return result }
        guard case .array(let items, var kept) = result else { return result }
        if node.keepArray { kept.insert(.keepSingleton) }
        if items.isEmpty { return .undefined }
        if items.count == 1 && !kept.contains(.keepSingleton) { return items[0] }
        if node.keepArray { return .array(items, kept) }
        return result
    }

    /// `price` over an object, `$i.price` over objects: the value the general rules give, read
    /// without evaluating the path or its steps, counting the levels and steps they would
    /// (`price`: the path and its step; `$i.price`: the path, as `simplePath` counts). Nil,
    /// having counted nothing, where a value met on the way is an array (the general rules
    /// flatten it) or the input is not an object.
    @inline(__always)
    private func fieldPath(_ node: Node, _ input: Value, _ env: Frame) throws(JSONataError) -> Value? {
        if let name = node.singleName {
            guard case .object(let box) = input else { return nil }
            let value = box[name]
            if !value.isArray, try shortcut(levels: 2, steps: 2) { return value }
            return nil
        }
        guard let variable = node.leadingVariable else { return nil }
        // An unbound name gives undefined, or a built-in function, which has no fields: the
        // path is undefined either way.
        var cursor = env.lookup(variable) ?? .undefined
        for name in node.stepNames {
            switch cursor {
            case .object(let box): cursor = box[name]
            case .array: return nil
            default: cursor = .undefined
            }
        }
        if cursor.isArray { return nil }
        return try shortcut(levels: 1, steps: 1) ? cursor : nil
    }

    // MARK: - Names, wildcards, descendants

    /// The value of `$name`: the nearest binding, else the built-in function of that name.
    static func variable(_ name: String, _ env: Frame, _ builtin: FunctionValue?) -> Value {
        if let value = env.lookup(name) { return value }
        if let builtin { return .function(builtin) }
        return .undefined
    }

    /// The member `key` of an object, or of each object in an array, flattened one level.
    static func lookup(_ input: Value, _ key: String) -> Value {
        switch input {
        case .object(let box):
            return box[key]
        case .array(let items, _):
            var result: [Value] = []
            for item in items {
                let found = lookup(item, key)
                switch found {
                case .undefined: continue
                case .array(let inner, _): result.append(contentsOf: inner)
                default: result.append(found)
                }
            }
            return .array(result, .sequence)
        default:
            return .undefined
        }
    }

    /// `*`: the values of every member of an object, arrays flattened.
    static func wildcard(_ input: Value) -> Value {
        var input = input
        if case .array(let items, let flags) = input, flags.contains(.outerWrapper), let first = items.first {
            input = first
        }
        var results: [Value] = []
        // JavaScript's Object.keys of an array are its indices: `*` on an array gives its items.
        let members: [Value]
        switch input {
        case .object(let box): members = Array(box.members.values)
        case .array(let items, _): members = items
        default: members = []
        }
        for value in members {
            if case .array = value {
                flatten(value, into: &results)
            } else {
                results.append(value)
            }
        }
        return .array(results, .sequence)
    }

    static func flatten(_ value: Value, into results: inout [Value]) {
        if case .array(let items, _) = value {
            for item in items { flatten(item, into: &results) }
        } else {
            results.append(value)
        }
    }

    /// `**`: the value and all values nested in it, depth first, arrays themselves left out.
    static func descendants(_ input: Value) -> Value {
        if input.isUndefined { return .undefined }
        var results: [Value] = []
        func recurse(_ value: Value) {
            switch value {
            case .array(let items, _): for item in items { recurse(item) }
            case .object(let box):
                results.append(value)
                for member in box.members.values { recurse(member) }
            default: results.append(value)
            }
        }
        recurse(input)
        return results.count == 1 ? results[0] : .array(results, .sequence)
    }
}
