extension Evaluator {
    func evaluateBinary(_ node: Node, _ op: BinaryOperator, _ lhsNode: Node, _ rhsNode: Node,
                        _ input: Value, _ env: Frame) throws(JSONataError) -> Value {
        if op == .concat {
            var text = ""
            try concatenate(lhsNode, rhsNode, node, input, env, into: &text)
            return .string(text)
        }
        let lhs = try evaluate(lhsNode, input, env)
        switch op {
        case .and:
            guard Functions.boolean(lhs) == true else { return .bool(false) }
            return .bool(Functions.boolean(try evaluate(rhsNode, input, env)) == true)
        case .or:
            if Functions.boolean(lhs) == true { return .bool(true) }
            return .bool(Functions.boolean(try evaluate(rhsNode, input, env)) == true)
        case .coalesce:
            return lhs.isUndefined ? try evaluate(rhsNode, input, env) : lhs
        case .elvis:
            return Functions.boolean(lhs) == true ? lhs : try evaluate(rhsNode, input, env)
        default:
            break
        }
        let rhs = try evaluate(rhsNode, input, env)
        do {
            switch op {
            case .add, .subtract, .multiply, .divide, .modulo:
                return try Self.arithmetic(op, lhs, rhs)
            case .equal: return .bool(Self.equality(lhs, rhs))
            case .notEqual:
                if lhs.isUndefined || rhs.isUndefined { return .bool(false) }
                return .bool(!Self.deepEqual(lhs, rhs))
            case .less, .lessOrEqual, .greater, .greaterOrEqual:
                return try Self.comparison(op, lhs, rhs)
            case .range:
                return try range(lhs, rhs)
            case .in:
                return .bool(Self.includes(lhs, rhs))
            case .and, .or, .coalesce, .elvis, .concat:
                preconditionFailure("handled above")
            }
        } catch {
            throw error.located(node.position, token: op.rawValue)
        }
    }

    /// `lhs & rhs`, appended to `text`. A chain `a & b & c` is written into one string: its
    /// left operand, itself a `&` with nothing else to apply, is appended by the same means
    /// one level down (as `evaluate` would count it) instead of being made as a string of its
    /// own and copied. Both operands are evaluated before either is converted, as for one `&`.
    private func concatenate(_ lhsNode: Node, _ rhsNode: Node, _ node: Node, _ input: Value, _ env: Frame,
                             into text: inout String) throws(JSONataError) {
        if !lhsNode.hasPredicatesOrGroup, case .binary(.concat, let innerLeft, let innerRight) = lhsNode.kind {
            try nested { () throws(JSONataError) in try concatenate(innerLeft, innerRight, lhsNode, input, env, into: &text) }
            let rhs = try evaluate(rhsNode, input, env)
            do { text += try Functions.stringOrEmpty(rhs) } catch { throw error.located(node.position, token: "&") }
            return
        }
        let lhs = try evaluate(lhsNode, input, env)
        let rhs = try evaluate(rhsNode, input, env)
        do {
            text += try Functions.stringOrEmpty(lhs)
            text += try Functions.stringOrEmpty(rhs)
        } catch {
            throw error.located(node.position, token: "&")
        }
    }

    static func arithmetic(_ op: BinaryOperator, _ lhs: Value, _ rhs: Value) throws(JSONataError) -> Value {
        if !lhs.isUndefined, !lhs.isNumber { throw JSONataError("T2001", value: lhs.jsonText) }
        if !rhs.isUndefined, !rhs.isNumber { throw JSONataError("T2002", value: rhs.jsonText) }
        guard case .number(let l) = lhs, case .number(let r) = rhs else { return .undefined }
        // jsonata-js's isNumeric: a non-finite operand (from an earlier overflow) is D1001.
        if !l.isFinite { throw JSONataError("D1001", value: NumberText.format(l)) }
        if !r.isFinite { throw JSONataError("D1001", value: NumberText.format(r)) }
        let result: Double = switch op {
        case .add: l + r
        case .subtract: l - r
        case .multiply: l * r
        case .divide: l / r
        default: l.truncatingRemainder(dividingBy: r)
        }
        // A non-finite result is kept: jsonata-js fails where it is next used (D1001 as an
        // operand, D3001 in $string); written as JSON it is null.
        return .number(result)
    }

    /// `=`: deep equality; false when either side is undefined.
    static func equality(_ lhs: Value, _ rhs: Value) -> Bool {
        if lhs.isUndefined || rhs.isUndefined { return false }
        return deepEqual(lhs, rhs)
    }

