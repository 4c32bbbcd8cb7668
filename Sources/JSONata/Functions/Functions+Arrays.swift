extension Functions {
    static var arrays: [Definition] { [
        ("append", "<xx:a>", 2, { a, _ in append(argument(a, 0), argument(a, 1)) }),
        ("exists", "<x:b>", 1, { a, _ in .bool(!argument(a, 0).isUndefined) }),
        ("reverse", "<a:a>", 1, { a, _ in
            let value = argument(a, 0)
            guard case .array(let items, _) = value else { return .undefined }
            if items.count <= 1 { return value }
            return .array(items.reversed(), [])
        }),
        ("shuffle", "<a:a>", 1, { a, call in
            let value = argument(a, 0)
            guard case .array(let items, _) = value else { return .undefined }
            if items.count <= 1 { return value }
            // The inside-out Fisher-Yates shuffle, as jsonata-js.
            var result = items
            for i in 0..<items.count {
                let j = Int((call.evaluator.random() * Double(i + 1)).rounded(.down))
                if i != j { result[i] = result[j] }
                result[j] = items[i]
            }
            return .array(result, [])
        }),
        ("distinct", "<x:x>", 1, { a, _ in
            let value = argument(a, 0)
            guard case .array(let items, let flags) = value, items.count > 1 else { return value }
            var results: [Value] = []
            for item in items where !results.contains(where: { Evaluator.deepEqual(item, $0) }) {
                results.append(item)
            }
            return .array(results, flags.contains(.sequence) ? .sequence : [])
        }),
        ("zip", "<a+>", 0, { a, _ in
            let lists = a.map { $0.arrayItems ?? [] }
            let length = lists.map(\.count).min() ?? 0
            return .array((0..<length).map { i in .array(lists.map { $0[i] }, []) }, [])
        }),
        ("sort", "<af?:a>", 2, { a, call throws(JSONataError) in
            let value = argument(a, 0)
            guard case .array(let items, _) = value else { return value }
            if items.count <= 1 { return value }
            let comparator = argument(a, 1)
            if comparator.isUndefined {
                if items.allSatisfy(\.isNumber) {
                    return .array(try mergeSort(items) { x, y throws(JSONataError) in
                        if case .number(let p) = x, case .number(let q) = y { return p > q } else { return false }
                    }, [])
                }
                if items.allSatisfy(\.isString) {
                    return .array(try mergeSort(items) { x, y throws(JSONataError) in
                        if case .string(let p) = x, case .string(let q) = y { return Evaluator.compareStrings(p, q) > 0 } else { return false }
                    }, [])
                }
                throw JSONataError("D3070", index: 1)
            }
            return .array(try mergeSort(items) { x, y throws(JSONataError) in
                truthy(try call.evaluator.apply(comparator, [x, y], .undefined, call.frame))
            }, [])
        }),
        ("boolean", "<x-:b>", 1, { a, _ in boolean(argument(a, 0)).map { .bool($0) } ?? .undefined }),
        ("not", "<x-:b>", 1, { a, _ in boolean(argument(a, 0)).map { .bool(!$0) } ?? .undefined }),
        ("error", "<s?:x>", 1, { a, _ throws(JSONataError) in
            var message = "$error() function evaluated"
            if case .string(let s) = argument(a, 0), !s.isEmpty { message = s }
            throw JSONataError("D3137", value: message, message: message)
        }),
        ("assert", "<bs?:x>", 2, { a, _ throws(JSONataError) in
            if case .bool(true) = argument(a, 0) { return .undefined }
            var message = "$assert() statement failed"
            if case .string(let s) = argument(a, 1), !s.isEmpty { message = s }
            throw JSONataError("D3141", value: message, message: message)
        }),
        ("type", "<x:s>", 1, { a, _ in
            switch argument(a, 0) {
            case .undefined: return .undefined
            case .null: return .string("null")
            case .number: return .string("number")
            case .string: return .string("string")
            case .bool: return .string("boolean")
            case .array: return .string("array")
            case .function: return .string("function")
            case .object: return .string("object")
            }
        }),
    ] }
}
