import JSONValue

/// What kind of path a field takes.
enum PathRule {
    /// Any JSONPath: InputPath and OutputPath ("A State MAY have a nullable-JSONPath field
    /// named "InputPath"", statelint). The Context object (`$$`) is allowed.
    case path
    /// A reference path: "A Reference Path is a Path with syntax limited in such a way that it
    /// can only identify a single node in a JSON structure". Choice `Variable`, `ItemsPath`,
    /// `SecondsPath`, `TimestampPath`, `TimeoutSecondsPath` and the like; `$$` allowed.
    case reference
    /// A reference path into the state's data, never the Context object: `ResultPath`, which
    /// says where to write.
    case resultReference
}

extension DefinitionDecoder {
    /// The `InputPath`/`OutputPath`/`ResultPath`-like field `key`: `.absent` when missing,
    /// `.null` for JSON null (when `nullable`), else the parsed path. Problems are reported and
    /// give `.absent`.
    func pathField(_ key: String, in fields: ObjectFields, rule: PathRule, nullable: Bool = true) -> PathField {
        guard let value = fields[key] else { return .absent }
        switch value {
        case .null where nullable:
            return .null
        case .string(let text):
            return parsePath(text, field: key, at: fields.at(key), rule: rule).map(PathField.path) ?? .absent
        default:
            error("Field '\(key)' must be a \(rule == .path ? "JSONPath" : "reference path") string\(nullable ? " or null" : ""), not \(Self.describe(value)).", at: fields.at(key))
            return .absent
        }
    }

    /// Parses `text`, the value of `field`, as a path that obeys `rule`; nil after reporting.
    /// `path` is made only to report a problem.
    func parsePath(_ text: String, field: String, at path: @autoclosure () -> [JSONPathComponent], rule: PathRule) -> JSONPath? {
        let parsed: JSONPath
        do {
            parsed = try JSONPath.parse(text)
        } catch where error.isUnsupported {
            unsupported("\(error.message) (the field '\(field)': '\(text)').", at: path())
            return nil
        } catch {
            self.error("The value for the field '\(field)' must be a valid JSONPath: \(error.message) at character \(error.column) of '\(text)'.", at: path())
            return nil
        }
        switch rule {
        case .path:
            return parsed
        case .reference, .resultReference:
            guard parsed.isReferencePath else {
                error("The value for the field '\(field)' must be a valid reference path, which selects a single value ('\(text)' can select several).", at: path())
                return nil
            }
            if rule == .resultReference && parsed.variable != nil {
                error("The value for the field '\(field)' must be a path into the state's data, not a variable ('\(text)').", at: path())
                return nil
            }
            if rule == .resultReference && parsed.isContextPath {
                error("The value for the field '\(field)' must be a path into the state's data, not into the Context object ('\(text)').", at: path())
                return nil
            }
            return parsed
        }
    }

    /// A field that takes a reference path or an intrinsic function (Fail `ErrorPath` and
    /// `CausePath`: "The value for the field must be a valid JSONPath or an intrinsic function
    /// expression that returns a string").
    func pathOrIntrinsic(_ key: String, in fields: ObjectFields) -> Dynamic<String>? {
        guard let value = fields[key] else { return nil }
        guard case .string(let text) = value else {
            error("Field '\(key)' must be a reference path or an intrinsic function string, not \(Self.describe(value)).", at: fields.at(key))
            return nil
        }
        if text.hasPrefix("States.") {
            do {
                return .intrinsic(try IntrinsicCall.parse(text))
            } catch where error.isUnsupported {
                unsupported("\(error.message) (the field '\(key)': '\(text)').", at: fields.at(key))
                return nil
            } catch {
                self.error("The value for the field '\(key)' must be a valid intrinsic function call: \(error.message) at character \(error.column) of '\(text)'.", at: fields.at(key))
                return nil
            }
        }
        return parsePath(text, field: key, at: fields.at(key), rule: .reference).map(Dynamic.path)
    }
}
