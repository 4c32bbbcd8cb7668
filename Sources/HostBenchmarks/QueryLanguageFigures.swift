import JSONValue

/// The issue's measure of JSONata's cost in the engine: a chain of Pass states that each
/// reshape their input the same way, once in JSONPath (`Parameters` with paths) and once in
/// JSONata (`Output` with `{% %}` expressions). Both keep `n` and `label` and add a
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

/// A 100-state chain of `effect`'s Pass states, as engine.pass100 runs its chain.
func passEffectSession(_ effect: PassEffect) throws -> Session {
    try passStatesSession(try parseMachine(effect.definition(states: 100)), name: "pass_effect_\(effect)",
                          input: ["n": 7, "label": "order", "extra": [1, 2, 3]], output: ["n": 7, "label": "order", "tag": "x"])
}
