/// A node of a compiled expression. The parser builds the raw tree; `Processor` rewrites it
/// into the form the evaluator runs (paths of steps, predicates as stages, tail calls as
/// thunks, `%` resolved to ancestor labels), as jsonata-js's `processAST` does.
///
/// Nodes are mutated only while an expression is compiled; a compiled tree is never changed
/// again, which is why it may be shared between threads. For the same reason its stored
/// properties opt out of run-time exclusivity checks (`@exclusivity(unchecked)`): no write can
/// overlap a read once the evaluator runs, and the evaluator reads them at every step.
final class Node: @unchecked Sendable {
    enum Kind {
        // Raw forms, rewritten by the processor.
        /// `lhs op rhs` for the structural operators `.`, `[`, `@`, `#`, `:=`, `~>`.
        case infix(String, Node, Node)
        /// `lhs{key: value, ...}`: grouping.
        case groupBy(Node, [(Node, Node)])
        /// `lhs^(<term, >term)`.
        case orderBy(Node, [SortTerm])
        /// `?` as an argument of a partial application.
        case placeholder
        /// `and`, `or`, `in` where an operand was expected: they are then field names.
        case keyword(String)

        // Processed forms.
        case path([Node])
        case binary(BinaryOperator, Node, Node)
        case negate(Node)
        case array([Node])
        case object([(Node, Node)])
        case name(String)
        case string(String)
        case number(Double)
        /// `true`, `false`, `null`.
        case literal(Value)
        case wildcard
        case descendant
        case parent(Slot)
        case condition(Node, Node, Node?)
        case block([Node])
        case bind(String, Node)
        case regex(RegexProgram)
        case call(Node, [Node])
        case partial(Node, [Node])
        case variable(String)
        case lambda(LambdaSpec)
        case apply(Node, Node)
        case transform(Node, Node, Node?)
        case sort([SortTerm])
    }

    @exclusivity(unchecked) var kind: Kind
    /// Offset just past the node's token, in Unicode scalars (jsonata-js's `position`).
    @exclusivity(unchecked) var position: Int

    /// Predicates of a node that is not a path step (`$x[0]`).
    @exclusivity(unchecked) var predicates: [Node]?
    /// Predicates and `#` index bindings of a path step, applied in order.
    @exclusivity(unchecked) var stages: [Stage]?
    /// The object constructor of a grouping (`Account.Order{...}`).
    @exclusivity(unchecked) var group: Group?
    /// `@$name`: the step binds each item to `$name` and keeps the previous context.
    @exclusivity(unchecked) var focus: String?
    /// `#$name`: the step binds each item's position to `$name`.
    @exclusivity(unchecked) var indexVariable: String?
    /// The step or path produces (or the path keeps) a tuple stream.
    @exclusivity(unchecked) var tuple = false
    /// The label under which a `%` further on finds this step's context.
    @exclusivity(unchecked) var ancestor: Slot?
    /// `[]` was applied: a singleton result stays an array.
    @exclusivity(unchecked) var keepArray = false
    /// An array constructor as the first or last step of a path: not flattened.
    @exclusivity(unchecked) var consArray = false
    /// A path containing a `[]` step.
    @exclusivity(unchecked) var keepSingletonArray = false
    /// `%` operators inside that still look for their step further out.
    @exclusivity(unchecked) var seekingParent: [Slot]?

    init(_ kind: Kind, position: Int) {
        self.kind = kind
        self.position = position
    }

    /// Set by the processor on paths that `simplePathShape` accepts.
    @exclusivity(unchecked) var isSimplePath = false
    /// Set by the processor when the node has predicates or a grouping to apply.
    @exclusivity(unchecked) var hasPredicatesOrGroup = false
    /// For a block: whether it can bind a variable in its own frame (an assignment, or a call,
    /// which might be `$eval`). A block that cannot needs no frame of its own.
    @exclusivity(unchecked) var blockNeedsFrame = true
    /// For `$name` where `name` is a built-in function: that function, found at compile time
    /// (a binding of the same name, looked up first, still wins).
    @exclusivity(unchecked) var builtin: FunctionValue?
    /// For a path of one field name (`price`) that `simplePathShape` accepts: that name. Over
    /// an object whose field is not an array, the path's value is the field's value.
    @exclusivity(unchecked) var singleName: String?
    /// For a path that `simplePathShape` accepts: the name of each step after the first, so
    /// that walking it reads no step's `kind`.
    @exclusivity(unchecked) var stepNames: [String] = []
    /// For a path that `simplePathShape` accepts, of a named variable and one or more field
    /// names (`$i.price`): the variable's name.
    @exclusivity(unchecked) var leadingVariable: String?
    /// For a call of a named variable (`$uppercase(...)`) that has no predicates of its own:
    /// that name, so that the call can look its function up without evaluating the node.
    @exclusivity(unchecked) var calleeVariable: String?
    /// For a predicate that compares one field with a literal (`price > 50`, `sku = "A"`):
    /// its parts, so that `filter` can compare without evaluating the tree (`Evaluator.filter`).
    @exclusivity(unchecked) var fieldComparison: FieldComparison?

