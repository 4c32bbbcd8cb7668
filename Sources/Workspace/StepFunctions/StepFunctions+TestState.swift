import Clocks
import Engine
import Foundation
import Identifiers
import JSONValue
import StatesLanguage
import Store

/// TestState (docs/testing.md, "TestState"): one state run once, through the same lifecycle as
/// in an execution, with its work mocked or, for a Task, done by the workspace's function.
extension StepFunctions {
    /// The name a state given on its own is tested under (`$$.State.Name`) when the request
    /// names none.
    static let testedStateName = "TestState"

    public func testState(_ request: TestStateRequest) async throws(ServiceError) -> TestStateResult {
        let level = try Self.inspectionLevel(request.inspectionLevel)
        let tested = try Self.testedState(definition: request.definition, stateName: request.stateName)
        let (machine, state) = (tested.machine, tested.state)
        let input = try Self.executionInput(request.input ?? "{}")
        let variables = try request.variables.map { text throws(ServiceError) in try Self.object(text, field: "variables") } ?? [:]
        let context = try request.context.map { text throws(ServiceError) in
            try TestStateContext.check(.object(try Self.object(text, field: "context")))
        }
        let configuration = try TestStateConfiguration(request.stateConfiguration, for: state)
        let mock = try TestStateMock.parse(request.mock, for: state, configuration: configuration)
        try tested.refuseUnsupported(mocked: mock != nil)
        try Self.checkTestable(state, mocked: mock != nil, revealSecrets: request.revealSecrets ?? false)
        if let roleArn = request.roleArn, !(roleArn.hasPrefix("arn:") && roleArn.contains(":role/")) {
            throw ServiceError(.invalidArn, "Invalid Arn: 'Resource type not valid in this context: \(roleArn)'")
        }

        let identity = ExecutionIdentity(machineName: Self.testedStateName, executionName: RandomIdentifier.lowercased(),
                                         region: region, account: account, roleArn: request.roleArn, expressId: RandomIdentifier.lowercased())
        let invoker = try storeCall { () throws(StoreError) in try workspace.taskInvoker() }
        let integrations = try storeCall { () throws(StoreError) in try workspace.serviceIntegrations() }
        let recorder = StageRecorder(state: state.name)
        // A Wait passes at once, as every wait does on a virtual clock; timestamps still advance.
        let execution = Execution(machine: machine, identity: identity, input: input, clock: VirtualClock(start: workspace.clock.now),
                                  invoker: invoker, stageObserver: level == .info ? nil : recorder, integrations: integrations)
        let outcome = await execution.testState(StateTestSetup(
            state: state, input: input, variables: variables, context: context,
            mock: mock.map { MockedWork($0, mapIterationFailureCount: configuration.mapIterationFailureCount,
                                        mapItemReaderData: configuration.mapItemReaderData) },
            retrierRetryCount: configuration.retrierRetryCount ?? 0,
            // "When testing a state within a Map state ... without providing a context parameter,
            // TestState automatically populates" `$$.Map.Item.Index` 0 and `Value` the input
            // (Developer Guide, "Automatic Context population").
            mapItem: tested.insideMap && context == nil ? ["Index": 0, "Value": input] : nil))
        var result = TestStateResult(outcome: outcome, inspectionLevel: level, input: request.input ?? "{}",
                                     mockedResult: request.mock?["result"]?.stringValue,
                                     stages: Self.reported(recorder.stages, of: state, input: input))
        if case .map(let map) = state.kind {
            // Recorded on AWS: a Map's inspection data gives its MaxConcurrency, 0 when unset.
            switch map.maxConcurrency {
            case nil: result.maxConcurrency = 0
            case .value(let limit)?: result.maxConcurrency = limit
            default: break
            }
            if case .value(let count)? = map.toleratedFailureCount { result.toleratedFailureCount = count }
            if case .value(let percentage)? = map.toleratedFailurePercentage { result.toleratedFailurePercentage = percentage }
        }
        return result
    }

