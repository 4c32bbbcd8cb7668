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
                // The position counts characters of the expression; the `{%` and the spaces
                // before the expression come first in the string.
                let lead = text.dropFirst(2).prefix { $0.isWhitespace }.count + 2
                let at = error.position.map { " at character \($0 + lead) of the string" } ?? ""
                self.error("The JSONata expression '\(source)' is not valid: \(error.code): \(error.message)\(at).", at: path)
            }
        case .array(let elements):
            for (index, element) in elements.enumerated() { checkExpressions(element, at: path + [.index(index)]) }
        case .object(let members):
            for (key, member) in members { checkExpressions(member, at: path + [.key(key)]) }
        default:
            break
        }
    }
}
