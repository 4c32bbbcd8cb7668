import Engine
import JSONValue
import StatesLanguage

/// TestState's `stateConfiguration` ("TestStateConfiguration", Step Functions API reference),
/// each member checked against the state it configures.
struct TestStateConfiguration {
    /// "The number of retry attempts that have occurred for the state's Retry that applies to the mocked error."
    var retrierRetryCount: Int?
    /// "The name of the state from which an error originates when an error is mocked for a Map or Parallel state."
    var errorCausedByState: String?
    /// "The number of Map state iterations that failed during the Map state invocation."
    var mapIterationFailureCount: Int?
    /// "The data read by ItemReader in Distributed Map states as found in its original source."
    var mapItemReaderData: String?

    init(_ value: JSONValue?, for state: State) throws(ServiceError) {
        guard let value, value != .null else { return }
        guard case .object(let members) = value else { throw Self.invalid("stateConfiguration must be a JSON object") }
        for (key, member) in members {
            switch key {
            case "retrierRetryCount":
                retrierRetryCount = try Self.count(member, key)
                guard [.task, .map, .parallel].contains(state.type) else {
                    throw Self.invalid("retrierRetryCount applies to Task, Map and Parallel states, which have Retry; '\(state.name)' is a \(state.type.rawValue) state")
                }
            case "mapIterationFailureCount":
                mapIterationFailureCount = try Self.count(member, key)
                guard state.type == .map else { throw Self.invalid("mapIterationFailureCount applies to a Map state; '\(state.name)' is a \(state.type.rawValue) state") }
            case "errorCausedByState":
                guard case .string(let name) = member, !name.isEmpty else { throw Self.invalid("errorCausedByState must be a state's name") }
                let inner: [StateMachine] = switch state.kind {
                case .map(let map): [map.itemProcessor]
                case .parallel(let parallel): parallel.branches
                default: throw Self.invalid("errorCausedByState applies to a Map or Parallel state; '\(state.name)' is a \(state.type.rawValue) state")
                }
                guard inner.contains(where: { Self.holds($0, name) }) else {
                    throw Self.invalid("errorCausedByState '\(name)' is not a state of '\(state.name)'")
                }
                errorCausedByState = name
            case "mapItemReaderData":
                // "The data read by ItemReader in Distributed Map states as found in its
                // original source": the object's text, read as the reader's InputType says.
                guard case .string(let data) = member else { throw Self.invalid("mapItemReaderData must be a string: the text of the object the ItemReader reads") }
                guard case .map(let map) = state.kind, let reader = map.itemReader else {
                    throw Self.invalid("mapItemReaderData applies to a Map state with an ItemReader")
                }
                guard reader.resource == "arn:aws:states:::s3:getObject", reader.config.inputType != .manifest else {
                    throw Self.invalid("host reads mapItemReaderData as the object an s3:getObject ItemReader reads (JSON, JSONL or CSV), not as a listing or a manifest")
                }
                mapItemReaderData = data
            default:
                throw Self.invalid("stateConfiguration has no field '\(key)'")
            }
        }
    }

    private static func count(_ value: JSONValue, _ field: String) throws(ServiceError) -> Int {
        guard let number = value.intValue, number >= 0 else {
            throw invalid("1 validation error detected: Value '\(value.compactString())' at 'stateConfiguration.\(field)' "
                + "failed to satisfy constraint: Member must have value greater than or equal to 0")
        }
        return Int(clamping: number)
    }

    /// Whether `name` is a state of `machine`, at any depth.
    private static func holds(_ machine: StateMachine, _ name: String) -> Bool {
        machine.states.contains { state in
            if state.name == name { return true }
            switch state.kind {
            case .map(let map): return holds(map.itemProcessor, name)
            case .parallel(let parallel): return parallel.branches.contains { holds($0, name) }
            default: return false
            }
        }
    }

    static func invalid(_ message: String) -> ServiceError { ServiceError(.validation, message) }
}

/// TestState's `mock` ("MockInput", Step Functions API reference): a result or an error in place
/// of the state's work, checked as AWS checks it.
enum TestStateMock {
    /// "STRICT: All required fields must be present, and all present fields must conform to the
    /// API's schema. PRESENT: All present fields must conform to the API's schema. NONE: No
    /// validation is performed." STRICT is the default.
    enum FieldValidationMode: String, CaseIterable { case strict = "STRICT", present = "PRESENT", none = "NONE" }

