import Foundation
import JSONValue
import StatesLanguage

/// A rule of the workspace's event bus, from `rules/<Name>.json` in EventBridge's shape:
/// `EventPattern`, `State` (ENABLED or DISABLED) and `Targets`.
public struct Rule: Sendable {
    public var name: String
    public var pattern: EventPattern
    /// The pattern as written, for `host rules list`.
    public var patternText: String
    public var enabled: Bool
    public var targets: [Target]
    public var description: String?

    /// Where a matched event goes: a function, with the event reshaped as the target says.
    public struct Target: Sendable {
        public var id: String
        /// The function: its ARN (`arn:aws:lambda:...:function:NAME`) or its name.
        public var function: String
        public var input: Input
        public var retryPolicy: RetryPolicy

        /// What the target receives (only one may be given, as in EventBridge).
        public enum Input: Sendable {
            /// The matched event.
            case event
            /// `Input`: a fixed JSON text, in place of the event.
            case constant(JSONValue)
            /// `InputPath`: the part of the event a JSONPath selects.
            case path(JSONPath)
            /// `InputTransformer`: values picked by `InputPathsMap` put into `InputTemplate`.
            case transformer(paths: [(String, JSONPath)], template: String)
        }
    }

    /// "MaximumRetryAttempts ... The maximum number of retry attempts to make before the
    /// request fails. Retry attempts continue until either the maximum number of attempts is
    /// made or until the duration of the MaximumEventAgeInSeconds is met." Defaults: 185
    /// attempts, 86,400 seconds.
    public struct RetryPolicy: Sendable, Equatable {
        public var maximumRetryAttempts = 185
        public var maximumEventAgeInSeconds = 86_400
    }
}

extension Rule.Target {
    /// The value this target is invoked with, for `event`.
    public func payload(for event: JSONValue) -> JSONValue {
        switch input {
        case .event: return event
        case .constant(let value): return value
        case .path(let path): return path.evaluate(input: event, context: .null) ?? .null
        case .transformer(let paths, let template):
            // Placeholders `<name>` take the selected value: a string's text (so that it can
            // stand inside quotes in a JSON template), anything else as JSON.
            var text = template
            for (name, path) in paths {
                let value = path.evaluate(input: event, context: .null) ?? .null
                let replacement: String
                if case .string(let s) = value {
                    replacement = String(JSONValue.string(s).compactString().dropFirst().dropLast())
                } else {
                    replacement = value.compactString()
                }
                text = text.replacingOccurrences(of: "<\(name)>", with: replacement)
            }
            return (try? JSONValue.parse(text)) ?? .string(text)
        }
    }
}
