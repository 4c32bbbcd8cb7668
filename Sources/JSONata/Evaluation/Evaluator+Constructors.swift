import OrderedCollections

extension Evaluator {
    /// An object constructor, or a grouping `path{key: value}`: items are grouped by the key
    /// each pair gives, then each pair's value expression runs once per group, over the group's
    /// items (with a tuple stream, over their merged bindings).
    func evaluateGroup(_ group: Group, _ input: Value, _ env: Frame) throws(JSONataError) -> Value {
        let reduce = input.isTupleStream
        var items: [Value]
        if case .array(let list, _) = input { items = list } else { items = [input] }
        if items.isEmpty { items = [.undefined] }
        var groups = OrderedDictionary<String, (data: Value, pairIndex: Int)>()
        for item in items {
            var context = item
            var frame = env
            if reduce, case .object(let tuple) = item {
                context = tuple["@"]
                frame = Frame.fromTuple(tuple, parent: env)
            }
            for (pairIndex, pair) in group.pairs.enumerated() {
                let key = try evaluate(pair.0, context, frame)
                if key.isUndefined { continue }
                guard case .string(let name) = key else {
                    throw JSONataError("T1003", position: group.position, value: key.jsonText)
                }
                if let existing = groups[name] {
                    if existing.pairIndex != pairIndex {
                        throw JSONataError("D1009", position: group.position, value: key.jsonText)
                    }
                    groups[name] = (Functions.append(existing.data, item), pairIndex)
                } else {
                    groups[name] = (item, pairIndex)
                }
            }
        }
        let result = ObjectBox(OrderedDictionary(minimumCapacity: groups.count))
        for (key, entry) in groups {
            var context = entry.data
            var frame = env
            if reduce {
                let tuple = Self.reduceTupleStream(entry.data)
                context = tuple.members.removeValue(forKey: "@") ?? .undefined
                frame = Frame.fromTuple(tuple, parent: env)
            }
            let value = try evaluate(group.pairs[entry.pairIndex].1, context, frame)
            if !value.isUndefined { result.members[key] = value }
        }
        return .object(result)
    }

    /// Merges the tuples of a group: each binding becomes the sequence of its values.
    private static func reduceTupleStream(_ stream: Value) -> ObjectBox {
        guard case .array(let tuples, _) = stream else {
            if case .object(let tuple) = stream { return ObjectBox(tuple.members) }
            return ObjectBox()
        }
        let result = ObjectBox()
        guard case .object(let first)? = tuples.first else { return result }
        result.members = first.members
        for case .object(let tuple) in tuples.dropFirst() {
            for (key, value) in tuple.members {
                result.members[key] = Functions.append(result.members[key] ?? .undefined, value)
            }
        }
        return result
    }

    /// An order-by step `^(<a, >b)`: a stable merge sort on the terms; undefined sorts last.
    func evaluateSort(_ node: Node, _ input: Value, _ env: Frame) throws(JSONataError) -> Value {
        guard case .sort(let terms) = node.kind else { return input }
        let tupleSort = input.isTupleStream
        let items = input.asList
        if items.count <= 1 { return input }
        var keys: [[Value]] = []
        keys.reserveCapacity(items.count)
        for item in items {
            var context = item
            var frame = env
            if tupleSort, case .object(let tuple) = item {
                context = tuple["@"]
                frame = Frame.fromTuple(tuple, parent: env)
            }
            var row: [Value] = []
            for term in terms { row.append(try evaluate(term.expression, context, frame)) }
            keys.append(row)
        }
        // Returns whether b must come before a (jsonata-js's comparator returns "swap").
        func swap(_ a: Int, _ b: Int) throws(JSONataError) -> Bool {
            for (t, term) in terms.enumerated() {
                let aa = keys[a][t], bb = keys[b][t]
                if aa.isUndefined {
                    if bb.isUndefined { continue }
                    return true
                }
                if bb.isUndefined { return false }
                guard aa.isString || aa.isNumber, bb.isString || bb.isNumber else {
                    let bad = (aa.isString || aa.isNumber) ? bb : aa
                    throw JSONataError("T2008", position: node.position, value: bad.jsonText)
                }
                let order: Int
                switch (aa, bb) {
                case (.number(let x), .number(let y)): order = x < y ? -1 : (x > y ? 1 : 0)
                case (.string(let x), .string(let y)): order = Self.compareStrings(x, y)
                default: throw JSONataError("T2007", position: node.position, value: aa.jsonText, value2: bb.jsonText)
                }
                if order == 0 { continue }
                let comp = term.descending ? -order : order
                return comp == 1
            }
            return false
        }
        let order = try Functions.mergeSort(Array(items.indices), swap)
        return .array(order.map { items[$0] }, tupleSort ? [.sequence, .tupleStream] : [])
    }

    /// `| pattern | update, delete |`: a function that copies its argument, then merges the
    /// update object into (and deletes the listed keys from) every object the pattern selects.
    func transformer(_ node: Node, _ pattern: Node, _ update: Node, _ deletion: Node?, _ env: Frame) -> NativeFunction {
        NativeFunction(name: "transform", arity: 1, signature: try? Signature("<(oa):o>")) { arguments, call throws(JSONataError) in
            let evaluator = call.evaluator
            guard let argument = arguments.first, !argument.isUndefined else { return .undefined }
            guard let clone = env.lookup("clone") ?? Functions.builtins["clone"].map({ Value.function($0) }), clone.isFunction else {
                throw JSONataError("T2013", position: node.position)
            }
            let copy = try evaluator.apply(clone, [argument], .undefined, env)
            let matches = try evaluator.evaluate(pattern, copy, env)
            for match in matches.asList {
                let changes = try evaluator.evaluate(update, match, env)
                if !changes.isUndefined {
                    guard case .object(let changeBox) = changes else {
                        throw JSONataError("T2011", position: update.position, value: changes.jsonText)
                    }
                    if case .object(let target) = match {
                        for (key, value) in changeBox.members { target.members[key] = value }
                    }
                }
                if let deletion {
                    let deletions = try evaluator.evaluate(deletion, match, env)
                    if deletions.isUndefined { continue }
                    let names = deletions.asList
                    guard names.allSatisfy(\.isString) else {
                        throw JSONataError("T2012", position: deletion.position, value: deletions.jsonText)
                    }
                    if case .object(let target) = match {
                        for case .string(let name) in names { target.members.removeValue(forKey: name) }
                    }
                }
            }
            return copy
        }
    }
}
