import Foundation
import JSONValue
import StatesLanguage

/// What the input stage hands a state's body.
struct StageInput {
    /// The context object (`$$`, or `$states.context` in JSONata states); null when none of
    /// the state's fields reads it.
    let context: JSONValue
    /// The value the body works on: InputPath then Parameters (JSONPath states), Arguments
    /// (JSONata Task and Parallel states), or else the state's input.
    let effective: JSONValue
    /// The retries made so far, in the states that can retry (Task, Parallel, Map).
    let retryCount: Int?
    /// A callback Task's token (`$$.Task.Token`).
    let taskToken: String?
    /// The variables as they were when the state was entered: every expression of the state
    /// reads these, its own assignments taking effect only once it is left.
    let variables: WorkflowVariables
    /// What a JSONata state's expressions see (`$states.input`, `$states.context`, the
    /// variables); nil in JSONPath states.
    var query: QueryScope?
}

/// What a state's body produced.
struct BodyOutcome {
    /// The state's result: what its work returned (Task, Parallel, Map), a Pass state's
    /// `Result`, or else the effective input (Pass, Wait, Choice, Succeed).
    var result: JSONValue
    /// Where the state goes: its own `Next` or `End`, or the Next of the Choice rule taken.
    var transition: Transition?
    /// The Choice rule that matched, whose `Assign` and `Output` apply; nil when the Default
    /// was taken, and for every other state type.
    var choice: ChoiceState.Choice?
    /// The index of `choice` in `Choices`.
    var choiceIndex: Int?

    /// Whether the state is a Choice: without a rule, it was left by its Default.
    var isChoice = false

    /// Which way the state is left, for observers.
    var decision: StateDecision {
        if let choiceIndex { return .choice(choiceIndex) }
        if isChoice { return .defaultRule }
        return transition == .end || transition == nil ? .end : .next
    }
}

/// What the output stage gives: the state's output, and the variables it assigns.
struct StageOutput {
    var output: JSONValue
    /// The state's `Assign` (a Choice rule's or a catcher's when one applies), evaluated; nil
    /// when there is none.
    var assigned: JSONObject?
}

extension Interpreter {
    /// Runs one state, already entered, through the lifecycle every state shares
    /// (docs/design.md, "One lifecycle per state"): the input stage, the state type's body,
    /// the output stage with its assignments, then the Exited event. The stages are those of
    /// the state's query language; a state type supplies only its body. Task, Parallel and
    /// Map states run the whole lifecycle under their Retry and Catch.
    func runState(_ step: StepContext, path: inout Path) async throws -> Step {
        switch step.state.kind {
        case .fail(let fail):
            // A Fail state has neither input nor output processing: it ends its path with its
            // error ("A Fail State MUST NOT have ... InputPath/OutputPath").
            let error: StatesError
            do {
                error = try failError(step, fail, path: &path)
            } catch let failure as QueryFailure {
                throw try evaluationFailed(step, failure, path: &path)
            }
            throw error
        case .task, .parallel, .map:
            return try await withRetry(step, path: &path) { retryCount, path in
                try await runStages(step, retryCount: retryCount, path: &path)
            }
        case .pass, .wait, .choice, .succeed:
            return try await runStages(step, retryCount: nil, path: &path)
        }
    }

    /// One attempt: input stage, body (or TestState's mock of it), output stage, Exited. A
    /// JSONata expression that fails is recorded (EvaluationFailed) and fails the state with
    /// States.QueryEvaluationError.
    func runStages(_ step: StepContext, retryCount: Int?, path: inout Path, mock: MockedWork? = nil) async throws -> Step {
        var token: String?
        if case .task(let task) = step.state.kind, task.resource.hasSuffix(".waitForTaskToken"), let retryCount {
            // A callback Task's context carries the token its parameters hand on ($$.Task.Token),
            // whichever service it calls (TestState runs any of them mocked).
            token = taskToken(step, retryCount: retryCount)
        }
        let context = contextObject(step, path: path, retryCount: retryCount, taskToken: token)
        let variables = path.variables
        let input: StageInput
        let outcome: BodyOutcome
        do {
            if step.state.queryLanguage == .jsonata {
                let scope = QueryScope(input: step.input, context: step.state.readsContext ? context : nil, variables: variables,
                                       now: execution.clock.now)
                input = StageInput(context: context, effective: try jsonataInput(step, scope), retryCount: retryCount,
                                   taskToken: token, variables: variables, query: scope)
            } else {
                input = StageInput(context: context, effective: try effectiveInput(step, context: context, variables: variables),
                                   retryCount: retryCount, taskToken: token, variables: variables)
            }
            if let mock {
                outcome = try mocked(step, mock, input)
            } else {
                outcome = try await body(step, input, path: &path)
            }
        } catch let failure as QueryFailure {
            // Recorded on AWS: a Map whose own fields fail ends with MapStateFailed.
            throw try evaluationFailed(step, failure, path: &path, then: step.state.type == .map ? .mapStateFailed : nil)
        }
        let output: StageOutput
        do {
            output = input.query != nil ? try jsonataOutput(step, input, outcome) : try jsonPathOutput(step, input, outcome)
        } catch let failure as QueryFailure {
            throw try evaluationFailed(step, failure, path: &path)
        }
        let next = try leave(step, output, to: outcome.transition, path: &path)
        execution.recorder.decided(outcome.decision, state: step.state.name)
        return next
    }