    static func parse(_ value: JSONValue?, for state: State, configuration: TestStateConfiguration) throws(ServiceError) -> MockedWork.Answer? {
        guard let value, value != .null else {
            if configuration.errorCausedByState != nil { throw invalid("errorCausedByState applies to a mocked error: give mock.errorOutput") }
            if configuration.mapIterationFailureCount != nil { throw invalid("mapIterationFailureCount applies to a mocked result: give mock.result") }
            return nil
        }
        guard case .object(let members) = value else { throw invalid("mock must be a JSON object") }
        if let unknown = members.keys.first(where: { !["result", "errorOutput", "fieldValidationMode"].contains($0) }) {
            throw invalid("mock has no field '\(unknown)'")
        }
        let result = members["result"].flatMap { $0 == .null ? nil : $0 }
        let errorOutput = members["errorOutput"].flatMap { $0 == .null ? nil : $0 }
        // Recorded on AWS (ValidationException).
        if result != nil && errorOutput != nil { throw invalid("A test mock should have only one of the following fields: [result, errorOutput].") }
        guard result != nil || errorOutput != nil else { throw invalid("A test mock should have one of the following fields: [result, errorOutput].") }
        // Recorded on AWS for Pass, Fail and Succeed; host refuses it on every state without work to mock.
        guard [.task, .map, .parallel].contains(state.type) else {
            throw invalid("State type '\(state.type.rawValue)' is not supported when a mock is specified")
        }
        var mode = FieldValidationMode.strict
        if let given = members["fieldValidationMode"], given != .null {
            guard let text = given.stringValue, let parsed = FieldValidationMode(rawValue: text) else {
                throw invalid("1 validation error detected: Value '\(given.stringValue ?? given.compactString())' at 'mock.fieldValidationMode' failed to satisfy constraint: "
                    + "Member must satisfy enum value set: [\(FieldValidationMode.allCases.map(\.rawValue).joined(separator: ", "))]")
            }
            mode = parsed
        }
        if let errorOutput { return .error(try error(errorOutput, state: state, configuration: configuration)) }
        if configuration.errorCausedByState != nil { throw invalid("errorCausedByState applies to a mocked error: give mock.errorOutput") }
        guard case .string(let text)? = result else { throw invalid("mock.result must be a string of JSON text") }
        let parsed: JSONValue
        do { parsed = try JSONValue.parse(text) } catch {
            throw invalid("mock.result is not valid JSON: \(error.message) at line \(error.line), column \(error.column)")
        }
        try check(parsed, for: state, mode: mode)
        return .result(parsed)
    }

    /// `errorOutput`: "error" (required) and "cause".
    private static func error(_ value: JSONValue, state: State, configuration: TestStateConfiguration) throws(ServiceError) -> StatesError {
        guard case .object(let members) = value else { throw invalid("mock.errorOutput must be a JSON object with error and cause") }
        if let unknown = members.keys.first(where: { $0 != "error" && $0 != "cause" }) { throw invalid("mock.errorOutput has no field '\(unknown)'") }
        guard case .string(let error)? = members["error"] else {
            throw invalid("mock.errorOutput.error is required: the error the state fails with")
        }
        let cause = members["cause"]?.stringValue
        if members["cause"] != nil && members["cause"] != .null && cause == nil { throw invalid("mock.errorOutput.cause must be a string") }
        return StatesError(error, cause: cause)
    }

    /// The mocked result's shape: a Map's and a Parallel's are arrays (recorded on AWS, with
    /// these messages); a Lambda Task's is checked against Lambda's Invoke response.
    private static func check(_ result: JSONValue, for state: State, mode: FieldValidationMode) throws(ServiceError) {
        switch state.kind {
        case .map(let map):
            if map.resultWriter != nil {
                guard case .object = result else { throw invalid("Mocked result must be a JSON object.") }
            } else {
                guard case .array = result else { throw invalid("Mocked result must be an array.") }
            }
        case .parallel(let parallel):
            guard case .array(let items) = result else { throw invalid("Mocked result must be an array.") }
            guard items.count == parallel.branches.count else {
                throw invalid("Mocked result must contain the same number of items as number of Parallel branches.")
            }
        case .task(let task):
            guard mode != .none else { return }
            switch TaskResource(task.resource) {
            case .function, .lambdaInvokeWaitForTaskToken:
                // The result of a function's ARN is the function's own result, and a callback's
                // is the output SendTaskSuccess gives: any JSON either way.
                return
            case .lambdaInvoke:
                try checkInvokeResponse(result)
            case .integration, .other:
                // An activity's result, like a callback's, is whatever its worker sends back.
                if task.resource.contains(":activity:") || task.resource.hasSuffix(".waitForTaskToken") { return }
                throw invalid("host has no API model of '\(task.resource)' to check the mocked result against: give mock.fieldValidationMode NONE")
            }
        default:
            return
        }
    }

    /// Lambda's Invoke response ("Invoke", Lambda API reference): StatusCode an integer;
    /// FunctionError, LogResult, ExecutedVersion and DurableExecutionArn strings; Payload the
    /// function's result. None of its members is required.
    private static func checkInvokeResponse(_ result: JSONValue) throws(ServiceError) {
        guard case .object(let members) = result else {
            throw invalid("Mocked result does not conform to the Lambda Invoke response: it must be a JSON object")
        }
        if let status = members["StatusCode"], status.intValue == nil {
            throw invalid("Mocked result does not conform to the Lambda Invoke response: StatusCode must be an integer")
        }
        for field in ["FunctionError", "LogResult", "ExecutedVersion", "DurableExecutionArn"] {
            if let member = members[field], member.stringValue == nil {
                throw invalid("Mocked result does not conform to the Lambda Invoke response: \(field) must be a string")
            }
        }
    }

    static func invalid(_ message: String) -> ServiceError { ServiceError(.validation, message) }
}
