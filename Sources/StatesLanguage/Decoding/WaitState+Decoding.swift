import JSONValue

extension DefinitionDecoder {
    /// A Wait state's one field. "A Wait State MUST contain exactly one of "Seconds",
    /// "SecondsPath", "Timestamp", or "TimestampPath"."
    func decodeWait(_ fields: ObjectFields, language: QueryLanguage) -> WaitState {
        let message = "A Wait state must have exactly one of 'Seconds', 'Timestamp', 'SecondsPath' and 'TimestampPath'."
        let keys = ["Seconds", "Timestamp", "SecondsPath", "TimestampPath"]
        let present = fields.members.keys.filter(keys.contains)
        let fallback = WaitState.seconds(.value(0))
        guard let key = present.first else {
            // A field of the other query language was written: it was reported already.
            if fields.refused.isDisjoint(with: keys) { error(message, at: fields.path) }
            return fallback
        }
        for other in present.dropFirst() { error(message, at: fields.at(other), atKey: true) }
        let value = fields[key]!
        switch key {
        case "Seconds":
            // "Seconds: ... an integer value from 0 to 99999999."
            return dynamic(key, pathKey: nil, in: fields, language: language, expected: Self.describe(0...Self.maximumSeconds)) { value in
                value.intValue.flatMap { (0...Int64(Self.maximumSeconds)).contains($0) ? Int($0) : nil }
            }.map(WaitState.seconds) ?? fallback
        case "Timestamp":
            return dynamic(key, pathKey: nil, in: fields, language: language, expected: Self.timestampExpectation) { value in
                value.stringValue.flatMap(Timestamp.init)
            }.map(WaitState.timestamp) ?? fallback
        default:
            guard case .string(let text) = value else {
                error("Field '\(key)' must be a reference path string, not \(Self.describe(value)).", at: fields.at(key))
                return fallback
            }
            guard let path = parsePath(text, field: key, at: fields.at(key), rule: .reference) else { return fallback }
            return key == "SecondsPath" ? .seconds(.path(path)) : .timestamp(.path(path))
        }
    }
}
