/// Reading the operator and value of a comparison, shared by JSON and space-delimited patterns.
extension PatternScanner {
    /// AWS: "There is a limit of 2 regex for each filter pattern when creating a delimited or
    /// JSON filter pattern for metric filters and subscription filters or when filtering log
    /// events or Live Tail."
    static let maximumRegexes = 2

    /// Reads `=`, `!=`, `<`, `<=`, `>` or `>=` if one is next.
    mutating func readComparisonOperator() -> Comparison.Operator? {
        Comparison.Operator.spellings.first { consume($0.rawValue) }
    }

    /// Reads the value after `op`: a quoted string, `%regex%`, or an unquoted word.
    mutating func readValue(
        after op: Comparison.Operator,
        regexCount: inout Int
    ) throws(FilterPatternError) -> Comparison.Value {
        skipSpaces()
        let valueColumn = column
        let value: Comparison.Value
        switch peek {
        case "\""?:
            value = .text(Glob(try readQuoted()))
        case "%"?:
            regexCount += 1
            if regexCount > Self.maximumRegexes {
                throw error("at most \(Self.maximumRegexes) regular expressions are allowed in one pattern")
            }
            value = .regex(try readRegex())
        default:
            // Strings "that contain types other than alphanumeric characters and the underscore
            // symbol must be placed in double quotation marks", yet AWS's own examples leave
            // `123.123.*`, `*.html*`, `+1000` and `1e-3` unquoted, so '.', '*', '+' and '-'
            // are accepted as well.
            let word = read(while: isUnquotedValueCharacter)
            if word.isEmpty {
                throw error("expected a value after '\(op.rawValue)', found \(patternDescription(of: peek))")
            }
            if let number = PatternNumber(word.utf8) {
                value = .number(number)
            } else {
                value = .text(Glob(word))
            }
        }
        if let next = peek, !next.isWhitespace, !")}],&|".contains(next) {
            throw error("\(patternDescription(of: next)) is not allowed in an unquoted value; put the value in double quotes")
        }
        switch (op, value) {
        case (.equal, _), (.notEqual, _), (_, .number):
            return value
        default:
            // "Set off numeric operators with one of the following symbols: greater than (">"),
            // less than ("<") ..." followed by a Number.
            throw error("expected a number after '\(op.rawValue)'", column: valueColumn)
        }
    }
}

private func isUnquotedValueCharacter(_ character: Character) -> Bool {
    isWordCharacter(character) || character == "." || character == "*" || character == "+" || character == "-"
}
