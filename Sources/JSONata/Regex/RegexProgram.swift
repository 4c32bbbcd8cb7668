/// A compiled regular expression: instructions for a backtracking machine with an explicit
/// stack, so that neither long inputs nor nested quantifiers can exhaust the call stack, and
/// the evaluator's step and time bounds interrupt catastrophic backtracking.
final class RegexProgram: @unchecked Sendable {
    enum Instruction {
        case scalar(UInt32)
        case scalarFolded(UInt32, UInt32, UInt32)
        case any
        case set(CharacterSet, negated: Bool)
        /// Try `first`, and on failure `second`.
        case split(Int, Int)
        case jump(Int)
        case save(Int)
        /// Records the position in a loop register (for the empty-iteration check).
        case mark(Int)
        /// Fails when an optional loop iteration since `mark` consumed nothing.
        case progress(Int, counter: Int, min: Int)
        case counterReset(Int)
        /// Enters the body again (counting) or leaves the loop, as `min`, `max` and greediness say.
        case counterLoop(Int, min: Int, max: Int?, body: Int, exit: Int, greedy: Bool)
        case lineStart, lineEnd, wordBoundary(Bool)
        case backreference(Int)
        case look(start: Int, end: Int, ahead: Bool, negated: Bool)
        case match
    }

    let source: String
    let ignoreCase: Bool
    let multiline: Bool
    private(set) var code: [Instruction] = []
    let groupCount: Int
    private var registerCount = 0
    private var counterCount = 0

    init(pattern: String, flags: String) throws {
        source = pattern
        ignoreCase = flags.contains("i")
        multiline = flags.contains("m")
        var parser = RegexParser(pattern)
        let tree = try parser.parse()
        groupCount = parser.groupCount
        code.append(.save(0))
        compile(tree)
        code.append(.save(1))
        code.append(.match)
    }

    // MARK: - Compiling

    private func emit(_ instruction: Instruction) -> Int {
        code.append(instruction)
        return code.count - 1
    }

    private func compile(_ node: RegexNode) {
        switch node {
        case .empty: break
        case .scalar(let s):
            if ignoreCase {
                let (lower, upper) = Self.caseVariants(s)
                _ = emit(.scalarFolded(s.value, lower, upper))
            } else {
                _ = emit(.scalar(s.value))
            }
        case .any: _ = emit(.any)
        case .set(let set, let negated): _ = emit(.set(set, negated: negated))
        case .sequence(let items): for item in items { compile(item) }
        case .alternation(let branches):
            var jumps: [Int] = []
            for (index, branch) in branches.enumerated() {
                if index < branches.count - 1 {
                    let split = emit(.split(0, 0))
                    compile(branch)
                    jumps.append(emit(.jump(0)))
                    code[split] = .split(split + 1, code.count)
                } else {
                    compile(branch)
                }
            }
            for jump in jumps { code[jump] = .jump(code.count) }
        case .group(let inner, let capture):
            if let capture { _ = emit(.save(capture * 2)) }
            compile(inner)
            if let capture { _ = emit(.save(capture * 2 + 1)) }
        case .look(let inner, let ahead, let negated):
            let look = emit(.look(start: 0, end: 0, ahead: ahead, negated: negated))
            let start = code.count
            compile(inner)
            _ = emit(.match)
            code[look] = .look(start: start, end: code.count, ahead: ahead, negated: negated)
        case .repeating(let inner, let min, let max, let greedy):
            compileRepeat(inner, min: min, max: max, greedy: greedy)
        case .lineStart: _ = emit(.lineStart)
        case .lineEnd: _ = emit(.lineEnd)
        case .wordBoundary: _ = emit(.wordBoundary(true))
        case .notWordBoundary: _ = emit(.wordBoundary(false))
        case .backreference(let n): _ = emit(.backreference(n))
        }
    }

    /// `x{min,max}`: a counter loop; an iteration that matches nothing ends the loop, as
    /// ECMAScript's RepeatMatcher requires. Captures inside are reset each iteration.
    private func compileRepeat(_ inner: RegexNode, min: Int, max: Int?, greedy: Bool) {
        if min == 0 && max == 1 {
            let split = emit(.split(0, 0))
            compile(inner)
            code[split] = greedy ? .split(split + 1, code.count) : .split(code.count, split + 1)
            return
        }
        let counter = counterCount
        counterCount += 1
        let register = registerCount
        registerCount += 1
        _ = emit(.counterReset(counter))
        let loop = emit(.counterLoop(counter, min: min, max: max, body: 0, exit: 0, greedy: greedy))
        let body = code.count
        _ = emit(.mark(register))
        compile(inner)
        _ = emit(.progress(register, counter: counter, min: min))
        _ = emit(.jump(loop))
        code[loop] = .counterLoop(counter, min: min, max: max, body: body, exit: code.count, greedy: greedy)
    }

    static func caseVariants(_ s: Unicode.Scalar) -> (UInt32, UInt32) {
        func single(_ text: String) -> UInt32 {
            let scalars = text.unicodeScalars
            return scalars.count == 1 ? scalars.first!.value : s.value
        }
        return (single(s.properties.lowercaseMapping), single(s.properties.uppercaseMapping))
    }

    var registers: Int { registerCount }
    var counters: Int { counterCount }
}
