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

    /// A test case mocks Task states; a Distributed Map reads and writes the real buckets.
    var mapRunBuckets: (any MapRunBuckets)? { real.mapRunBuckets }

    func call(_ call: ServiceCall) async -> ServiceCallResult {
        switch mocks.answer(call.state, counter: counter) {
        case nil: await real.call(call)
        case .success(let result)?: .success(result)
        case .failure(let error)?: .failure(error)
        }
    }
}
