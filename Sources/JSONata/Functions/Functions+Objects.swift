import OrderedCollections

extension Functions {
    static var objects: [Definition] { [
        ("keys", "<x-:a<s>>", 1, { a, _ in .array(keys(argument(a, 0)).map { .string($0) }, .sequence) }),
        ("lookup", "<x-s:x>", 2, { a, _ in
            guard case .string(let key) = argument(a, 1) else { return .undefined }
            return Evaluator.lookup(argument(a, 0), key)
        }),
        ("spread", "<x-:a<o>>", 1, { a, _ in spread(argument(a, 0)) }),
        ("merge", "<a<o>:o>", 1, { a, _ in
            guard case .array(let items, _) = argument(a, 0) else { return .undefined }
            let result = ObjectBox()
            for case .object(let box) in items {
                for (key, value) in box.members { result.members[key] = value }
            }
            return .object(result)
        }),
        ("clone", "<(oa)-:o>", 1, { a, _ throws(JSONataError) in
            let value = argument(a, 0)
            if value.isUndefined { return .undefined }
            return clone(value)
        }),
        ("each", "<o-f:a>", 2, { a, call throws(JSONataError) in
            guard case .object(let box) = argument(a, 0) else { return .emptySequence }
            var result: [Value] = []
            for (key, value) in box.members {
                let v = try call.evaluator.callback(argument(a, 1), [value, .string(key), .object(box)], call)
                if !v.isUndefined { result.append(v) }
            }
            return .array(result, .sequence)
        }),
        ("sift", "<o-f?:o>", 2, { a, call throws(JSONataError) in
            guard case .object(let box) = argument(a, 0) else { return .undefined }
            let result = ObjectBox()
            for (key, value) in box.members {
                let keep = try call.evaluator.callback(argument(a, 1), [value, .string(key), .object(box)], call)
                if boolean(keep) == true { result.members[key] = value }
            }
            return result.members.isEmpty ? .undefined : .object(result)
        }),
    ] }

    /// `$keys`: an object's keys, or the distinct keys of the objects in an array.
    static func keys(_ value: Value) -> [String] {
        switch value {
        case .object(let box): return Array(box.members.keys)
        case .array(let items, _):
            var merged = OrderedSet<String>()
            for item in items { merged.append(contentsOf: keys(item)) }
            return Array(merged)
        default: return []
        }
    }

    /// `$spread`: each member of an object as an object of its own, across arrays.
    static func spread(_ value: Value) -> Value {
        switch value {
        case .array(let items, _):
            var result: Value = .emptySequence
            for item in items { result = append(result, spread(item)) }
            return result
        case .object(let box):
            return .array(box.members.map { .object(ObjectBox([$0.key: $0.value])) }, .sequence)
        default:
            return value
        }
    }

    /// `$clone`: `JSON.parse($string(value))`, so numbers are rounded to 15 digits and
    /// functions become empty strings.
    static func clone(_ value: Value) -> Value {
        switch value {
        case .number(let n): return .number(NumberText.roundedTo15Digits(n))
        case .function: return .emptyString
        case .array(let items, _): return .array(items.map { $0.isUndefined ? .null : clone($0) }, [])
        case .object(let box):
            var members = OrderedDictionary<String, Value>(minimumCapacity: box.members.count)
            for (key, member) in box.members where !member.isUndefined { members[key] = clone(member) }
            return .object(ObjectBox(members))
        default: return value
        }
    }
}
