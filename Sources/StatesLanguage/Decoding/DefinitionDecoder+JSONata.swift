import Foundation
import JSONata
import JSONValue

extension DefinitionDecoder {
    /// Compiles every `{% ... %}` string of a JSONata state's fields (its nested branches and
    /// item processor are states of their own), so that a syntax error is a definition error
    /// at its place rather than a failed execution.
    func checkExpressions(_ fields: ObjectFields) {
        for (key, value) in fields.members where !["Branches", "ItemProcessor", "Iterator"].contains(key) {
            checkExpressions(value, at: fields.at(key))
        }
    }

    private func checkExpressions(_ value: JSONValue, at path: [JSONPathComponent]) {
        switch value {
        case .string(let text) where text.isJSONataExpression:
            let source = QueryScope.body(text)
            do throws(JSONataError) {
                _ = try QueryScope.compile(source)
            } catch {
                // The position counts Unicode scalars of the expression; the `{%` and the
                // spaces `QueryScope.body` trimmed come first in the string.
                let lead = text.unicodeScalars.dropFirst(2).prefix { CharacterSet.whitespacesAndNewlines.contains($0) }.count + 2
                let message = "The JSONata expression '\(source)' is not valid: \(error.code): \(error.message)"
                guard let position = error.position else {
                    self.error(message + ".", at: path)
                    return
                }
                self.error(message + " at character \(position + lead) of the string.", at: path,
                           scalarOffset: lead + Self.faultOffset(error, position: position, in: source))
            }
        case .array(let elements):
            for (index, element) in elements.enumerated() { checkExpressions(element, at: path + [.index(index)]) }
        case .object(let members):
            for (key, member) in members { checkExpressions(member, at: path + [.key(key)]) }
        default:
            break
        }
    }

    /// The offset in the expression of the character a syntax error is about: the first
    /// character of the token at fault, since JSONata's position points just past it
    /// (docs/jsonata.md), with the `$` of a variable, which its token leaves out; where the
    /// expression ended too soon, the place just past its end.
    private static func faultOffset(_ error: JSONataError, position: Int, in source: String) -> Int {
        guard let token = error.token, token != "(end)", position >= token.unicodeScalars.count else { return position }
        let start = position - token.unicodeScalars.count
        let scalars = Array(source.unicodeScalars)
        if start > 0, start <= scalars.count, scalars[start - 1] == "$", !token.hasPrefix("$") { return start - 1 }
        return start
    }
}
