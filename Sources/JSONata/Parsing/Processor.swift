/// Compiles the parser's raw tree into the tree the evaluator runs, as jsonata-js's
/// `processAST` does: `a.b.c` becomes one path of steps, predicates on steps become stages,
/// `@` and `#` mark tuple steps, `%` is resolved to the step whose context it names, literal
/// strings as steps become names, and calls in tail position become thunks (tail calls).
struct Processor {
    private var ancestorLabel = 0
    private var ancestorIndex = 0
    private var ancestry: [Slot] = []

    static func compile(_ raw: Node) throws(JSONataError) -> Node {
        var processor = Processor()
        let tree = try processor.process(raw)
        if case .parent = tree.kind {
            throw JSONataError("S0217", position: tree.position, token: "parent")
        }
        if tree.seekingParent != nil {
            throw JSONataError("S0217", position: tree.position, token: Self.typeName(tree))
        }
        markSimplePaths(tree)
        return tree
    }

    /// Marks what the evaluator may skip or shorten, once the tree is final.
    private static func markSimplePaths(_ root: Node) {
        var pending = [root]
        while let node = pending.popLast() {
            node.isSimplePath = node.simplePathShape
            node.hasPredicatesOrGroup = node.predicates != nil || node.group != nil
            node.singleName = node.singleNameShape
            if node.isSimplePath, let steps = node.pathSteps {
                node.stepNames = steps.dropFirst().map { step in if case .name(let name) = step.kind { name } else { "" } }
                if steps.count > 1, case .variable(let name) = steps[0].kind, !name.isEmpty, !node.hasPredicatesOrGroup {
                    node.leadingVariable = name
                }
            }
            node.fieldComparison = node.fieldComparisonShape
            if case .variable(let name) = node.kind { node.builtin = Functions.builtins[name] }
            if case .block = node.kind { node.blockNeedsFrame = node.mayBindInFrame }
            if case .call(let procedure, _) = node.kind, case .variable(let name) = procedure.kind, !name.isEmpty,
               procedure.predicates == nil, procedure.group == nil, !procedure.keepArray {
                node.calleeVariable = name
            }
            pending += node.children
        }
    }

    private static func typeName(_ node: Node) -> String {
        switch node.kind {
        case .path: return "path"
        case .block: return "block"
        default: return "expression"
        }
    }