    /// jsonata-js's `isDeepEqual`: values by value, arrays element-wise, objects by their
    /// members whatever their order, functions only when identical.
    static func deepEqual(_ lhs: Value, _ rhs: Value) -> Bool {
        switch (lhs, rhs) {
        case (.undefined, .undefined), (.null, .null): return true
        case (.bool(let a), .bool(let b)): return a == b
        case (.number(let a), .number(let b)): return a == b
        case (.string(let a), .string(let b)): return a.unicodeScalars.elementsEqual(b.unicodeScalars)
        case (.array(let a, _), .array(let b, _)):
            return a.count == b.count && zip(a, b).allSatisfy { deepEqual($0, $1) }
        case (.object(let a), .object(let b)):
            if a === b { return true }
            guard a.members.count == b.members.count else { return false }
            for (key, value) in a.members {
                guard let other = b.members[key], deepEqual(value, other) else { return false }
            }
            return true
        case (.function(let a), .function(let b)): return a === b
        default: return false
        }
    }

    static func comparison(_ op: BinaryOperator, _ lhs: Value, _ rhs: Value) throws(JSONataError) -> Value {
        func comparable(_ v: Value) -> Bool {
            switch v { case .undefined, .string, .number: return true; default: return false }
        }
        guard comparable(lhs), comparable(rhs) else {
            let offending = (lhs.isString || lhs.isNumber) ? rhs : lhs
            throw JSONataError("T2010", value: offending.jsonText)
        }
        if lhs.isUndefined || rhs.isUndefined { return .undefined }
        let order: Int
        switch (lhs, rhs) {
        case (.number(let a), .number(let b)): order = a < b ? -1 : (a > b ? 1 : 0)
        case (.string(let a), .string(let b)): order = compareStrings(a, b)
        default: throw JSONataError("T2009", value: lhs.jsonText, value2: rhs.jsonText)
        }
        switch op {
        case .less: return .bool(order < 0)
        case .lessOrEqual: return .bool(order <= 0)
        case .greater: return .bool(order > 0)
        default: return .bool(order >= 0)
        }
    }

    /// JavaScript compares strings by UTF-16 code units.
    static func compareStrings(_ a: String, _ b: String) -> Int {
        if a.utf16.elementsEqual(b.utf16) { return 0 }
        return a.utf16.lexicographicallyPrecedes(b.utf16) ? -1 : 1
    }

    /// `in`: whether `lhs` equals an item of `rhs` as JavaScript's `===` sees it (objects
    /// and arrays by identity).
    static func includes(_ lhs: Value, _ rhs: Value) -> Bool {
        if lhs.isUndefined || rhs.isUndefined { return false }
        for item in rhs.asList where strictEqual(lhs, item) { return true }
        return false
    }

    static func strictEqual(_ lhs: Value, _ rhs: Value) -> Bool {
        switch (lhs, rhs) {
        case (.object(let a), .object(let b)): return a === b
        case (.array, .array): return false
        case (.function(let a), .function(let b)): return a === b
        default: return deepEqual(lhs, rhs)
        }
    }

    /// `a..b`: the integers from a to b, at most 10 million of them.
    func range(_ lhs: Value, _ rhs: Value) throws(JSONataError) -> Value {
        func isInteger(_ v: Value) -> Bool {
            if case .number(let n) = v { return n == n.rounded() }
            return false
        }
        if !lhs.isUndefined, !isInteger(lhs) { throw JSONataError("T2003", value: lhs.jsonText) }
        if !rhs.isUndefined, !isInteger(rhs) { throw JSONataError("T2004", value: rhs.jsonText) }
        guard case .number(let from) = lhs, case .number(let to) = rhs, from <= to else { return .undefined }
        let size = to - from + 1
        if size > 1e7 { throw JSONataError("D2014", value: NumberText.format(size)) }
        try countSteps(Int(size))
        let start = Int(from)
        return .array((0..<Int(size)).map { .number(Double(start + $0)) }, .sequence)
    }

    func evaluateNegation(_ node: Node, _ operand: Node, _ input: Value, _ env: Frame) throws(JSONataError) -> Value {
        let value = try evaluate(operand, input, env)
        switch value {
        case .undefined: return .undefined
        case .number(let n): return .number(-n)
        default: throw JSONataError("D1002", position: node.position, token: "-", value: value.jsonText)
        }
    }

    /// `[a, b, ...]`: items appended in order, each flattened one level unless it is itself
    /// an array constructor.
    func evaluateArray(_ node: Node, _ items: [Node], _ input: Value, _ env: Frame) throws(JSONataError) -> Value {
        var result: [Value] = []
        for item in items {
            let value = try evaluate(item, input, env)
            if value.isUndefined { continue }
            if item.isArrayConstructor {
                result.append(value)
            } else if case .array(let inner, _) = value {
                result.append(contentsOf: inner)
            } else {
                result.append(value)
            }
        }
        return .array(result, node.consArray ? .cons : [])
    }
}
