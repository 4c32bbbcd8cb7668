/// Why a JSON text could not be parsed, and where (see `SourceLocation` for how columns count).
public struct JSONSyntaxError: Error, CustomStringConvertible, Sendable, Hashable {
    /// The 1-based line of the first problem.
    public let line: Int
    /// The 1-based column of the first problem, in characters.
    public let column: Int
    /// What was expected or what is wrong, e.g. `expected ',' or '}' after object member`.
    public let message: String

    /// Makes an error at a 1-based line and column.
    public init(line: Int, column: Int, message: String) {
        self.line = line
        self.column = column
        self.message = message
    }

    /// The place of the problem as a `SourceLocation`.
    public var location: SourceLocation { SourceLocation(line: line, column: column) }

    /// `LINE:COLUMN: MESSAGE`.
    public var description: String { "\(line):\(column): \(message)" }
}