    private mutating func process(_ raw: Node) throws(JSONataError) -> Node {
        let result: Node
        switch raw.kind {
        case .infix(let op, let lhs, let rhs):
            result = try processInfix(op, lhs, rhs, raw)
        case .groupBy(let lhs, let pairs):
            result = try process(lhs)
            if result.group != nil { throw JSONataError("S0210", position: raw.position) }
            var processed: [(Node, Node)] = []
            for (key, value) in pairs { processed.append((try process(key), try process(value))) }
            result.group = Group(pairs: processed, position: raw.position)
        case .orderBy(let lhs, let terms):
            let base = try process(lhs)
            result = base.isPath ? base : Node(.path([base]), position: base.position)
            let sortStep = Node(.sort([]), position: raw.position)
            var processedTerms: [SortTerm] = []
            for term in terms {
                let expression = try process(term.expression)
                pushAncestry(sortStep, expression)
                processedTerms.append(SortTerm(descending: term.descending, expression: expression))
            }
            sortStep.kind = .sort(processedTerms)
            result.kind = .path((result.pathSteps ?? []) + [sortStep])
            try resolveAncestry(result)
        case .binary(let op, let lhs, let rhs):
            let l = try process(lhs), r = try process(rhs)
            result = Node(.binary(op, l, r), position: raw.position)
            pushAncestry(result, l)
            pushAncestry(result, r)
        case .negate(let operand):
            let expression = try process(operand)
            if case .number(let value) = expression.kind {
                // A negated number literal is folded into the literal.
                expression.kind = .number(-value)
                result = expression
            } else {
                result = Node(.negate(expression), position: raw.position)
                pushAncestry(result, expression)
            }
        case .array(let items):
            result = Node(.array([]), position: raw.position)
            var processed: [Node] = []
            for item in items {
                let value = try process(item)
                pushAncestry(result, value)
                processed.append(value)
            }
            result.kind = .array(processed)
        case .object(let pairs):
            result = Node(.object([]), position: raw.position)
            var processed: [(Node, Node)] = []
            for (key, value) in pairs {
                let k = try process(key)
                pushAncestry(result, k)
                let v = try process(value)
                pushAncestry(result, v)
                processed.append((k, v))
            }
            result.kind = .object(processed)
        case .call(let procedure, let arguments), .partial(let procedure, let arguments):
            result = Node(raw.kind, position: raw.position)
            var processed: [Node] = []
            for argument in arguments {
                let value = try process(argument)
                pushAncestry(result, value)
                processed.append(value)
            }
            let target = try process(procedure)
            if case .partial = raw.kind { result.kind = .partial(target, processed) } else { result.kind = .call(target, processed) }
        case .lambda(var spec):
            spec.body = Self.tailCallOptimize(try process(spec.body))
            result = Node(.lambda(spec), position: raw.position)
        case .condition(let condition, let then, let otherwise):
            result = Node(raw.kind, position: raw.position)
            let c = try process(condition)
            pushAncestry(result, c)
            let t = try process(then)
            pushAncestry(result, t)
            var e: Node?
            if let otherwise {
                e = try process(otherwise)
                pushAncestry(result, e!)
            }
            result.kind = .condition(c, t, e)
        case .transform(let pattern, let update, let deletion):
            let d: Node? = if let deletion { try process(deletion) } else { nil }
            result = Node(.transform(try process(pattern), try process(update), d), position: raw.position)
        case .block(let expressions):
            result = Node(.block([]), position: raw.position)
            var processed: [Node] = []
            for expression in expressions {
                let part = try process(expression)
                pushAncestry(result, part)
                if part.consArray || (part.pathSteps?.first?.consArray ?? false) { result.consArray = true }
                processed.append(part)
            }
            result.kind = .block(processed)
        case .name:
            result = Node(.path([raw]), position: raw.position)
            if raw.keepArray { result.keepSingletonArray = true }
        case .keyword(let word):
            // `and`, `or` and `in` used as operands are field names.
            let name = Node(.name(word), position: raw.position)
            name.keepArray = raw.keepArray
            result = Node(.path([name]), position: raw.position)
            if raw.keepArray { result.keepSingletonArray = true }
        case .parent:
            let slot = Slot(label: "!\(ancestorLabel)", level: 1, index: ancestorIndex)
            ancestorLabel += 1
            ancestorIndex += 1
            ancestry.append(slot)
            result = Node(.parent(slot), position: raw.position)
        case .placeholder, .string, .number, .literal, .wildcard, .descendant, .variable, .regex:
            result = raw
        case .path, .bind, .apply, .sort:
            result = raw
        }
        if raw.keepArray { result.keepArray = true }
        return result
    }

    private mutating func processInfix(_ op: String, _ lhs: Node, _ rhs: Node, _ raw: Node) throws(JSONataError) -> Node {
        switch op {
        case ".":
            let left = try process(lhs)
            let result = left.isPath ? left : Node(.path([left]), position: left.position)
            if case .parent(let slot) = left.kind { result.seekingParent = [slot] }
            let rest = try process(rhs)
            var steps = result.pathSteps ?? []
            if let restSteps = rest.pathSteps {
                steps += restSteps
            } else {
                if let predicates = rest.predicates {
                    rest.stages = predicates.map { .filter($0, position: $0.position) }
                    rest.predicates = nil
                }
                steps.append(rest)
            }
            for step in steps {
                switch step.kind {
                case .number(let n):
                    throw JSONataError("S0213", position: step.position, value: NumberText.format(n))
                case .literal(let v):
                    throw JSONataError("S0213", position: step.position, value: v.jsonText)
                case .string(let s):
                    step.kind = .name(s)
                default: break
                }
            }
            if steps.contains(where: { $0.keepArray }) { result.keepSingletonArray = true }
            if let first = steps.first, first.isArrayConstructor { first.consArray = true }
            if let last = steps.last, last.isArrayConstructor { last.consArray = true }
            result.kind = .path(steps)
            try resolveAncestry(result)
            return result
        case "[":
            let result = try process(lhs)
            var step = result
            var inPath = false
            if let steps = result.pathSteps, let last = steps.last {
                step = last
                inPath = true
            }
            if step.group != nil { throw JSONataError("S0209", position: raw.position) }
            let predicate = try process(rhs)
            if let seeking = predicate.seekingParent {
                for slot in seeking {
                    if slot.level == 1 { try seekParent(step, slot) } else { slot.level -= 1 }
                }
                pushAncestry(step, predicate)
            }
            if inPath {
                step.stages = (step.stages ?? []) + [.filter(predicate, position: raw.position)]
            } else {
                step.predicates = (step.predicates ?? []) + [predicate]
            }
            return result
        case "@":
            let result = try process(lhs)
            let step = result.pathSteps?.last ?? result
            if step.stages != nil || step.predicates != nil { throw JSONataError("S0215", position: raw.position) }
            if case .sort = step.kind { throw JSONataError("S0216", position: raw.position) }
            if raw.keepArray { step.keepArray = true }
            guard case .variable(let name) = rhs.kind else { throw JSONataError("S0214", position: rhs.position, token: "@") }
            step.focus = name
            step.tuple = true
            return result
        case "#":
            var result = try process(lhs)
            var step = result
            if let last = result.pathSteps?.last {
                step = last
            } else {
                result = Node(.path([step]), position: step.position)
                if let predicates = step.predicates {
                    step.stages = predicates.map { .filter($0, position: $0.position) }
                    step.predicates = nil
                }
            }
            guard case .variable(let name) = rhs.kind else { throw JSONataError("S0214", position: rhs.position, token: "#") }
            if step.stages == nil {
                step.indexVariable = name
            } else {
                step.stages!.append(.index(name))
            }
            step.tuple = true
            return result
        case ":=":
            guard case .variable(let name) = lhs.kind else { throw JSONataError("S0212", position: lhs.position) }
            let value = try process(rhs)
            let result = Node(.bind(name, value), position: raw.position)
            pushAncestry(result, value)
            return result
        case "~>":
            let l = try process(lhs), r = try process(rhs)
            let result = Node(.apply(l, r), position: raw.position)
            result.keepArray = l.keepArray || r.keepArray
            return result
        default:
            throw JSONataError("S0201", position: raw.position, token: op)
        }
    }

