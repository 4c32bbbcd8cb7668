/// JSONata's grammar as jsonata-js parses it: a Pratt (top-down operator precedence) parser
/// over `Tokenizer`'s tokens, with the same binding powers, so that the same text gives the
/// same tree and the same syntax errors (`S02xx`) at the same positions.
struct Parser {
    private var tokenizer: Tokenizer
    private var current: Token

    init(_ text: String, newerOperators: Bool) throws(JSONataError) {
        tokenizer = Tokenizer(text, newerOperators: newerOperators)
        current = try tokenizer.next(operandExpected: true)
    }

    /// Parses the whole text into a raw tree; `Processor` compiles it further.
    mutating func parse() throws(JSONataError) -> Node {
        let tree = try expression(0)
        if current.kind != .end {
            throw JSONataError("S0201", position: current.position, token: current.text)
        }
        return tree
    }

    /// The symbol of a token as jsonata-js's symbol table names it.
    private static func id(_ token: Token) -> String {
        switch token.kind {
        case .name, .variable: return "(name)"
        case .operator: return token.text
        case .string, .number, .value: return "(literal)"
        case .regex: return "(regex)"
        case .end: return "(end)"
        }
    }

    /// How strongly a token binds to the expression on its left; 0 ends an expression.
    private static func leftBindingPower(_ token: Token) -> Int {
        guard token.kind == .operator else { return 0 }
        switch token.text {
        case "..", "|", "**", ":", ";", ",", ")", "]", "}": return 0
        default: return Tokenizer.operatorPrecedence[token.text] ?? 0
        }
    }

    /// Moves to the next token, first checking that the current one is `expected`.
    /// `operandExpected` says whether a `/` that follows starts a regular expression.
    @discardableResult
    private mutating func advance(_ expected: String? = nil, operandExpected: Bool = true) throws(JSONataError) -> Token {
        if let expected, Self.id(current) != expected {
            let code = current.kind == .end ? "S0203" : "S0202"
            throw JSONataError(code, position: current.position, token: current.text, value: NumberText.quoted(expected))
        }
        current = try tokenizer.next(operandExpected: operandExpected)
        if current.kind == .operator, !Self.knownOperators.contains(current.text) {
            throw JSONataError("S0204", position: current.position, token: current.text)
        }
        return current
    }

    /// Operators with an entry in jsonata-js's symbol table (`!` and `~` have none).
    private static let knownOperators: Set<String> = [
        ".", "[", "]", "{", "}", "(", ")", ",", "@", "#", ";", ":", "?", "+", "-", "*", "/", "%", "|", "=", "<", ">",
        "^", "**", "..", ":=", "!=", "<=", ">=", "~>", "?:", "??", "and", "or", "in", "&",
    ]

    private mutating func expression(_ rightBindingPower: Int) throws(JSONataError) -> Node {
        let token = current
        try advance(nil, operandExpected: false)
        var left = try prefix(token)
        while rightBindingPower < Self.leftBindingPower(current) {
            let op = current
            try advance()
            left = try infix(op, left)
        }
        return left
    }

    // MARK: - Prefix (nud)

    private mutating func prefix(_ token: Token) throws(JSONataError) -> Node {
        let position = token.position
        switch token.kind {
        case .name: return Node(.name(token.text), position: position)
        case .variable: return Node(.variable(token.text), position: position)
        case .string: return Node(.string(token.text), position: position)
        case .number: return Node(.number(token.number), position: position)
        case .value: return Node(.literal(token.literal), position: position)
        case .regex: return Node(.regex(token.regex!), position: position)
        case .end: throw JSONataError("S0207", position: position, token: "(end)")
        case .operator: break
        }
        switch token.text {
        case "and", "or", "in": return Node(.keyword(token.text), position: position)
        case "-": return Node(.negate(try expression(70)), position: position)
        case "*": return Node(.wildcard, position: position)
        case "**": return Node(.descendant, position: position)
        case "%": return Node(.parent(Slot(label: "", level: 1, index: 0)), position: position)
        case "(":
            var expressions: [Node] = []
            while Self.id(current) != ")" {
                expressions.append(try expression(0))
                if Self.id(current) != ";" { break }
                try advance(";")
            }
            try advance(")", operandExpected: false)
            return Node(.block(expressions), position: position)
        case "[":
            var items: [Node] = []
            if Self.id(current) != "]" {
                while true {
                    var item = try expression(0)
                    if Self.id(current) == ".." {
                        let rangePosition = current.position
                        try advance("..")
                        item = Node(.binary(.range, item, try expression(0)), position: rangePosition)
                    }
                    items.append(item)
                    if Self.id(current) != "," { break }
                    try advance(",")
                }
            }
            try advance("]", operandExpected: false)
            return Node(.array(items), position: position)
        case "{":
            return Node(.object(try objectPairs()), position: position)
        case "|":
            let pattern = try expression(0)
            try advance("|")
            let update = try expression(0)
            var deletion: Node?
            if Self.id(current) == "," {
                try advance(",")
                deletion = try expression(0)
            }
            try advance("|")
            return Node(.transform(pattern, update, deletion), position: position)
        default:
            throw JSONataError("S0211", position: position, token: token.text)
        }
    }

