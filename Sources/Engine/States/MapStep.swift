import Foundation
import JSONValue
import StatesLanguage

extension Interpreter {
    /// Map (inline): the item processor runs once for each item of ItemsPath, at most
    /// MaxConcurrency at a time; the result is the array of their outputs, in item order.
    func runMap(_ step: StepContext, _ map: MapState, path: inout Path) async throws -> Step {
        try await withRetry(step, path: &path) { retryCount, path in
            let context = contextObject(step, path: path, retryCount: retryCount)
            let input = try step.placed { () throws(StatesError) in
                try DataFlow.select(step.state.inputPath.dataFlowPath, isNull: step.state.inputPath.isNull, from: step.input, context: context)
            }
            let itemsValue = try step.placed { () throws(StatesError) in
                try DataFlow.select(map.itemsPath.dataFlowPath, isNull: map.itemsPath.isNull, from: input, context: context)
            }
            guard case .array(let items) = itemsValue else {
                throw step.runtimeError("Invalid path '\(map.itemsPath.text ?? "$")' : The value at the ItemsPath is not a JSON array: \(itemsValue.compactString())")
            }
            // Recorded on AWS: a bad MaxConcurrencyPath fails before MapStateStarted, a bad
            // tolerated-failure setting after it.
            let limit = try count(map.maxConcurrency, "MaxConcurrency", step: step, input: input, context: context) ?? 0

            var jobs: [(StateMachine, JSONValue, Path)] = []
            for (index, item) in items.enumerated() {
                let mapItem: JSONValue = ["Index": .int(Int64(index)), "Value": item]
                var itemContext = context
                if case .object(var object) = itemContext {
                    object["Map"] = ["Item": mapItem]
                    itemContext = .object(object)
                }
                let itemInput: JSONValue
                switch map.itemSelector {
                case .template(let template)?:
                    itemInput = try step.placed { () throws(StatesError) in try template.evaluate(input: input, context: itemContext) }
                case .jsonata?:
                    throw step.runtimeError("host does not run JSONata Map states yet.")
                case nil:
                    itemInput = item
                }
                jobs.append((map.itemProcessor, itemInput, Path(lastEventId: 0, mapItem: mapItem)))
            }
            let started = try record(.mapStateStarted, &path, ["length": .int(Int64(items.count))])
            for index in jobs.indices { jobs[index].2.lastEventId = started }
            let toleratedCount = try count(map.toleratedFailureCount, "ToleratedFailureCount", step: step, input: input, context: context)
            let toleratedPercentage = try percentage(map.toleratedFailurePercentage, step: step, input: input, context: context)

            let name = step.state.name
            let recorder = execution.recorder
            let clock = execution.clock
            let total = items.count
            let outcome = await runConcurrently(
                jobs, limit: limit,
                tolerate: { failures in
                    if let toleratedCount, failures <= toleratedCount { return true }
                    if let toleratedPercentage, total > 0, Double(failures) * 100 / Double(total) <= toleratedPercentage { return true }
                    return false
                },
                onStart: { index, path in
                    path.lastEventId = try recorder.record(.mapIterationStarted, after: path.lastEventId, at: clock.now,
                                                           ["name": .string(name), "index": .int(Int64(index))], scope: started).id
                },
                onEnd: { index, succeeded, path in
                    path.lastEventId = try recorder.record(succeeded ? .mapIterationSucceeded : .mapIterationFailed,
                                                           after: path.lastEventId, at: clock.now,
                                                           ["name": .string(name), "index": .int(Int64(index))]).id
                })
            if let failure = outcome.failure {
                if failure.stop != nil { throw CancellationError() }
                path.lastEventId = failure.path.lastEventId
                path.lastEventTime = failure.path.lastEventTime
                if toleratedCount != nil || toleratedPercentage != nil {
                    throw ChildrenFailed(error: StatesError(ErrorName.exceedToleratedFailureThreshold,
                                                            cause: "The specified tolerated failure threshold was exceeded"),
                                         event: .mapStateFailed)
                }
                throw ChildrenFailed(error: failure.error, event: .mapStateFailed)
            }
            path.lastEventId = outcome.lastEventId ?? started
            try record(.mapStateSucceeded, &path)
            // The Exited event points where Succeeded points (AWS's recorded histories).
            path.lastEventId = outcome.lastEventId ?? started
            return try leave(step, output: output(step, result: .array(outcome.outputs.map { $0 ?? .null }), context: context), path: &path)
        }
    }

    /// MaxConcurrency or ToleratedFailureCount, or the whole number its `...Path` finds, in
    /// AWS's recorded words when it is not one: `The MaxConcurrencyPath field refers to value
    /// "NoNumber" which is not a valid integer: $.MaxConcurrencyValue`, `ToleratedFailureCount
    /// cannot be negative.` (docs/errors.md).
    private func count(_ field: Dynamic<Int>?, _ name: String, step: StepContext, input: JSONValue, context: JSONValue) throws(StatesError) -> Int? {
        switch field {
        case nil: return nil
        case .value(let value)?: return value
        case .path(let reference)?:
            guard let value = reference.evaluate(input: input, context: context) else {
                throw step.runtimeError("The \(name)Path field does not reference a value in the input: \(reference.text)")
            }
            guard let number = value.intValue else {
                throw step.runtimeError("The \(name)Path field refers to value \"\(Self.plain(value))\" which is not a valid integer: \(reference.text)")
            }
            guard number >= 0 else { throw step.runtimeError("\(name) cannot be negative.") }
            return Int(clamping: number)
        default:
            throw step.runtimeError("host does not run JSONata Map states yet.")
        }
    }

    /// ToleratedFailurePercentage, or the number its path finds: "ToleratedFailurePercentage
    /// must be between 0 and 100." (recorded on AWS).
    private func percentage(_ field: Dynamic<Double>?, step: StepContext, input: JSONValue, context: JSONValue) throws(StatesError) -> Double? {
        let value: Double
        switch field {
        case nil: return nil
        case .value(let v)?: value = v
        case .path(let reference)?:
            guard let found = reference.evaluate(input: input, context: context) else {
                throw step.runtimeError("The ToleratedFailurePercentagePath field does not reference a value in the input: \(reference.text)")
            }
            guard let number = found.doubleValue else {
                throw step.runtimeError("The ToleratedFailurePercentagePath field refers to value \"\(Self.plain(found))\" which is not a valid float: \(reference.text)")
            }
            value = number
        default:
            throw step.runtimeError("host does not run JSONata Map states yet.")
        }
        guard (0...100).contains(value) else { throw step.runtimeError("ToleratedFailurePercentage must be between 0 and 100.") }
        return value
    }
}
