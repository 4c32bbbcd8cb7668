import Clocks
import Foundation
import Functions
import JSONValue
import Store

/// How an SNS topic reaches its Lambda subscribers.
extension TopicService {
    /// Delivers each message to its subscriber as SNS does, with an asynchronous invocation
    /// (Lambda's `Event` invocation type: the publisher does not wait), through the function
    /// host `host` gives. A delivery that fails (the function raised an error, timed out or
    /// ran out of memory; it is missing, its sidecar cannot be used, or it was throttled) is
    /// not dropped: it goes to the workspace's dead-letter list with the reason, the list
    /// `host events dead-letters` shows for the event bus, with the topic's ARN where a rule's
    /// name would be, the function as the target and the message id as the event's.
    ///
    /// It is not retried: one attempt decides. On AWS, "if the function returns an error, by
    /// default Lambda attempts to run it two more times, with a one-minute wait between the
    /// first two attempts, and two minutes between the second and third attempts", and it
    /// retries throttled events for up to 6 hours (Lambda Developer Guide, "How Lambda
    /// handles errors and retries with asynchronous invocation").
    public static func lambdaDelivery(deadLetters: any EventStore, now: @escaping @Sendable () -> Date,
                                      host: @escaping @Sendable () -> FunctionHost?) -> Delivery {
        { delivery in
            let record: @Sendable (String) -> Void = { reason in
                try? deadLetters.insert(DeadLetterRecord(
                    eventId: delivery.messageId, rule: delivery.topicArn, target: delivery.functionName, attempts: 1,
                    reason: reason, time: now().epochMilliseconds))
            }
            guard let host = host() else { return record("the workspace's functions cannot be reached") }
            host.invokeAsynchronously(delivery.functionName, event: delivery.event) { result in
                if let reason = Self.failureReason(result) { record(reason) }
            }
        }
    }

    /// Why a delivery failed, as the dead-letter list says it: the function's error type and
    /// message, or the Lambda service error; nil when the function ran without error.
    static func failureReason(_ result: Result<Invocation, LambdaServiceError>) -> String? {
        switch result {
        case .failure(let error): return error.description
        case .success(let invocation):
            guard case .failure(let error) = invocation.outcome else { return nil }
            return "\(error.errorType): \(error.errorMessage)"
        }
    }
}
