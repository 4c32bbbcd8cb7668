import OrderedCollections

extension Evaluator {
    /// A path `a.b[p].c`: each step maps over the previous step's results, flattening
    /// sequences; steps that bind variables (`@`, `#`, `%`) switch to a stream of tuples.
    func evaluatePath(_ node: Node, _ steps: [Node], _ input: Value, _ env: Frame) throws(JSONataError) -> Value {
        if node.isSimplePath, let result = try simplePath(steps, input, env, node) { return result }
        // A path that starts with a variable ($, $$, $x) is absolute: it does not iterate an array input.
        var inputSequence: Value
        if case .array = input, !Self.startsWithVariable(steps) {
            inputSequence = input
        } else {
            inputSequence = .array([input], .sequence)
        }
        return try evaluateSteps(node, steps, from: 0, inputSequence, env)
    }

    /// A path of plain names (`order.customer.name`, `$i.price`) over one object: walked
    /// without building the sequences of each step, giving what the general rules give.
    /// Returns nil, having done nothing, where only the general rules apply.
    private func simplePath(_ steps: [Node], _ input: Value, _ env: Frame, _ node: Node) throws(JSONataError) -> Value? {
        var cursor: Value
        var index: Int
        if case .variable(let variable) = steps[0].kind {
            guard steps.count > 1 else { return nil }
            // What `evaluate` gives for a variable without predicates, without its overhead.
            if variable.isEmpty {
                cursor = try evaluate(steps[0], input, env)
            } else {
                cursor = Self.unwrapped(Self.variable(variable, env, steps[0].builtin))
            }
            index = 1
        } else {
            if case .array = input { return nil }
            cursor = try evaluate(steps[0], input, env)
            index = 1
        }
        while true {
            if cursor.isUndefined { return .undefined }
            if index == steps.count {
                // The last step's rule: an array that is not a sequence is the result as it is.
                if case .array(_, let flags) = cursor, flags.contains(.sequence) { return Self.nextInput(cursor) }
                return cursor
            }
            if case .array = cursor {
                return try evaluateSteps(node, steps, from: index, Self.nextInput(cursor), env)
            }
            if case .object(let box) = cursor { cursor = Self.unwrapped(box[node.stepNames[index - 1]]) } else { cursor = .undefined }
            index += 1
        }
    }

    /// What `evaluate` makes of a step's value: a sequence of one is its item, of none undefined.
    private static func unwrapped(_ value: Value) -> Value {
        guard case .array(let items, let flags) = value, flags.contains(.sequence), !flags.contains(.tupleStream) else { return value }
        if items.isEmpty { return .undefined }
        if items.count == 1 && !flags.contains(.keepSingleton) { return items[0] }
        return value
    }

    /// The input sequence that a step's one result makes for the next step (arrays are
    /// flattened into it, except those made by an array constructor).
    private static func nextInput(_ value: Value) -> Value {
        if case .array(let items, let flags) = value {
            return flags.contains(.cons) ? .array([value], .sequence) : .array(items, .sequence)
        }
        return .array([value], .sequence)
    }

    /// The steps of a path from `from` on, over an input sequence.
    private func evaluateSteps(_ node: Node, _ steps: [Node], from first: Int, _ input: Value, _ env: Frame) throws(JSONataError) -> Value {
        var inputSequence = input
        var resultSequence: Value = .undefined
        var isTupleStream = false
        var tuples: [ObjectBox]?
        for index in first..<steps.count {
            let step = steps[index]
            if step.tuple { isTupleStream = true }
            if index == 0 && step.consArray {
                resultSequence = try evaluate(step, inputSequence, env)
            } else if isTupleStream {
                tuples = try evaluateTupleStep(step, inputSequence.asList, tuples, env)
            } else {
                resultSequence = try evaluateStep(step, inputSequence.asList, inputSequence.arrayFlags, env,
                                                  lastStep: index == steps.count - 1)
            }
            if !isTupleStream {
                if resultSequence.isUndefined { break }
                if case .array(let items, _) = resultSequence, items.isEmpty { break }
            }
            if step.focus == nil { inputSequence = resultSequence }
        }
        if isTupleStream {
            let stream = tuples ?? []
            if node.tuple {
                resultSequence = .array(stream.map { .object($0) }, [.sequence, .tupleStream])
            } else {
                resultSequence = .array(stream.map { $0["@"] }, .sequence)
            }
        }
        if node.keepSingletonArray, case .array(let items, var flags) = resultSequence {
            if flags.contains(.cons) && !flags.contains(.sequence) {
                resultSequence = .array([resultSequence], [.sequence, .keepSingleton])
            } else {
                flags.insert(.keepSingleton)
                resultSequence = .array(items, flags)
            }
        }
        if let group = node.group {
            let groupInput: Value = isTupleStream ? .array((tuples ?? []).map { .object($0) }, [.sequence, .tupleStream]) : resultSequence
            resultSequence = try evaluateGroup(group, groupInput, env)
        }
        return resultSequence
    }

