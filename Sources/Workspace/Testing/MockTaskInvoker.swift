import Engine
import Foundation
import Identifiers
import JSONValue
import StatesLanguage
import Synchronization

/// Answers the calls of the Task states a test case mocks from their mocked responses, without
/// calling any function; every other call goes to the real invoker, as Step Functions Local
/// calls the real service for a state its test case does not mock (docs/testing.md).
///
/// Invocations are numbered per state over the whole execution, from 0: each attempt counts
/// (a retry is the next invocation), and so does each entry of the state in a loop or a Map
/// iteration.
struct MockTaskInvoker: TaskInvoker {
    let mocks: TestCaseMocks
    let real: any TaskInvoker
    let counter = InvocationCounter()

    func invoke(_ call: FunctionCall) async -> FunctionCallResult {
        switch mocks.answer(call.state, counter: counter) {
        case nil:
            return await real.invoke(call)
        case .success(let result)?:
            // The whole result: a lambda:invoke Task's Return is Invoke's response as it stands.
            return .success(FunctionResponse(payload: result, requestId: RandomIdentifier.lowercased(), taskResult: result))
        case .failure(let error)?:
            return .failure(error)
        }
    }
}

extension TestCaseMocks {
    /// The mocked answer to the next invocation of `state`: its `Return`, its `Throw`, or the
    /// failure of an invocation no response covers; nil when the test case does not mock the
    /// state, whose call then goes to the real function or service.
    func answer(_ state: String?, counter: InvocationCounter) -> Result<JSONValue, StatesError>? {
        guard let state, let response = states[state] else { return nil }
        let invocation = counter.next(state)
        switch response.answer(forInvocation: invocation) {
        case .return(let result)?:
            return .success(result)
        case .throw(let error, let cause)?:
            return .failure(StatesError(error, cause: cause))
        case nil:
            // "If you do not specify a mocked response, the state machine execution will fail."
            return .failure(StatesError(ErrorName.runtime, cause: "The test case '\(name)' gives no mocked response for invocation \(invocation) of the state '\(state)' (invocations are numbered from 0)."))
        }
    }
}

/// How many times each state has been invoked so far in one execution.
final class InvocationCounter: Sendable {
    private let counts = Mutex<[String: Int]>([:])

    /// The number of this invocation of `state`, from 0.
    func next(_ state: String) -> Int {
        counts.withLock { counts in
            defer { counts[state, default: 0] += 1 }
            return counts[state, default: 0]
        }
    }
}