    /// The data-flow stages AWS reports for each state type, as recorded on AWS (docs/testing.md):
    /// a Task or Parallel all of them; a Pass its input stages, or with `Result` its result
    /// instead, and its output stages; a Map neither `afterParameters` nor `result`; a Wait,
    /// Choice, Succeed or Fail only `afterInputPath` (a Fail's is its input: it has no InputPath).
    static func reported(_ stages: [DataFlowStage: JSONValue], of state: State, input: JSONValue) -> [DataFlowStage: JSONValue] {
        var stages = stages
        if case .map = state.kind {
            // Recorded for JSONPath and JSONata Maps alike (a JSONata Map has no Arguments).
            for stage in [DataFlowStage.afterParameters, .afterArguments, .result] { stages[stage] = nil }
            return stages
        }
        guard state.queryLanguage == .jsonPath else { return stages }
        switch state.kind {
        case .task, .parallel:
            break
        case .pass(let pass):
            if pass.result != nil {
                stages[.afterInputPath] = nil
                stages[.afterParameters] = nil
            } else {
                stages[.result] = nil
            }
        case .map:
            break
        case .fail:
            stages = [.afterInputPath: input]
        case .wait, .choice, .succeed:
            stages = stages.filter { $0.key == .afterInputPath }
        }
        return stages
    }

    static func inspectionLevel(_ text: String?) throws(ServiceError) -> InspectionLevel {
        guard let text else { return .info }
        guard let level = InspectionLevel(rawValue: text) else {
            throw ServiceError(.validation, "1 validation error detected: Value '\(text)' at 'inspectionLevel' failed to satisfy constraint: "
                + "Member must satisfy enum value set: [\(InspectionLevel.allCases.map(\.rawValue).joined(separator: ", "))]")
        }
        return level
    }

    /// The state to test: the definition itself when it is one state, or the state `stateName`
    /// names in a whole machine. A state on its own is checked as part of a machine
    /// whose other states are the ones it names (its Next, Default, Choice rules' and
    /// catchers' Next), so that every rule of a state in a machine applies to it.
    static func testedState(definition: String, stateName: String?) throws(ServiceError) -> TestedState {
        let value: JSONValue
        do { value = try JSONValue.parse(definition) } catch {
            throw ServiceError(.invalidDefinition, "Invalid State Machine Definition: 'The definition is not valid JSON: "
                + "\(error.message) at line \(error.line), column \(error.column).'")
        }
        guard case .object(let object) = value else {
            throw ServiceError(.invalidDefinition, "Invalid State Machine Definition: 'The definition must be a JSON object: a state, or a state machine with States.'")
        }
        if object["States"] != nil {
            guard let stateName else {
                throw ServiceError(.validation, "The definition is a state machine: stateName must name the state to test.")
            }
            let machine = try parsed(StateMachine.parse(definition))
            guard let found = find(stateName, in: machine, at: []) else {
                throw ServiceError(.validation, "The state machine has no state named '\(stateName)'.")
            }
            return TestedState(machine: machine, state: found.state, insideMap: found.insideMap, place: found.path)
        }
        let name = stateName ?? testedStateName
        var states: JSONObject = [name: value]
        for target in targets(of: object) where target != name { states[target] = ["Type": "Succeed"] }
        let machine = try parsed(StateMachine.decode(["StartAt": .string(name), "States": .object(states)]))
        guard let state = machine[name] else { throw ServiceError(.invalidDefinition, "Invalid State Machine Definition: 'no state'") }
        return TestedState(machine: machine, state: state, insideMap: false, place: ["States", .key(name)])
    }

    /// The state TestState runs, the machine it was given in, and whether it is a state of a
    /// Map's item processor (whose `$$.Map.Item` TestState then fills in).
    struct TestedState {
        var machine: StateMachine
        var state: State
        var insideMap: Bool
        /// Where the state is in the definition.
        var place: [JSONPathComponent]

        /// What host reads in the tested state but does not run is refused, never ignored. A
        /// mocked Task's resource is not run at all: TestState "supports testing Activity
        /// states, .sync service integration patterns, and .waitForTaskToken patterns when a
        /// mock is specified" (Developer Guide), so a resource host does not run is refused
        /// only when the Task would have to call it.
        func refuseUnsupported(mocked: Bool) throws(ServiceError) {
            let resource = place + ["Resource"]
            let refused = machine.unsupported.filter { $0.path.starts(with: place) && !(mocked && $0.path == resource) }
            if !refused.isEmpty { throw ServiceError(.validation, StepFunctions.diagnosticsText(refused)) }
        }
    }