    private static func startsWithVariable(_ steps: [Node]) -> Bool {
        if let first = steps.first, case .variable = first.kind { return true }
        return false
    }

    /// One step over every item of the input sequence, results flattened into a sequence.
    private func evaluateStep(_ step: Node, _ input: [Value], _ inputFlags: ArrayFlags, _ env: Frame,
                              lastStep: Bool) throws(JSONataError) -> Value {
        if case .sort = step.kind {
            var result = try evaluateSort(step, .array(input, inputFlags), env)
            if let stages = step.stages { result = try evaluateStages(stages, result, env) }
            return result
        }
        var results: [Value] = []
        results.reserveCapacity(input.count)
        var field: String?
        if case .name(let name) = step.kind, !step.hasPredicatesOrGroup { field = name }
        for item in input {
            var value: Value
            // A field of an object that is not an array: what `evaluate` gives, without it.
            if let field, case .object(let box) = item, case let found = box[field], !found.isArray,
               try shortcut(levels: 1, steps: 1) {
                value = found
            } else {
                value = try evaluate(step, item, env)
            }
            if let stages = step.stages {
                for case .filter(let predicate, _) in stages { value = try filter(predicate, value, env) }
            }
            if !value.isUndefined { results.append(value) }
        }
        if lastStep, results.count == 1, case .array(_, let flags) = results[0], !flags.contains(.sequence) {
            return results[0]
        }
        // What the flattening below gives, without copying: one array's items are that array's
        // storage, and results with no array to flatten are the sequence as they stand.
        if results.count == 1, case .array(let items, let flags) = results[0], !flags.contains(.cons) {
            return .array(items, .sequence)
        }
        if !results.contains(where: { if case .array(_, let flags) = $0 { !flags.contains(.cons) } else { false } }) {
            return .array(results, .sequence)
        }
        var flattened: [Value] = []
        flattened.reserveCapacity(results.count)
        for value in results {
            if case .array(let items, let flags) = value, !flags.contains(.cons) {
                flattened.append(contentsOf: items)
            } else {
                flattened.append(value)
            }
        }
        return .array(flattened, .sequence)
    }

    /// Applies the stages of a step: predicates, and `#$i` bindings of each tuple's position.
    private func evaluateStages(_ stages: [Stage], _ input: Value, _ env: Frame) throws(JSONataError) -> Value {
        var result = input
        for stage in stages {
            switch stage {
            case .filter(let predicate, _):
                result = try filter(predicate, result, env)
            case .index(let name):
                for (position, tuple) in result.asList.enumerated() {
                    if case .object(let box) = tuple { box.members[name] = .number(Double(position)) }
                }
            }
        }
        return result
    }

