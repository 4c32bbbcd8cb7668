import JSONValue

/// A function's settings, from its optional sidecar `functions/<Name>.json`.
///
/// ```json
/// {"timeout": 1, "memorySize": 256, "reservedConcurrency": 2, "environment": {"STAGE": "dev"}}
/// ```
public struct FunctionConfiguration: Sendable, Equatable {
    /// Seconds an invocation may run: Lambda's default 3, at most 900.
    public var timeout: Int = 3
    /// Megabytes the interpreter may hold: Lambda's default 128, from 128 to 10,240.
    public var memorySize: Int = 128
    /// How many environments may run at once; nil for no reservation. 0 throttles every call.
    public var reservedConcurrency: Int?
    /// Variables the script reads from the global `env`.
    public var environment: JSONObject = [:]
    /// What host APIs the function may call: the sidecar's `policy`, IAM's statements. With
    /// none, a function may call nothing.
    public var policy: Policy = .denyAll

    public init() {}

    /// Reads a sidecar; every problem is reported at once, each with its line and column.
    public init(json text: String, file: String) throws(FunctionConfigurationError) {
        let document: JSONDocument
        do {
            document = try JSONDocument.parse(text)
        } catch {
            throw FunctionConfigurationError(problems: ["\(file):\(error.line):\(error.column): error: \(error.message)"])
        }
        var problems: [String] = []
        func problem(_ path: [JSONPathComponent], _ message: String, key: Bool = false) {
            let location = (key ? document.keyLocation(of: path) : nil) ?? document.location(of: path)
            problems.append("\(file):\(location?.description ?? "1:1"): error: \(message)")
        }
        guard case .object(let members) = document.value else {
            throw FunctionConfigurationError(problems: ["\(file):1:1: error: the configuration must be a JSON object"])
        }
        func integer(_ key: String, in range: ClosedRange<Int>) -> Int? {
            guard let value = members[key] else { return nil }
            guard let i = value.intValue, case .int = value, range.contains(Int(i)) else {
                problem([.key(key)], "'\(key)' must be a whole number from \(range.lowerBound) to \(range.upperBound)")
                return nil
            }
            return Int(i)
        }
        for key in members.keys where !Self.fields.contains(key) {
            problem([.key(key)], "unknown field '\(key)' (known: \(Self.fields.joined(separator: ", ")))", key: true)
        }
        timeout = integer("timeout", in: 1...900) ?? timeout
        memorySize = integer("memorySize", in: 128...10_240) ?? memorySize
        reservedConcurrency = integer("reservedConcurrency", in: 0...1000)
        if let environment = members["environment"] {
            if case .object(let variables) = environment {
                for (name, value) in variables where value.stringValue == nil {
                    problem([.key("environment"), .key(name)], "environment variable '\(name)' must be a string")
                }
                self.environment = variables
            } else {
                problem([.key("environment")], "'environment' must be an object of strings")
            }
        }
        if let value = members["policy"] {
            do { policy = try Policy(value, file: file, document: document, at: [.key("policy")]) } catch {
                problems += error.problems
            }
        }
        if !problems.isEmpty { throw FunctionConfigurationError(problems: problems) }
    }

    static let fields = ["timeout", "memorySize", "reservedConcurrency", "environment", "policy"]
}

/// A sidecar that cannot be used: one line a problem, `FILE:LINE:COLUMN: error: MESSAGE`.
public struct FunctionConfigurationError: Error, Sendable, CustomStringConvertible {
    public var problems: [String]
    public var description: String { problems.joined(separator: "\n") }
}
