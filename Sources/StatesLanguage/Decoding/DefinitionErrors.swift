import JSONValue

/// Why a definition was refused: every problem found, each with its JSON path and, when the
/// definition came from text, its line and column.
public struct DefinitionErrors: Error, Sendable, Equatable, CustomStringConvertible {
    /// The problems, by line and column.
    public var diagnostics: [Diagnostic]

    /// Makes the error from its diagnostics.
    public init(diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }

    /// One `LINE:COLUMN: error: MESSAGE (at PATH)` line per problem.
    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }

    /// One `FILE:LINE:COLUMN: error: MESSAGE (at PATH)` line per problem.
    public func formatted(file: String) -> String {
        diagnostics.map { $0.formatted(file: file) }.joined(separator: "\n")
    }
}

extension StateMachine {
    /// The longest definition AWS accepts, in characters.
    public static let maximumDefinitionCharacters = 1_048_576

    /// Parses and validates a definition (the JSON text AWS accepts).
    ///
    /// A JSON syntax error is one diagnostic at its line and column; a definition that is valid
    /// JSON is checked completely and every problem is reported at once.
    public static func parse(_ text: String) -> Result<StateMachine, DefinitionErrors> {
        // "Maximum request size: 1 MB per request", and the definition's own quota: "Maximum
        // definition size: 1,048,576 characters" (Step Functions service quotas).
        // A character takes at least one byte, so most texts need no counting.
        if text.utf8.count > maximumDefinitionCharacters, case let characters = text.unicodeScalars.count,
           characters > maximumDefinitionCharacters {
            let message = "The definition has \(characters) characters, more than the \(maximumDefinitionCharacters) AWS accepts."
            return .failure(DefinitionErrors(diagnostics: [Diagnostic(path: [], location: SourceLocation(line: 1, column: 1), message: message)]))
        }
        let document: JSONDocument
        do {
            document = try JSONDocument.parse(text)
        } catch {
            let message = "The definition is not valid JSON: \(error.message)."
            return .failure(DefinitionErrors(diagnostics: [Diagnostic(path: [], location: error.location, message: message)]))
        }
        return decode(document.value, document: document)
    }

    /// Validates an already parsed definition. Pass its `document` for line:column locations.
    public static func decode(_ value: JSONValue, document: JSONDocument? = nil) -> Result<StateMachine, DefinitionErrors> {
        let decoder = DefinitionDecoder(document: document, definition: value)
        let machine = decoder.decodeMachine(value, at: [], kind: .topLevel)
        // An invalid definition is refused for its errors alone; what host does not run yet
        // matters only once it is valid.
        let diagnostics = inDocumentOrder(decoder.collector.diagnostics)
        guard var machine, !decoder.collector.hasErrors else {
            return .failure(DefinitionErrors(diagnostics: diagnostics.filter { $0.severity == .error }))
        }
        machine.unsupported = diagnostics
        return .success(machine)
    }

    /// Diagnostics sorted by line and column, as a compiler lists them; those without a place
    /// (a definition decoded without its text) keep the order they were found in.
    private static func inDocumentOrder(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        guard diagnostics.allSatisfy({ $0.location != nil }) else { return diagnostics }
        return diagnostics.enumerated().sorted { a, b in
            let (x, y) = (a.element.location!, b.element.location!)
            return (x.line, x.column, a.offset) < (y.line, y.column, b.offset)
        }.map(\.element)
    }
}
