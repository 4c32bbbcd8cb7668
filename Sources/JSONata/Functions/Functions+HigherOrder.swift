extension Functions {
    static var higherOrder: [Definition] { [
        ("map", "<af>", 2, { a, call throws(JSONataError) in
            guard case .array(let items, _) = argument(a, 0) else { return .undefined }
            let function = argument(a, 1)
            let whole = argument(a, 0)
            var result: [Value] = []
            result.reserveCapacity(items.count)
            for (index, item) in items.enumerated() {
                let value = try call.evaluator.callback(function, item, index, whole, call)
                if !value.isUndefined { result.append(value) }
            }
            return .array(result, .sequence)
        }),
        ("filter", "<af>", 2, { a, call throws(JSONataError) in
            guard case .array(let items, _) = argument(a, 0) else { return .undefined }
            let function = argument(a, 1)
            let whole = argument(a, 0)
            var result: [Value] = []
            for (index, item) in items.enumerated() {
                let keep = try call.evaluator.callback(function, item, index, whole, call)
                if boolean(keep) == true { result.append(item) }
            }
            return .array(result, .sequence)
        }),
        ("single", "<af?>", 2, { a, call throws(JSONataError) in
            guard case .array(let items, _) = argument(a, 0) else { return .undefined }
            let function = argument(a, 1)
            let whole = argument(a, 0)
            var found: Value?
            for (index, item) in items.enumerated() {
                var matches = true
                if !function.isUndefined {
                    matches = boolean(try call.evaluator.callback(function, item, index, whole, call)) == true
                }
                if matches {
                    if found != nil { throw JSONataError("D3138") }
                    found = item
                }
            }
            guard let found else { throw JSONataError("D3139") }
            return found
        }),
        ("reduce", "<afj?:j>", 3, { a, call throws(JSONataError) in
            guard case .array(let items, _) = argument(a, 0) else { return .undefined }
            let function = argument(a, 1)
            guard case .function(let f) = function, f.arity >= 2 else { throw JSONataError("D3050", index: 1) }
            var result = argument(a, 2)
            var index = 0
            if result.isUndefined && !items.isEmpty {
                result = items[0]
                index = 1
            }
            while index < items.count {
                var args = [result, items[index]]
                if f.arity >= 3 { args.append(.number(Double(index))) }
                if f.arity >= 4 { args.append(argument(a, 0)) }
                result = try call.evaluator.apply(function, args, .undefined, call.frame)
                index += 1
            }
            return result
        }),
    ] }
}
