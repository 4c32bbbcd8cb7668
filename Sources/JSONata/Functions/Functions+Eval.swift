extension Functions {
    /// `$eval(expr, context)`: parses and runs an expression given as a string, in the
    /// caller's scope. Step Functions disables it (its engine removes it); JSONata has it.
    static var evaluation: [Definition] { [
        ("eval", "<sx?:x>", 2, { a, call throws(JSONataError) in
            guard case .string(let text) = argument(a, 0) else { return .undefined }
            var input = call.input
            let focus = argument(a, 1)
            if !focus.isUndefined {
                input = focus
                if case .array(let items, let flags) = focus, !flags.contains(.sequence) {
                    input = .array([.array(items, flags)], [.sequence, .outerWrapper])
                }
            }
            let tree: Node
            do throws(JSONataError) {
                var parser = try Parser(text, newerOperators: true)
                tree = try Processor.compile(try parser.parse())
            } catch {
                throw JSONataError("D3120", value: NumberText.quoted(error.message))
            }
            do throws(JSONataError) {
                return try call.evaluator.evaluate(tree, input, call.frame)
            } catch {
                if error.code == "U1001" { throw error }
                throw JSONataError("D3121", value: NumberText.quoted(error.message))
            }
        }),
    ] }
}