    /// The state type's own work.
    private func body(_ step: StepContext, _ input: StageInput, path: inout Path) async throws -> BodyOutcome {
        let transition = step.state.transition
        switch step.state.kind {
        case .task(let task):
            return BodyOutcome(result: try await runTask(step, task, input, path: &path), transition: transition)
        case .pass(let pass):
            return BodyOutcome(result: try runPass(step, pass, input), transition: transition)
        case .wait(let wait):
            try await runWait(step, wait, input, path: &path)
            return BodyOutcome(result: input.effective, transition: transition)
        case .choice(let choice):
            let (next, index) = try runChoice(step, choice, input)
            return BodyOutcome(result: input.effective, transition: .next(next), choice: index.map { choice.choices[$0] },
                               choiceIndex: index, isChoice: true)
        case .succeed:
            return BodyOutcome(result: input.effective, transition: .end)
        case .parallel(let parallel):
            return BodyOutcome(result: try await runParallel(step, parallel, input, path: &path), transition: transition)
        case .map(let map):
            return BodyOutcome(result: try await runMap(step, map, input, path: &path), transition: transition)
        case .fail:
            preconditionFailure("a Fail state has no body: runState ends it")
        }
    }

    /// Records the state's Exited event, with the variables it assigned, and goes where its
    /// transition says. The assignments take effect now, for the states that follow: every
    /// expression of this state read the values from before it (docs/variables.md).
    func leave(_ step: StepContext, _ output: StageOutput, to transition: Transition?, path: inout Path) throws(StatesError) -> Step {
        // The output's compact JSON text is what the limit measures; it is written only when a
        // cheap bound cannot say it is under (`DataLimit.exceeds`), and for the Exited event
        // only when that event is read or stored.
        if DataLimit.exceeds(output.output) { throw DataLimit.error(name: step.state.name) }
        // Each value's compact JSON text is both what the history records and what AWS's
        // size limits measure (docs/variables.md, "Names and limits").
        var texts: JSONObject = [:]
        var sizes: [(name: String, bytes: Int)] = []
        let assigned = output.assigned ?? [:]
        if !assigned.isEmpty {
            if let name = path.variables.outerName(among: assigned.keys) {
                throw step.runtimeError("The variable '$\(name)' belongs to an outer scope: a Parallel branch or Map iteration can read it but not assign it.")
            }
            for (name, value) in assigned {
                let text = value.compactString()
                texts[name] = .string(text)
                sizes.append((name, text.utf8.count))
            }
            if let problem = VariableLimits.problem(assigning: sizes, to: path.variables) {
                throw step.runtimeError(problem)
            }
        }
        if let exited = step.state.type.exitedEvent {
            // Recorded on AWS: each assigned variable's value as compact JSON text, and no
            // member at all when the state assigned nothing (docs/variables.md).
            try record(exited, &path, .stateExited(name: step.state.name, output: output.output, assigned: texts))
        }
        if !assigned.isEmpty {
            path.variables.assign(assigned, sizes: Dictionary(uniqueKeysWithValues: sizes.map { ($0.name, $0.bytes) }))
        }
        switch transition {
        case .next(let next)?: return .next(next, output.output)
        case .end?, nil: return .end(output.output)
        }
    }

    /// Leaves through a catcher, with its output and assignments, to its Next.
    func leave(_ step: StepContext, catching error: StatesError, with catcher: Catcher, retryCount: Int,
               path: inout Path) throws -> Step {
        var thrown: JSONObject = ["Error": .string(error.error)]
        thrown["Cause"] = error.cause.map { .string($0) } ?? .null
        let context = contextObject(step, path: path, retryCount: retryCount)
        let output: StageOutput
        if step.state.queryLanguage == .jsonata {
            let scope = QueryScope(input: step.input, context: step.state.readsContext ? context : nil, variables: path.variables,
                                   now: execution.clock.now)
            do {
                output = try jsonataCatchOutput(catcher, scope.with("errorOutput", .object(thrown)))
            } catch {
                throw try evaluationFailed(step, error, path: &path)
            }
        } else {
            output = try jsonPathCatchOutput(step, error: .object(thrown), catcher: catcher, context: context, variables: path.variables)
        }
        return try leave(step, output, to: .next(catcher.next), path: &path)
    }
}
