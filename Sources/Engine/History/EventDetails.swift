import JSONValue

/// An event's details as the engine keeps them. Most events of a run are a state entered or
/// left, or a Map iteration started or ended: those keep their parts (the state's name, its
/// input or output value, shared rather than copied) and become the JSON object
/// GetExecutionHistory shows only when read, or go to compact JSON text in one step when
/// stored. Building every event's object as it happened, and serializing its input and output
/// at once, was most of a Pass chain's time (docs/profiles/engine.md).
///
/// Every case reads as exactly the object the engine recorded before it kept parts
/// (docs/history.md gives their shapes).
enum EventDetails: Sendable {
    case none
    case object(JSONObject)
    /// `{name, input, inputDetails: {truncated: false}}`, `input` as compact JSON text.
    case stateEntered(name: String, input: JSONValue)
    /// `{name, output, outputDetails: {truncated: false}}`, then, when the state assigned
    /// variables, `assignedVariables` (each value's compact JSON text, in `assigned`) and
    /// `assignedVariablesDetails: {truncated: false}`.
    case stateExited(name: String, output: JSONValue, assigned: JSONObject)
    /// `{name, index}`: a Map iteration's events.
    case iteration(name: String, index: Int)

    init(_ object: JSONObject?) {
        self = object.map { .object($0) } ?? .none
    }

    /// The details as GetExecutionHistory shows them; nil when the event has none.
    var object: JSONObject? {
        switch self {
        case .none: return nil
        case .object(let object): return object
        case .stateEntered(let name, let input):
            return ["name": .string(name), "input": .string(input.compactString()), "inputDetails": ["truncated": false]]
        case .stateExited(let name, let output, let assigned):
            var object: JSONObject = ["name": .string(name), "output": .string(output.compactString()), "outputDetails": ["truncated": false]]
            if !assigned.isEmpty {
                object["assignedVariables"] = .object(assigned)
                object["assignedVariablesDetails"] = ["truncated": false]
            }
            return object
        case .iteration(let name, let index):
            return ["name": .string(name), "index": .int(Int64(index))]
        }
    }

    /// `object`'s compact JSON text, written without building the object: the same bytes.
    var text: String? {
        func quoted(_ text: String) -> String { JSONValue.string(text).compactString() }
        switch self {
        case .none: return nil
        case .object(let object): return JSONValue.object(object).compactString()
        case .stateEntered(let name, let input):
            return #"{"name":"# + quoted(name) + #","input":"# + quoted(input.compactString()) + #","inputDetails":{"truncated":false}}"#
        case .stateExited(let name, let output, let assigned):
            var text = #"{"name":"# + quoted(name) + #","output":"# + quoted(output.compactString()) + #","outputDetails":{"truncated":false}"#
            if !assigned.isEmpty {
                text += #","assignedVariables":"# + JSONValue.object(assigned).compactString() + #","assignedVariablesDetails":{"truncated":false}"#
            }
            return text + "}"
        case .iteration(let name, let index):
            return #"{"name":"# + quoted(name) + #","index":\#(index)}"#
        }
    }

    /// The `name` member, without building the object.
    var name: JSONValue? {
        switch self {
        case .none: return nil
        case .object(let object): return object["name"]
        case .stateEntered(let name, _), .stateExited(let name, _, _), .iteration(let name, _): return .string(name)
        }
    }

    /// The `index` member, without building the object.
    var index: JSONValue? {
        switch self {
        case .object(let object): return object["index"]
        case .iteration(_, let index): return .int(Int64(index))
        case .none, .stateEntered, .stateExited: return nil
        }
    }
}
