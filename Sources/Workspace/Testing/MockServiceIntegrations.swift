import Engine
import Foundation
import JSONValue
import StatesLanguage

/// Answers the service integrations of the Task states a test case mocks from their mocked
/// responses, as `MockTaskInvoker` does for Lambda: a `Return` is the Task's result, a `Throw`
/// its error; a state the test case does not mock calls the real service (docs/testing.md).
struct MockServiceIntegrations: ServiceIntegrations {
    let mocks: TestCaseMocks
    let real: any ServiceIntegrations
    let counter = InvocationCounter()

    func call(_ call: ServiceCall) async -> ServiceCallResult {
        guard let state = call.state, let response = mocks.states[state] else { return await real.call(call) }
        let invocation = counter.next(state)
        switch response.answer(forInvocation: invocation) {
        case .return(let result)?:
            return .success(result)
        case .throw(let error, let cause)?:
            return .failure(StatesError(error, cause: cause))
        case nil:
            // "If you do not specify a mocked response, the state machine execution will fail."
            return .failure(StatesError(ErrorName.runtime, cause: "The test case '\(mocks.name)' gives no mocked response for invocation \(invocation) of the state '\(state)' (invocations are numbered from 0)."))
        }
    }
}