    private mutating func objectPairs() throws(JSONataError) -> [(Node, Node)] {
        var pairs: [(Node, Node)] = []
        if Self.id(current) != "}" {
            while true {
                let key = try expression(0)
                try advance(":")
                let value = try expression(0)
                pairs.append((key, value))
                if Self.id(current) != "," { break }
                try advance(",")
            }
        }
        try advance("}", operandExpected: false)
        return pairs
    }

    // MARK: - Infix (led)

    private mutating func infix(_ token: Token, _ left: Node) throws(JSONataError) -> Node {
        let position = token.position
        let power = Tokenizer.operatorPrecedence[token.text] ?? 0
        switch token.text {
        case ".", "~>":
            return Node(.infix(token.text, left, try expression(power)), position: position)
        case "(":
            return try call(left, position: position)
        case "[":
            if Self.id(current) == "]" {
                // An empty predicate keeps singleton arrays: mark the innermost predicated step.
                var step = left
                while case .infix("[", let inner, _) = step.kind { step = inner }
                step.keepArray = true
                try advance("]", operandExpected: false)
                return left
            }
            let predicate = try expression(0)
            try advance("]", operandExpected: false)
            return Node(.infix("[", left, predicate), position: position)
        case "^":
            try advance("(")
            var terms: [SortTerm] = []
            while true {
                var descending = false
                if Self.id(current) == "<" {
                    try advance("<")
                } else if Self.id(current) == ">" {
                    descending = true
                    try advance(">")
                }
                terms.append(SortTerm(descending: descending, expression: try expression(0)))
                if Self.id(current) != "," { break }
                try advance(",")
            }
            try advance(")", operandExpected: false)
            return Node(.orderBy(left, terms), position: position)
        case "{":
            return Node(.groupBy(left, try objectPairs()), position: position)
        case ":=":
            guard case .variable = left.kind else {
                throw JSONataError("S0212", position: left.position, token: Self.text(of: left))
            }
            return Node(.infix(":=", left, try expression(power - 1)), position: position)
        case "@", "#":
            let right = try expression(power)
            guard case .variable = right.kind else {
                throw JSONataError("S0214", position: right.position, token: token.text)
            }
            return Node(.infix(token.text, left, right), position: position)
        case "?":
            let then = try expression(0)
            var otherwise: Node?
            if Self.id(current) == ":" {
                try advance(":")
                otherwise = try expression(0)
            }
            return Node(.condition(left, then, otherwise), position: position)
        case "?:":
            return Node(.binary(.elvis, left, try expression(0)), position: position)
        case "??":
            return Node(.binary(.coalesce, left, try expression(0)), position: position)
        default:
            guard let op = BinaryOperator(rawValue: token.text) else {
                throw JSONataError("S0201", position: position, token: token.text)
            }
            return Node(.binary(op, left, try expression(power)), position: position)
        }
    }

    /// `f(args)`, `f(?, x)` (partial application) or `function($x)<sig>{ body }`.
    private mutating func call(_ procedure: Node, position: Int) throws(JSONataError) -> Node {
        var arguments: [Node] = []
        var isPartial = false
        if Self.id(current) != ")" {
            while true {
                if current.kind == .operator && current.text == "?" {
                    isPartial = true
                    arguments.append(Node(.placeholder, position: current.position))
                    try advance("?")
                } else {
                    arguments.append(try expression(0))
                }
                if Self.id(current) != "," { break }
                try advance(",")
            }
        }
        try advance(")", operandExpected: false)
        guard case .name(let name) = procedure.kind, name == "function" || name == "\u{03BB}" else {
            return Node(isPartial ? .partial(procedure, arguments) : .call(procedure, arguments), position: position)
        }
        var parameters: [String] = []
        for (index, argument) in arguments.enumerated() {
            guard case .variable(let parameter) = argument.kind else {
                throw JSONataError("S0208", position: argument.position, token: Self.text(of: argument), value: String(index + 1))
            }
            parameters.append(parameter)
        }
        var signature: Signature?
        if Self.id(current) == "<" {
            let signatureStart = current.position
            var depth = 1
            var text = "<"
            while depth > 0 && Self.id(current) != "{" && current.kind != .end {
                let token = try advance()
                if Self.id(token) == ">" { depth -= 1 } else if Self.id(token) == "<" { depth += 1 }
                text += token.kind == .variable ? "$" + token.text : token.text
            }
            try advance(">")
            do {
                signature = try Signature(text)
            } catch {
                var located = error
                located.position = signatureStart + (error.position ?? 0)
                throw located
            }
        }
        try advance("{")
        let body = try expression(0)
        try advance("}", operandExpected: false)
        return Node(.lambda(LambdaSpec(parameters: parameters, signature: signature, body: body, isThunk: false)), position: position)
    }

    /// The text jsonata-js would report as the token of a node in an error.
    static func text(of node: Node) -> String {
        switch node.kind {
        case .name(let s), .string(let s), .variable(let s), .keyword(let s): return s
        case .number(let n): return NumberText.format(n)
        default: return ""
        }
    }
}