    /// One step of a tuple stream: each tuple's `@` is the context; each result becomes a new
    /// tuple carrying the old bindings plus the step's focus, index and ancestor labels.
    private func evaluateTupleStep(_ step: Node, _ input: [Value], _ tuples: [ObjectBox]?, _ env: Frame) throws(JSONataError) -> [ObjectBox] {
        if case .sort = step.kind {
            var result: Value
            if let tuples {
                result = try evaluateSort(step, .array(tuples.map { .object($0) }, [.sequence, .tupleStream]), env)
            } else {
                let sorted = try evaluateSort(step, .array(input, .sequence), env)
                var stream: [Value] = []
                for (position, item) in sorted.asList.enumerated() {
                    let tuple = ObjectBox(["@": item])
                    if let index = step.indexVariable { tuple.members[index] = .number(Double(position)) }
                    stream.append(.object(tuple))
                }
                result = .array(stream, [.sequence, .tupleStream])
            }
            if let stages = step.stages { result = try evaluateStages(stages, result, env) }
            return result.asList.compactMap { if case .object(let box) = $0 { return box } else { return nil } }
        }
        let bindings = tuples ?? input.map { ObjectBox(["@": $0]) }
        var result: [ObjectBox] = []
        for tuple in bindings {
            let stepEnv = Frame.fromTuple(tuple, parent: env)
            let value = try evaluate(step, tuple["@"], stepEnv)
            if value.isUndefined { continue }
            let items: [Value]
            if case .array(let list, _) = value { items = list } else { items = [value] }
            let valueIsTupleStream = value.isTupleStream
            for (position, item) in items.enumerated() {
                let next = ObjectBox(tuple.members)
                if valueIsTupleStream {
                    if case .object(let inner) = item {
                        for (key, member) in inner.members { next.members[key] = member }
                    }
                } else {
                    if let focus = step.focus {
                        next.members[focus] = item
                        next.members["@"] = tuple["@"]
                    } else {
                        next.members["@"] = item
                    }
                    if let index = step.indexVariable { next.members[index] = .number(Double(position)) }
                    if let ancestor = step.ancestor { next.members[ancestor.label] = tuple["@"] }
                }
                result.append(next)
            }
        }
        if let stages = step.stages {
            let staged = try evaluateStages(stages, .array(result.map { .object($0) }, [.sequence, .tupleStream]), env)
            return staged.asList.compactMap { if case .object(let box) = $0 { return box } else { return nil } }
        }
        return result
    }

    /// A predicate `[p]`: a number selects by position (negative from the end); otherwise
    /// items whose predicate is truthy, or whose position is among the numbers it gives.
    func filter(_ predicate: Node, _ input: Value, _ env: Frame) throws(JSONataError) -> Value {
        let tupleStream = input.isTupleStream
        let flags: ArrayFlags = tupleStream ? [.sequence, .tupleStream] : .sequence
        let items: [Value]
        if case .array(let list, _) = input { items = list } else { items = [input] }
        var results: [Value] = []
        if case .number(let n) = predicate.kind {
            var index = Int(exactly: n.rounded(.down)) ?? Int.max
            if index < 0 { index += items.count }
            if items.indices.contains(index), !items[index].isUndefined {
                let item = items[index]
                if case .array = item { return item }
                results.append(item)
            }
            return .array(results, flags)
        }
        let comparison = tupleStream ? nil : predicate.fieldComparison
        for (index, item) in items.enumerated() where !item.isUndefined {
            // `field op literal` on an object whose field is a number, a string or missing:
            // the comparison's result without evaluating its tree (four evaluations, three deep).
            if let comparison, case .object(let box) = item, let selected = Self.compare(box[comparison.name], comparison),
               try shortcut(levels: 3, steps: 4) {
                if selected { results.append(item) }
                continue
            }
            var context = item
            var frame = env
            if tupleStream, case .object(let tuple) = item {
                context = tuple["@"]
                frame = Frame.fromTuple(tuple, parent: env)
            }
            var value = try evaluate(predicate, context, frame)
            if case .number = value { value = .array([value], []) }
            if case .array(let values, _) = value, values.allSatisfy(\.isNumber) {
                for case .number(let n) in values {
                    var position = Int(exactly: n.rounded(.down)) ?? Int.max
                    if position < 0 { position += items.count }
                    if position == index { results.append(item) }
                }
            } else if Functions.boolean(value) == true {
                results.append(item)
            }
        }
        return .array(results, flags)
    }

    /// Whether `value op literal` selects its item, as the predicate's evaluation decides; nil
    /// where the shortcut does not apply (other types, which may fail) and `filter` evaluates.
    private static func compare(_ value: Value, _ comparison: FieldComparison) -> Bool? {
        let order: Int
        switch (value, comparison.literal) {
        // A missing field: `=` and `!=` are false, an ordering is undefined (not selected).
        case (.undefined, _): return false
        case (.number(let a), .number(let b)):
            if a == b {
                order = 0
            } else if a < b {
                order = -1
            } else if a > b {
                order = 1
            } else {
                return nil
            }
        case (.string(let a), .string(let b)):
            switch comparison.op {
            case .equal: return deepEqual(value, comparison.literal)
            case .notEqual: return !deepEqual(value, comparison.literal)
            default: order = compareStrings(a, b)
            }
        default: return nil
        }
        switch comparison.op {
        case .equal: return order == 0
        case .notEqual: return order != 0
        case .less: return order < 0
        case .lessOrEqual: return order <= 0
        case .greater: return order > 0
        case .greaterOrEqual: return order >= 0
        default: return nil
        }
    }
}