    /// Wraps a call in tail position into a thunk, so that `apply` runs it in a loop instead
    /// of recursing (jsonata-js's `tailCallOptimize`).
    private static func tailCallOptimize(_ expression: Node) -> Node {
        switch expression.kind {
        case .call where expression.predicates == nil:
            let spec = LambdaSpec(parameters: [], signature: nil, body: expression, isThunk: true)
            return Node(.lambda(spec), position: expression.position)
        case .condition(let condition, let then, let otherwise):
            expression.kind = .condition(condition, tailCallOptimize(then), otherwise.map(tailCallOptimize))
            return expression
        case .block(var expressions):
            if let last = expressions.last {
                expressions[expressions.count - 1] = tailCallOptimize(last)
                expression.kind = .block(expressions)
            }
            return expression
        default:
            return expression
        }
    }

    // MARK: - Parent (`%`) resolution

    private func pushAncestry(_ result: Node, _ value: Node) {
        var slots = value.seekingParent ?? []
        if case .parent(let slot) = value.kind { slots.append(slot) }
        guard value.seekingParent != nil || !slots.isEmpty else { return }
        if result.seekingParent == nil { result.seekingParent = slots } else { result.seekingParent! += slots }
    }

    @discardableResult
    private func seekParent(_ node: Node, _ slot: Slot) throws(JSONataError) -> Slot {
        switch node.kind {
        case .name, .wildcard:
            slot.level -= 1
            if slot.level == 0 {
                if let existing = node.ancestor {
                    // Reuse the label this step already binds.
                    ancestry[slot.index].label = existing.label
                }
                node.ancestor = slot
                node.tuple = true
            }
            return slot
        case .parent:
            slot.level += 1
            return slot
        case .block(let expressions):
            guard let last = expressions.last else { return slot }
            node.tuple = true
            return try seekParent(last, slot)
        case .path(let steps):
            node.tuple = true
            var index = steps.count - 1
            var current = try seekParent(steps[index], slot)
            index -= 1
            while current.level > 0 && index >= 0 {
                current = try seekParent(steps[index], current)
                index -= 1
            }
            return current
        default:
            throw JSONataError("S0217", position: node.position, token: Self.typeName(node))
        }
    }

    private func resolveAncestry(_ path: Node) throws(JSONataError) {
        guard let steps = path.pathSteps, let last = steps.last else { return }
        var slots = last.seekingParent ?? []
        if case .parent(let slot) = last.kind { slots.append(slot) }
        for original in slots {
            var slot = original
            var index = steps.count - 2
            while slot.level > 0 {
                if index < 0 {
                    if path.seekingParent == nil { path.seekingParent = [slot] } else { path.seekingParent!.append(slot) }
                    break
                }
                var step = steps[index]
                index -= 1
                // Contiguous steps that bind the focus are skipped together.
                while index >= 0 && step.focus != nil && steps[index].focus != nil {
                    step = steps[index]
                    index -= 1
                }
                slot = try seekParent(step, slot)
            }
        }
    }
}
