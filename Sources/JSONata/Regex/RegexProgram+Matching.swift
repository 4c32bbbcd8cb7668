/// One match: offsets in Unicode scalars; a group that did not take part is nil.
struct RegexMatch {
    var start: Int
    var end: Int
    var groups: [Range<Int>?]
}

extension RegexProgram {
    private enum Entry {
        case branch(pc: Int, position: Int)
        case slot(Int, Int)
        case register(Int, Int)
        case counter(Int, Int)
    }

    /// The first match starting at or after `from`; `budget` is called every few thousand
    /// instructions so that the caller's bounds can stop a runaway match.
    func firstMatch(in text: [Unicode.Scalar], from: Int, budget: (Int) throws(JSONataError) -> Void) throws(JSONataError) -> RegexMatch? {
        var start = from
        var steps = 0
        while start <= text.count {
            var slots = Array(repeating: -1, count: (groupCount + 1) * 2)
            if try run(text, pc: 0, position: start, slots: &slots, requiredEnd: nil, steps: &steps, budget: budget) != nil {
                var groups: [Range<Int>?] = []
                for g in 1...max(groupCount, 1) where g <= groupCount {
                    let a = slots[g * 2], b = slots[g * 2 + 1]
                    groups.append(a >= 0 && b >= a ? a..<b : nil)
                }
                return RegexMatch(start: slots[0], end: slots[1], groups: groups)
            }
            start += 1
        }
        return nil
    }

    private static func isLineTerminator(_ c: Unicode.Scalar) -> Bool {
        c == "\n" || c == "\r" || c == "\u{2028}" || c == "\u{2029}"
    }

    private static func isWord(_ text: [Unicode.Scalar], _ i: Int) -> Bool {
        guard i >= 0 && i < text.count else { return false }
        return CharacterSet.word.contains(text[i].value)
    }

    private func matchesSet(_ set: CharacterSet, negated: Bool, _ c: Unicode.Scalar) -> Bool {
        var found = set.contains(c.value)
        if !found && ignoreCase {
            let (lower, upper) = Self.caseVariants(c)
            found = set.contains(lower) || set.contains(upper)
        }
        return found != negated
    }

    /// Runs the machine from `pc` at `position`; returns the end position of a match.
    private func run(_ text: [Unicode.Scalar], pc startPC: Int, position startPosition: Int, slots: inout [Int],
                     requiredEnd: Int?, steps: inout Int, budget: (Int) throws(JSONataError) -> Void) throws(JSONataError) -> Int? {
        var stack: [Entry] = []
        var registers = Array(repeating: -1, count: self.registers)
        var counters = Array(repeating: 0, count: self.counters)
        var pc = startPC
        var position = startPosition
        while true {
            steps += 1
            if steps & 0xFFF == 0 { try budget(0x1000) }
            var fail = false
            switch code[pc] {
            case .scalar(let value):
                if position < text.count && text[position].value == value { position += 1; pc += 1 } else { fail = true }
            case .scalarFolded(let value, let lower, let upper):
                if position < text.count {
                    let c = text[position]
                    let (cl, cu) = Self.caseVariants(c)
                    if c.value == value || c.value == lower || c.value == upper || cl == lower || cu == upper {
                        position += 1; pc += 1
                    } else { fail = true }
                } else { fail = true }
            case .any:
                if position < text.count && !Self.isLineTerminator(text[position]) { position += 1; pc += 1 } else { fail = true }
            case .set(let set, let negated):
                if position < text.count && matchesSet(set, negated: negated, text[position]) { position += 1; pc += 1 } else { fail = true }
            case .split(let first, let second):
                stack.append(.branch(pc: second, position: position))
                pc = first
            case .jump(let target):
                pc = target
            case .save(let slot):
                stack.append(.slot(slot, slots[slot]))
                slots[slot] = position
                pc += 1
            case .mark(let register):
                stack.append(.register(register, registers[register]))
                registers[register] = position
                pc += 1
            case .progress(let register, let counter, let min):
                if registers[register] == position && counters[counter] > min { fail = true } else { pc += 1 }
            case .counterReset(let counter):
                stack.append(.counter(counter, counters[counter]))
                counters[counter] = 0
                pc += 1
            case .counterLoop(let counter, let min, let max, let body, let exit, let greedy):
                let count = counters[counter]
                if count < min {
                    stack.append(.counter(counter, count))
                    counters[counter] = count + 1
                    pc = body
                } else if let max, count >= max {
                    pc = exit
                } else if greedy {
                    stack.append(.branch(pc: exit, position: position))
                    stack.append(.counter(counter, count))
                    counters[counter] = count + 1
                    pc = body
                } else {
                    // Lazy: leave first; on backtracking, enter the body with the count raised.
                    stack.append(.counter(counter, count))
                    stack.append(.branch(pc: body, position: position))
                    stack.append(.counter(counter, count + 1))
                    pc = exit
                }
            case .lineStart:
                if position == 0 || (multiline && Self.isLineTerminator(text[position - 1])) { pc += 1 } else { fail = true }
            case .lineEnd:
                if position == text.count || (multiline && Self.isLineTerminator(text[position])) { pc += 1 } else { fail = true }
            case .wordBoundary(let expected):
                let boundary = Self.isWord(text, position - 1) != Self.isWord(text, position)
                if boundary == expected { pc += 1 } else { fail = true }
            case .backreference(let group):
                let a = group * 2 < slots.count ? slots[group * 2] : -1
                let b = group * 2 + 1 < slots.count ? slots[group * 2 + 1] : -1
                if a < 0 || b < a { pc += 1; break }
                let length = b - a
                if position + length <= text.count && (0..<length).allSatisfy({ i in
                    let x = text[a + i], y = text[position + i]
                    return x == y || (ignoreCase && Self.caseVariants(x) == Self.caseVariants(y))
                }) {
                    position += length
                    pc += 1
                } else { fail = true }
            case .look(let start, let end, let ahead, let negated):
                var inner = slots
                var matched = false
                if ahead {
                    matched = try run(text, pc: start, position: position, slots: &inner, requiredEnd: nil, steps: &steps, budget: budget) != nil
                } else {
                    var from = position
                    while from >= 0 && !matched {
                        inner = slots
                        matched = try run(text, pc: start, position: from, slots: &inner, requiredEnd: position, steps: &steps, budget: budget) != nil
                        from -= 1
                    }
                }
                if matched != negated {
                    if matched {
                        for i in 0..<slots.count where slots[i] != inner[i] {
                            stack.append(.slot(i, slots[i]))
                            slots[i] = inner[i]
                        }
                    }
                    pc = end
                } else { fail = true }
            case .match:
                if let requiredEnd, position != requiredEnd {
                    fail = true
                } else {
                    return position
                }
            }
            if fail {
                var resumed = false
                while let entry = stack.popLast() {
                    switch entry {
                    case .slot(let i, let old): slots[i] = old
                    case .register(let i, let old): registers[i] = old
                    case .counter(let i, let old): counters[i] = old
                    case .branch(let p, let pos):
                        pc = p
                        position = pos
                        resumed = true
                    }
                    if resumed { break }
                }
                if !resumed { return nil }
            }
        }
    }
}
