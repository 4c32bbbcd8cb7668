import Clocks
import Engine
import Foundation
import JSONValue
import StatesLanguage

/// The issue's measure of JSONata's cost in the engine: a chain of Pass states that each
/// reshape their input the same way, once in JSONPath (`Parameters` with paths) and once in
/// JSONata (`Output` with `{% %}` expressions and a variable read). Both keep `n` and add a
/// constant, so their executions end with the same output.
enum PassEffect {
    case jsonPath, jsonata

    func definition(states count: Int) -> String {
        let names = (1...count).map { String(format: "S%03d", $0) }
        let states = names.enumerated().map { index, name -> String in
            let next = index + 1 < count ? #""Next": "\#(names[index + 1])""# : #""End": true"#
            switch self {
            case .jsonPath:
                return #""\#(name)": {"Type": "Pass", "Parameters": {"n.$": "$.n", "label.$": "$.label", "tag": "x"}, \#(next)}"#
            case .jsonata:
                return #""\#(name)": {"Type": "Pass", "Output": {"n": "{% $states.input.n %}", "label": "{% $states.input.label %}", "tag": "x"}, \#(next)}"#
            }
        }
        let language = self == .jsonata ? #""QueryLanguage": "JSONata", "# : ""
        return "{\(language)\"StartAt\": \"S001\", \"States\": {\n" + states.joined(separator: ",\n") + "\n}}"
    }
}

/// A 100-state chain of `effect`'s Pass states, run back to back on the virtual clock with no
/// store, as engine.pass100; checks one execution's history and output first.
func passEffectSession(_ effect: PassEffect) throws -> Session {
    let machine = try parseMachine(effect.definition(states: 100))
    let input: JSONValue = ["n": 7, "label": "order", "extra": [1, 2, 3]]
    let output: JSONValue = ["n": 7, "label": "order", "tag": "x"]
    let history = try blocking {
        await Execution(machine: machine, identity: ExecutionIdentity(machineName: "pass_effect", executionName: "check"),
                        input: input, clock: VirtualClock(start: Date()), invoker: NoFunctions()).run().history
    }
    let entered = history.filter { $0.type == .passStateEntered }.count
    guard entered == 100, history.last?.type == .executionSucceeded else {
        throw BenchError("\(effect) Pass chain entered \(entered) states, ended with \(history.last?.type.rawValue ?? "nothing")")
    }
    return Session(run: { n in
        try blocking {
            try await ContinuousClock().measure {
                try await runExecutions(n, of: machine, input: input, output: output, virtual: true, invoker: NoFunctions())
            }
        }
    }, finish: {})
}
