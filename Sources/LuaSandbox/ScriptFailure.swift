/// Everything that can go wrong in a script, as a value: the sandbox never throws a Lua
/// error at its caller and never lets one unwind through Swift.
public struct ScriptFailure: Error, Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// The chunk does not parse.
        case syntax
        /// The script raised an error (`name` is set for a named one).
        case runtime
        /// The deadline passed.
        case timeout
        /// The memory cap was reached.
        case outOfMemory
        /// The function to call is not defined (or is not a function).
        case missingFunction
        /// The result cannot become JSON (a cycle, a function, NaN, mixed keys, ...).
        case marshal
    }

    public var kind: Kind
    /// The string field `errorType` of a table error; nil for any other error.
    public var name: String?
    public var message: String
    /// One line a frame, innermost first, as Lua's traceback gives them.
    public var traceback: [String]

    public init(kind: Kind, name: String? = nil, message: String, traceback: [String] = []) {
        self.kind = kind
        self.name = name
        self.message = message
        self.traceback = traceback
    }
}

/// Where a line a script wrote came from.
public enum ScriptOutputKind: Sendable, Equatable {
    /// `print(...)`
    case print
    /// A Lua warning (`warn(...)`, or an error inside a `__gc` metamethod).
    case warning
    /// `log.debug/info/warn/error(...)`
    case debug, info, warn, error
}

/// The outcome of running script code: its value or failure, how long it ran and the most
/// memory the interpreter held meanwhile (the cap itself when the script ran out of memory).
public struct ScriptRun: Sendable {
    public var result: Result<JSONValue, ScriptFailure>
    public var duration: Duration
    public var peakMemoryBytes: Int
}

import JSONValue