    /// The state named `name` at any depth of `machine` ("stateName": "Denotes the particular
    /// state within a state machine definition to be tested"; the Developer Guide tests states
    /// inside a Map this way), with its place in the definition.
    private static func find(_ name: String, in machine: StateMachine, at prefix: [JSONPathComponent],
                             insideMap: Bool = false) -> (state: State, path: [JSONPathComponent], insideMap: Bool)? {
        for state in machine.states {
            let path = prefix + ["States", .key(state.name)]
            if state.name == name { return (state, path, insideMap) }
            switch state.kind {
            case .map(let map):
                let field: JSONPathComponent = map.usesIterator ? "Iterator" : "ItemProcessor"
                if let found = find(name, in: map.itemProcessor, at: path + [field], insideMap: true) { return found }
            case .parallel(let parallel):
                for (index, branch) in parallel.branches.enumerated() {
                    if let found = find(name, in: branch, at: path + ["Branches", .index(index)], insideMap: insideMap) { return found }
                }
            default:
                break
            }
        }
        return nil
    }

    private static func parsed(_ result: Result<StateMachine, DefinitionErrors>) throws(ServiceError) -> StateMachine {
        switch result {
        case .success(let machine): return machine
        case .failure(let errors):
            throw ServiceError(.invalidDefinition, "Invalid State Machine Definition: '\(diagnosticsText(errors.diagnostics))'")
        }
    }

    /// The states a state names: its Next, a Choice's Default and rules' Next, its catchers' Next.
    private static func targets(of state: JSONObject) -> [String] {
        var names: [String] = []
        if let next = state["Next"]?.stringValue { names.append(next) }
        if let next = state["Default"]?.stringValue { names.append(next) }
        for field in ["Choices", "Catch"] {
            guard case .array(let elements)? = state[field] else { continue }
            names += elements.compactMap { $0["Next"]?.stringValue }
        }
        var seen = Set<String>()
        return names.filter { seen.insert($0).inserted }
    }

    /// What TestState refuses to run: a Map or Parallel without a mock (recorded on AWS, with
    /// this message), and a Task whose integration AWS runs only when mocked: a callback
    /// (`.waitForTaskToken`), `.sync`, or an activity ("TestState only supports the following
    /// when a mock is specified: Activity tasks, .sync or .waitForTaskToken service integration
    /// patterns, Parallel, or Map states", API reference).
    static func checkTestable(_ state: State, mocked: Bool, revealSecrets: Bool) throws(ServiceError) {
        if revealSecrets && mocked {
            throw ServiceError(.validation, "TestState does not support RevealSecrets when a mock is specified.")
        }
        if revealSecrets {
            throw ServiceError(.validation, "host runs no HTTP Task, whose secrets revealSecrets reveals: leave it false.")
        }
        guard !mocked else { return }
        switch state.kind {
        case .map, .parallel:
            throw ServiceError(.invalidDefinition, "TestState API does not support Map or Parallel states. Supported state types include: [Task, Wait, Pass, Succeed, Fail, Choice]")
        case .task(let task):
            let resource = task.resource
            if resource.hasSuffix(".waitForTaskToken") || resource.hasSuffix(".sync") || resource.contains(".sync:")
                || resource.contains(":activity:") {
                throw ServiceError(.validation, "TestState runs the Task's resource '\(resource)' only with a mock: give --mock (mock).")
            }
        default:
            break
        }
    }

    /// A request field holding a JSON object as text.
    static func object(_ text: String, field: String) throws(ServiceError) -> JSONObject {
        let value: JSONValue
        do { value = try JSONValue.parse(text) } catch {
            throw ServiceError(.validation, "\(field) is not valid JSON: \(error.message) at line \(error.line), column \(error.column)")
        }
        guard case .object(let object) = value else { throw ServiceError(.validation, "\(field) must be a JSON object") }
        return object
    }
}
