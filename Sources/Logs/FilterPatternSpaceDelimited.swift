/// The space-delimited form, `[ip, user, ..., status_code = 4*, bytes > 1000]`.
///
/// AWS: "enclose the filter pattern in brackets ("[]"), and specify fields with names that are
/// separated by commas (",")"; "Characters between brackets ("[]") and double quotation marks
/// ("") are considered single fields"; "you can use ellipsis (...) to reference any unnamed
/// field. Elipsis can reference as many fields as needed."
struct SpaceDelimitedPattern: Sendable {
    enum Field: Sendable {
        case ellipsis
        /// A field, named or not (`[..., status_code=4*,]` ends in an unnamed one), whose
        /// condition is a disjunction of conjunctions; no conjunctions means any value.
        case field(name: String?, anyOf: [[Comparison]])
    }

    let fields: [Field]

    /// Parses a whole space-delimited pattern starting at its `[`.
    static func parse(_ scanner: inout PatternScanner) throws(FilterPatternError) -> SpaceDelimitedPattern {
        let openColumn = scanner.column
        scanner.advance()
        var fields: [Field] = []
        var regexCount = 0
        while true {
            scanner.skipSpaces()
            if scanner.consume("...") {
                fields.append(.ellipsis)
            } else if scanner.peek == "," || (scanner.peek == "]" && !fields.isEmpty) {
                fields.append(.field(name: nil, anyOf: []))
            } else {
                let name = scanner.read(while: isWordCharacter)
                if name.isEmpty {
                    throw scanner.error("expected a field name or '...', found \(patternDescription(of: scanner.peek))")
                }
                scanner.skipSpaces()
                let condition = try parseCondition(of: name, &scanner, regexCount: &regexCount)
                fields.append(.field(name: name, anyOf: condition))
            }
            scanner.skipSpaces()
            if scanner.consume(",") { continue }
            if scanner.consume("]") { break }
            if scanner.isAtEnd { throw scanner.error("expected ']' to close the '[' at column \(openColumn)") }
            throw scanner.error("expected ',' or ']' after a field, found \(patternDescription(of: scanner.peek))")
        }
        scanner.skipSpaces()
        if !scanner.isAtEnd {
            throw scanner.error("unexpected \(patternDescription(of: scanner.peek)) after the closing ']'")
        }
        return SpaceDelimitedPattern(fields: fields)
    }

    /// Reads `name OP value` joined by `&&` and `||` (`&&` binding tighter), or nothing.
    ///
    /// Every comparison must test the field it is written in: AWS's current examples only
    /// do so (`status_code = 404 || status_code = 410`, `w1!=ERROR && w1!=WARNING`), and the
    /// older example `[..., status_code = 4* && bytes > 1000]` was reported on the guide's
    /// issue tracker (awsdocs/amazon-cloudwatch-logs-user-guide#21) to give "Invalid filter
    /// pattern" and was dropped from the guide.
    private static func parseCondition(
        of name: String,
        _ scanner: inout PatternScanner,
        regexCount: inout Int
    ) throws(FilterPatternError) -> [[Comparison]] {
        guard let firstOperator = scanner.readComparisonOperator() else { return [] }
        var groups: [[Comparison]] = [[]]
        var op = firstOperator
        while true {
            let value = try scanner.readValue(after: op, regexCount: &regexCount)
            groups[groups.count - 1].append(Comparison(op: op, value: value))
            scanner.skipSpaces()
            let joiner: String
            if scanner.consume("&&") {
                joiner = "&&"
            } else if scanner.consume("||") {
                joiner = "||"
                groups.append([])
            } else {
                return groups
            }
            scanner.skipSpaces()
            let nameColumn = scanner.column
            let other = scanner.read(while: isWordCharacter)
            if other.isEmpty {
                throw scanner.error("expected the field name '\(name)' after '\(joiner)', found \(patternDescription(of: scanner.peek))")
            }
            if other != name {
                throw scanner.error(
                    "a condition in field '\(name)' can only test '\(name)', not '\(other)'", column: nameColumn)
            }
            scanner.skipSpaces()
            guard let next = scanner.readComparisonOperator() else {
                throw scanner.error("expected an operator after '\(name)', found \(patternDescription(of: scanner.peek))")
            }
            op = next
        }
    }

    func matches(_ message: UnsafeBufferPointer<UInt8>) -> Bool {
        let tokens = Self.tokens(of: message)
        if fields.contains(where: { if case .ellipsis = $0 { return true } else { return false } }) {
            var memo = [UInt8](repeating: 0, count: (fields.count + 1) * (tokens.count + 1))
            return match(field: 0, token: 0, tokens, message, &memo)
        }
        // Without an ellipsis the last field takes the rest of the message. AWS: "include a
        // blank w2 indicator after the w1 term", and `[w1=ERROR, w2]` "returns log events where
        // the first word in the log events is ERROR" for events of seven words.
        guard tokens.count >= fields.count else { return false }
        for index in 0..<fields.count - 1 where !test(fields[index], message, tokens[index].value) {
            return false
        }
        let last = tokens[fields.count - 1]
        var rest = last.value
        if tokens.count > fields.count {
            var end = message.count
            while end > last.raw, isBlank(message[end - 1]) { end -= 1 }
            rest = last.raw..<end
        }
        return test(fields[fields.count - 1], message, rest)
    }

    /// Whether fields from `field` on match exactly the tokens from `token` on; `memo` holds
    /// 1 for known matches and 2 for known failures, so several ellipses stay polynomial.
    private func match(
        field: Int, token: Int, _ tokens: [Token], _ message: UnsafeBufferPointer<UInt8>, _ memo: inout [UInt8]
    ) -> Bool {
        if field == fields.count { return token == tokens.count }
        let key = field * (tokens.count + 1) + token
        if memo[key] != 0 { return memo[key] == 1 }
        var result = false
        switch fields[field] {
        case .ellipsis:
            for next in token...tokens.count where match(field: field + 1, token: next, tokens, message, &memo) {
                result = true
                break
            }
        case .field:
            result = token < tokens.count && test(fields[field], message, tokens[token].value)
                && match(field: field + 1, token: token + 1, tokens, message, &memo)
        }
        memo[key] = result ? 1 : 2
        return result
    }

    private func test(_ field: Field, _ message: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        guard case .field(_, let groups) = field, !groups.isEmpty else { return true }
        let text = UnsafeBufferPointer(rebasing: message[range])
        return groups.contains { $0.allSatisfy { $0.matches(field: text) } }
    }

    /// One field of a message: the bytes of its value and where it starts, quote or bracket
    /// included.
    private struct Token {
        var value: Range<Int>
        var raw: Int
    }

    private static func tokens(of message: UnsafeBufferPointer<UInt8>) -> [Token] {
        var tokens: [Token] = []
        var index = 0
        while true {
            while index < message.count, isBlank(message[index]) { index += 1 }
            guard index < message.count else { return tokens }
            let start = index
            let byte = message[index]
            let closer: UInt8? = byte == UInt8(ascii: "\"") ? byte : (byte == UInt8(ascii: "[") ? UInt8(ascii: "]") : nil)
            if let closer, let close = message[(index + 1)...].firstIndex(of: closer) {
                tokens.append(Token(value: (index + 1)..<close, raw: start))
                index = close + 1
                continue
            }
            while index < message.count, !isBlank(message[index]) { index += 1 }
            tokens.append(Token(value: start..<index, raw: start))
        }
    }
}

private func isBlank(_ byte: UInt8) -> Bool {
    byte == 32 || byte == 9 || byte == 10 || byte == 13
}