    /// Every node directly below this one, annotations included.
    var children: [Node] {
        var result: [Node] = []
        switch kind {
        case .infix(_, let a, let b), .binary(_, let a, let b), .apply(let a, let b): result = [a, b]
        case .groupBy(let a, let pairs): result = [a] + pairs.flatMap { [$0.0, $0.1] }
        case .orderBy(let a, let terms): result = [a] + terms.map(\.expression)
        case .path(let items), .array(let items), .block(let items): result = items
        case .negate(let a), .bind(_, let a): result = [a]
        case .object(let pairs): result = pairs.flatMap { [$0.0, $0.1] }
        case .condition(let a, let b, let c): result = [a, b] + (c.map { [$0] } ?? [])
        case .call(let a, let items), .partial(let a, let items): result = [a] + items
        case .lambda(let spec): result = [spec.body]
        case .transform(let a, let b, let c): result = [a, b] + (c.map { [$0] } ?? [])
        case .sort(let terms): result = terms.map(\.expression)
        case .placeholder, .keyword, .name, .string, .number, .literal, .wildcard, .descendant, .parent, .regex, .variable:
            break
        }
        result += predicates ?? []
        for stage in stages ?? [] { if case .filter(let predicate, _) = stage { result.append(predicate) } }
        for pair in group?.pairs ?? [] { result += [pair.0, pair.1] }
        return result
    }

    /// Whether evaluating this node can bind a variable in the frame it is evaluated in.
    var mayBindInFrame: Bool {
        var pending = children
        while let node = pending.popLast() {
            switch node.kind {
            case .bind, .call, .partial, .apply: return true
            case .lambda, .block: continue
            default: pending += node.children
            }
        }
        return false
    }

    /// A path of plain names, possibly after a variable, with nothing that needs the general
    /// path rules (predicates, bindings, grouping, kept singletons).
    var simplePathShape: Bool {
        guard case .path(let steps) = kind, group == nil, !keepSingletonArray, !keepArray, !tuple else { return false }
        for (index, step) in steps.enumerated() {
            switch step.kind {
            case .name: break
            case .variable where index == 0: break
            default: return false
            }
            if step.predicates != nil || step.stages != nil || step.group != nil || step.focus != nil
                || step.indexVariable != nil || step.tuple || step.ancestor != nil || step.keepArray || step.consArray {
                return false
            }
        }
        return true
    }

    /// What `singleName` holds for this node, when it has that shape.
    var singleNameShape: String? {
        guard simplePathShape, predicates == nil, case .path(let steps) = kind, steps.count == 1,
              case .name(let name) = steps[0].kind else { return nil }
        return name
    }

    /// What `fieldComparison` holds for this node, when it has that shape: a comparison with
    /// no predicates of its own, a single field on the left and a number or string on the right.
    var fieldComparisonShape: FieldComparison? {
        guard case .binary(let op, let lhs, let rhs) = kind, predicates == nil, group == nil, !keepArray,
              let name = lhs.singleNameShape, !lhs.keepArray, rhs.predicates == nil, rhs.group == nil, !rhs.keepArray
        else { return nil }
        switch op {
        case .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual: break
        default: return nil
        }
        switch rhs.kind {
        case .number(let n): return FieldComparison(name: name, op: op, literal: .number(n))
        case .string(let s): return FieldComparison(name: name, op: op, literal: .string(s))
        default: return nil
        }
    }

    /// Whether the node is an array constructor (`[...]`).
    var isArrayConstructor: Bool { if case .array = kind { return true } else { return false } }
    var isPath: Bool { if case .path = kind { return true } else { return false } }
    var pathSteps: [Node]? { if case .path(let steps) = kind { return steps } else { return nil } }
}

/// The binary operators evaluated by value.
enum BinaryOperator: String {
    case add = "+", subtract = "-", multiply = "*", divide = "/", modulo = "%"
    case equal = "=", notEqual = "!=", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="
    case concat = "&", and, or, `in`, range = ".."
    /// `??` (JSONata 2.1): the left side unless it is undefined.
    case coalesce = "??"
    /// `?:` (JSONata 2.1): the left side when it is truthy, else the right side.
    case elvis = "?:"
}

/// A predicate `field op literal`, see `Node.fieldComparison`.
struct FieldComparison {
    let name: String
    let op: BinaryOperator
    /// A number or a string.
    let literal: Value
}

/// One term of an order-by clause.
struct SortTerm {
    var descending: Bool
    var expression: Node
}

/// A stage of a path step: a predicate, or the binding of each item's position.
enum Stage {
    case filter(Node, position: Int)
    case index(String)
}

/// The key/value pairs of a grouping or object constructor.
struct Group {
    var pairs: [(Node, Node)]
    var position: Int
}

/// A `%` (parent) reference being resolved: how many steps up it still has to go, and the
/// variable label under which the evaluator binds the ancestor.
final class Slot: @unchecked Sendable {
    @exclusivity(unchecked) var label: String
    @exclusivity(unchecked) var level: Int
    let index: Int
    init(label: String, level: Int, index: Int) { (self.label, self.level, self.index) = (label, level, index) }
}

/// A lambda as written: parameters, optional signature and body.
struct LambdaSpec {
    var parameters: [String]
    var signature: Signature?
    var body: Node
    /// A deferred tail call made by the optimiser, run by the trampoline.
    var isThunk: Bool
}
