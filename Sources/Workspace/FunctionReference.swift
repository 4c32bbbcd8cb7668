import JSONValue
import StatesLanguage

/// A function a definition names in its text, so that it can be checked before anything
/// runs: a Task whose `Resource` is a function's ARN, or an
/// `arn:aws:states:::lambda:invoke` Task whose `FunctionName` is written out (a
/// `FunctionName.$` path or a JSONata expression names it only when the state runs).
public struct FunctionReference: Sendable, Equatable {
    /// The function's name (`MockAPIFunction` of `arn:aws:lambda:...:function:MockAPIFunction`).
    public var name: String
    /// The field that names it: `$.States['Call API'].Resource`.
    public var path: [JSONPathComponent]
    /// Where that field's value begins in the definition.
    public var location: SourceLocation?

    /// The functions a definition names, in the order written, in every state of every
    /// branch (Parallel `Branches`, Map `ItemProcessor` or `Iterator`).
    public static func all(in document: JSONDocument) -> [FunctionReference] {
        var found: [FunctionReference] = []
        collect(document.value, at: [], in: document, into: &found)
        return found
    }

    private static func collect(_ machine: JSONValue, at path: [JSONPathComponent], in document: JSONDocument,
                                into found: inout [FunctionReference]) {
        guard case .object(let states)? = machine["States"] else { return }
        for (stateName, state) in states {
            let statePath = path + ["States", .key(stateName)]
            func add(_ name: String?, at field: [JSONPathComponent]) {
                guard let name else { return }
                found.append(FunctionReference(name: name, path: statePath + field, location: document.location(of: statePath + field)))
            }
            switch state["Type"]?.stringValue {
            case "Task":
                guard let resource = state["Resource"]?.stringValue else { continue }
                switch TaskResource(resource) {
                case .function(let arn):
                    add(FunctionTaskInvoker.functionName(arn), at: ["Resource"])
                case .lambdaInvoke, .lambdaInvokeWaitForTaskToken:
                    // JSONPath states write it in Parameters, JSONata states in Arguments.
                    for field in ["Parameters", "Arguments"] {
                        guard case .string(let function)? = state[field]?["FunctionName"], !function.contains("{%") else { continue }
                        add(FunctionTaskInvoker.functionName(function), at: [.key(field), "FunctionName"])
                    }
                case .integration, .other:
                    continue
                }
            case "Parallel":
                for (index, branch) in (state["Branches"]?.arrayValue ?? []).enumerated() {
                    collect(branch, at: statePath + ["Branches", .index(index)], in: document, into: &found)
                }
            case "Map":
                for field in ["ItemProcessor", "Iterator"] {
                    if let processor = state[field] { collect(processor, at: statePath + [.key(field)], in: document, into: &found) }
                }
            default:
                continue
            }
        }
    }
}
