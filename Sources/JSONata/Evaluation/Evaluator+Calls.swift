extension Evaluator {
    /// The name a call reports in errors: `$f(...)` gives `f`.
    private static func procedureName(_ procedure: Node) -> String? {
        switch procedure.kind {
        case .variable(let name): return name
        case .path(let steps):
            if let first = steps.first, case .name(let name) = first.kind { return name }
            return nil
        default: return nil
        }
    }

    /// `f(args)`; with `applyTo`, the left side of `~>` is passed first.
    func evaluateCall(_ node: Node, _ input: Value, _ env: Frame, applyTo: Value?) throws(JSONataError) -> Value {
        guard case .call(let procedureNode, let argumentNodes) = node.kind else { return .undefined }
        let procedure: Value
        // `$name(...)`: what evaluating the variable gives (one level, one step), unless it is
        // bound to an array, which evaluation may unwrap.
        if let name = node.calleeVariable, case let value = Self.variable(name, env, procedureNode.builtin), !value.isArray,
           try shortcut(levels: 1, steps: 1) {
            procedure = value
        } else {
            procedure = try evaluate(procedureNode, input, env)
        }
        if procedure.isUndefined, case .path(let steps) = procedureNode.kind, let first = steps.first,
           case .name(let field) = first.kind, env.lookup(field) != nil || Functions.builtins[field] != nil {
            throw JSONataError("T1005", position: node.position, token: field)
        }
        var arguments: [Value] = []
        arguments.reserveCapacity(argumentNodes.count + 1)
        if let applyTo { arguments.append(applyTo) }
        for argument in argumentNodes { arguments.append(try evaluate(argument, input, env)) }
        do {
            return try apply(procedure, arguments, input, env)
        } catch {
            throw error.located(node.position, token: Self.procedureName(procedureNode))
        }
    }

    /// Calls a function value, then runs the tail calls it hands back (the trampoline).
    func apply(_ procedure: Value, _ arguments: [Value], _ input: Value, _ env: Frame) throws(JSONataError) -> Value {
        try runTailCalls(try applyInner(procedure, arguments, input, env), input, env)
    }

    /// While a result is a deferred tail call, makes that call.
    private func runTailCalls(_ first: Value, _ input: Value, _ env: Frame) throws(JSONataError) -> Value {
        var result = first
        while case .function(let function) = result, case .lambda(let thunk) = function.kind, thunk.isThunk {
            guard case .call(let procedureNode, let argumentNodes) = thunk.body.kind else { break }
            let next = try evaluate(procedureNode, thunk.input, thunk.frame)
            var evaluated: [Value] = []
            for argument in argumentNodes { evaluated.append(try evaluate(argument, thunk.input, thunk.frame)) }
            do {
                result = try applyInner(next, evaluated, input, env)
            } catch {
                throw error.located(thunk.body.position, token: Self.procedureName(procedureNode))
            }
        }
        return result
    }

    private func applyInner(_ procedure: Value, _ arguments: [Value], _ input: Value, _ env: Frame) throws(JSONataError) -> Value {
        guard case .function(let function) = procedure else { throw JSONataError("T1006") }
        var validated = arguments
        if let signature = function.signature {
            validated = try signature.validate(arguments, context: input)
        }
        switch function.kind {
        case .lambda(let lambda):
            var frame = lambdaFrame(lambda)
            for (index, parameter) in lambda.parameters.enumerated() {
                frame.bind(parameter, index < validated.count ? validated[index] : .undefined)
            }
            let result = try evaluate(lambda.body, lambda.input, frame)
            recycle(&frame, of: lambda)
            return result
        case .native(let native):
            return try native.implementation(validated, NativeCall(evaluator: self, input: input, frame: env, name: native.name))
        case .partial(let target, let given):
            var filled: [Value] = []
            var remaining = validated.makeIterator()
            for argument in given { filled.append(argument ?? (remaining.next() ?? .undefined)) }
            return try applyInner(.function(target), filled, input, env)
        case .regex(let program):
            return try regexMatch(program, validated)
        case .chain(let first, let second):
            let intermediate = try apply(.function(first), [validated.first ?? .undefined], input, env)
            return try apply(.function(second), [intermediate], input, env)
        }
    }

    /// Calls a function from a built-in (`$map`, `$sort`, ...), passing as many of
    /// `arguments` as the function takes (jsonata-js's `hofFuncArgs`).
    func callback(_ function: Value, _ arguments: [Value], _ call: NativeCall) throws(JSONataError) -> Value {
        guard case .function(let f) = function else { throw JSONataError("T1006") }
        let count = max(1, min(arguments.count, f.arity))
        return try apply(function, count == arguments.count ? arguments : Array(arguments.prefix(count)), .undefined, call.frame)
    }

    /// `callback` for the item, position and array a higher-order function passes. A lambda
    /// without a signature gets them bound directly, without an array of arguments.
    func callback(_ function: Value, _ item: Value, _ index: Int, _ whole: Value, _ call: NativeCall) throws(JSONataError) -> Value {
        guard case .function(let f) = function else { throw JSONataError("T1006") }
        if case .lambda(let lambda) = f.kind, lambda.signature == nil, !lambda.isThunk {
            var frame = lambdaFrame(lambda)
            for (position, parameter) in lambda.parameters.enumerated() {
                switch position {
                case 0: frame.bind(parameter, item)
                case 1: frame.bind(parameter, .number(Double(index)))
                case 2: frame.bind(parameter, whole)
                default: frame.bind(parameter, .undefined)
                }
            }
            let result = try runTailCalls(try evaluate(lambda.body, lambda.input, frame), .undefined, call.frame)
            recycle(&frame, of: lambda)
            return result
        }
        let arguments: [Value] = switch f.arity {
        case ...1: [item]
        case 2: [item, .number(Double(index))]
        default: [item, .number(Double(index)), whole]
        }
        return try apply(function, arguments, .undefined, call.frame)
    }

    /// `f(?, x)`: a function of the `?` arguments.
    func evaluatePartial(_ node: Node, _ procedureNode: Node, _ argumentNodes: [Node], _ input: Value, _ env: Frame) throws(JSONataError) -> Value {
        var given: [Value?] = []
        for argument in argumentNodes {
            if case .placeholder = argument.kind { given.append(nil) } else { given.append(try evaluate(argument, input, env)) }
        }
        let procedure = try evaluate(procedureNode, input, env)
        if procedure.isUndefined, case .path(let steps) = procedureNode.kind, let first = steps.first,
           case .name(let field) = first.kind, env.lookup(field) != nil || Functions.builtins[field] != nil {
            throw JSONataError("T1007", position: node.position, token: field)
        }
        guard case .function(let function) = procedure else {
            throw JSONataError("T1008", position: node.position, token: Self.procedureName(procedureNode))
        }
        if case .lambda(let lambda) = function.kind {
            // As jsonata-js: bind the given arguments now; the result takes the rest, unchecked.
            let frame = Frame(parent: lambda.frame)
            var unbound: [String] = []
            for (index, parameter) in lambda.parameters.enumerated() {
                if index < given.count, let value = given[index] {
                    frame.bind(parameter, value)
                } else if index < given.count {
                    unbound.append(parameter)
                } else {
                    frame.bind(parameter, .undefined)
                }
            }
            return .function(FunctionValue(.lambda(Lambda(parameters: unbound, signature: nil, body: lambda.body,
                                                          input: lambda.input, frame: frame, isThunk: false))))
        }
        var padded = given
        if case .native(let native) = function.kind, padded.count < native.arity {
            padded += Array(repeating: Value.undefined, count: native.arity - padded.count)
        }
        return .function(FunctionValue(.partial(function, padded)))
    }

    /// `lhs ~> rhs`: calls rhs with lhs as its first argument, or composes two functions.
    func evaluateApply(_ node: Node, _ lhsNode: Node, _ rhsNode: Node, _ input: Value, _ env: Frame) throws(JSONataError) -> Value {
        let lhs = try evaluate(lhsNode, input, env)
        if case .call = rhsNode.kind {
            return try evaluateCall(rhsNode, input, env, applyTo: lhs)
        }
        let function = try evaluate(rhsNode, input, env)
        guard case .function(let f) = function else {
            throw JSONataError("T2006", position: node.position, value: function.jsonText)
        }
        if case .function(let first) = lhs {
            return .function(FunctionValue(.chain(first, f)))
        }
        return try apply(function, [lhs], .undefined, env)
    }
}

/// What a built-in function sees of the call: the evaluator (to call back into functions),
/// the context value (for `-` in signatures) and the caller's frame.
struct NativeCall {
    let evaluator: Evaluator
    let input: Value
    let frame: Frame
    let name: String
}
