import JSONValue

extension DefinitionDecoder {
    /// A retrier's or catcher's `ErrorEquals`: "A non-empty array of Strings that match error
    /// names". Each name is a string; "States.ALL ... MUST appear alone in the "ErrorEquals"
    /// array"; and names beginning `States.` are reserved: "Error names [...] all begin with
    /// the prefix "States."", so a custom name must not.
    func errorEquals(in fields: ObjectFields) -> [String] {
        guard let elements = nonEmptyArray("ErrorEquals", in: fields, of: "error names") else { return [] }
        var names: [String] = []
        for (index, element) in elements.enumerated() {
            let path = fields.at("ErrorEquals") + [.index(index)]
            guard case .string(let name) = element else {
                error("Each error name in 'ErrorEquals' must be a string, not \(Self.describe(element)).", at: path)
                continue
            }
            if name == ErrorName.all && elements.count > 1 {
                error("States.ALL must appear alone in 'ErrorEquals'.", at: path)
            }
            if name.hasPrefix("States.") && !Self.isPredefinedErrorName(name) {
                error("'\(name)' is not a predefined error name, and custom error names must not start with 'States.'.", at: path)
            }
            names.append(name)
        }
        return names
    }

    /// "States.ALL ... MUST appear in the last Retrier in the "Retry" array" (and likewise the
    /// last Catcher). AWS: "States.ALL must appear alone and at end of list".
    func checkErrorEqualsOrder(_ elements: [JSONValue], at path: [JSONPathComponent], of what: String) {
        for (index, element) in elements.enumerated().dropLast() {
            guard let names = element["ErrorEquals"]?.arrayValue,
                let position = names.firstIndex(of: .string(ErrorName.all))
            else { continue }
            error(
                "States.ALL must appear in the last \(what), because no \(what) after it can ever be used.",
                at: path + [.index(index), "ErrorEquals", .index(position)])
        }
    }

    /// The predefined names of docs/errors.md, and the `States.Http.` family AWS raises for
    /// HTTP Tasks (`States.Http.Socket`, `States.Http.StatusCode.404`).
    static func isPredefinedErrorName(_ name: String) -> Bool {
        ErrorName.predefined.contains(name) || name.hasPrefix("States.Http.")
    }
}
