import Foundation
import JSONValue
import StatesLanguage

extension Interpreter {
    /// Map (inline): the item processor runs once for each item of ItemsPath, at most
    /// MaxConcurrency at a time; the result is the array of their outputs, in item order.
    /// A distributed Map runs its items as child executions instead (docs/distributed-map.md).
    func runMap(_ step: StepContext, _ map: MapState, _ stage: StageInput, path: inout Path) async throws -> JSONValue {
        if map.isDistributed { return try await runDistributedMap(step, map, stage, path: &path) }
        let prepared = try prepareItems(step, map, stage)
        let total = prepared.items.count
        // Each iteration has a scope of its own, which sees this path's variables.
        var jobs = prepared.items.map {
            (map.itemProcessor, $0.input, Path(lastEventId: 0, mapItem: $0.mapItem, variables: stage.variables.nested()))
        }
        let started = try record(.mapStateStarted, &path, ["length": .int(Int64(total))])
        for index in jobs.indices { jobs[index].2.lastEventId = started }
        let toleratedCount = try count(map.toleratedFailureCount, "ToleratedFailureCount", step: step, stage)
        let toleratedPercentage = try percentage(map.toleratedFailurePercentage, step: step, stage)

        let name = step.state.name
        let recorder = execution.recorder
        let clock = execution.clock
        let outcome = await runConcurrently(
            jobs, limit: prepared.limit,
            tolerate: { failures in
                if let toleratedCount, failures <= toleratedCount { return true }
                if let toleratedPercentage, total > 0, Double(failures) * 100 / Double(total) <= toleratedPercentage { return true }
                return false
            },
            onStart: { index, path in
                path.lastEventId = try recorder.record(.mapIterationStarted, after: path.lastEventId, at: clock.now,
                                                       .iteration(name: name, index: index), scope: started).id
            },
            onEnd: { index, succeeded, path in
                path.lastEventId = try recorder.record(succeeded ? .mapIterationSucceeded : .mapIterationFailed,
                                                       after: path.lastEventId, at: clock.now,
                                                       .iteration(name: name, index: index)).id
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
        return .array(outcome.outputs.map { $0 ?? .null })
    }

    /// The Map's items made ready to run, inline or distributed alike: each one's input (its
    /// ItemSelector applied, with `$$.Map.Item`) and that `$$.Map.Item`; and MaxConcurrency.
    /// `read`: the items an ItemReader read, in place of the input's.
    func prepareItems(_ step: StepContext, _ map: MapState, _ stage: StageInput, read: [JSONValue]? = nil) throws -> PreparedItems {
        let (input, context) = (stage.effective, stage.context)
        let items: [JSONValue]
        if let read {
            items = read
        } else if let scope = stage.query {
            items = try jsonataItems(map, input: input, scope)
        } else {
            let itemsValue = try step.placed { () throws(StatesError) in
                try DataFlow.select(map.itemsPath.dataFlowPath, isNull: map.itemsPath.isNull, from: input, context: context,
                                    variables: stage.variables)
            }
            guard case .array(let array) = itemsValue else {
                throw step.runtimeError("Invalid path '\(map.itemsPath.text ?? "$")' : The value at the ItemsPath is not a JSON array: \(itemsValue.compactString())")
            }
            items = array
            if execution.stageObserver != nil { observe(.afterItemsPath, .array(items), step) }
        }
        // Recorded on AWS: a bad MaxConcurrencyPath fails before MapStateStarted, a bad
        // tolerated-failure setting after it.
        let limit = try count(map.maxConcurrency, "MaxConcurrency", step: step, stage) ?? 0

        var prepared = PreparedItems(items: [], limit: limit)
        for (index, item) in items.enumerated() {
            let mapItem = MapItem.item(index: index, value: item)
            // The context with this item, for the ItemSelector only: built when there is one
            // and the Map reads the context (null otherwise, `State.readsContext`).
            var itemContext: JSONValue {
                guard case .object(var object) = context else { return context }
                object["Map"] = ["Item": mapItem.object]
                return .object(object)
            }
            let itemInput: JSONValue
            switch map.itemSelector {
            case .template(let template)?:
                itemInput = try step.placed { () throws(StatesError) in
                    try template.evaluate(input: input, context: itemContext, services: .system, variables: stage.variables)
                }
            case .jsonata(let template)?:
                // `$states.context.Map.Item` is the item and its index (docs/variables.md).
                let scope = QueryScope(input: input, context: itemContext, variables: stage.variables, now: execution.clock.now)
                itemInput = try scope.evaluate(template, field: "ItemSelector")
            case nil:
                itemInput = item
            }
            prepared.items.append((itemInput, mapItem))
        }
        if map.itemSelector != nil, execution.stageObserver != nil {
            observe(.afterItemSelector, .array(prepared.items.map(\.input)), step)
        }
        return prepared
    }

    /// MaxConcurrency or ToleratedFailureCount, or the whole number its `...Path` finds, in
    /// AWS's recorded words when it is not one: `The MaxConcurrencyPath field refers to value
    /// "NoNumber" which is not a valid integer: $.MaxConcurrencyValue`, `ToleratedFailureCount
    /// cannot be negative.` (docs/errors.md).
    func count(_ field: Dynamic<Int>?, _ name: String, step: StepContext, _ stage: StageInput) throws -> Int? {
        switch field {
        case nil: return nil
        case .value(let value)?: return value
        case .path(let reference)?:
            guard let value = reference.evaluate(input: stage.effective, context: stage.context, variables: stage.variables) else {
                throw step.runtimeError("The \(name)Path field does not reference a value in the input: \(reference.text)")
            }
            // Recorded on AWS: the text of a whole number counts as that number
            // (`"MaxConcurrencyPath": "$maxConcurrency"` with the variable "1" runs one at a time).
            let whole: Int64? = if case .string(let text) = value { Int64(text) } else { value.intValue }
            guard let number = whole else {
                throw step.runtimeError("The \(name)Path field refers to value \"\(Self.plain(value))\" which is not a valid integer: \(reference.text)")
            }
            guard number >= 0 else { throw step.runtimeError("\(name) cannot be negative.") }
            return Int(clamping: number)
        case .jsonata(let text)?:
            let value = try stage.query!.value(of: text, field: name)
            guard let number = value.intValue else { throw QueryScope.unexpectedType(text, field: name, expected: "integer", value: value) }
            guard number >= 0 else { throw step.runtimeError("\(name) cannot be negative.") }
            return Int(clamping: number)
        case .intrinsic?:
            preconditionFailure("\(name) takes no intrinsic function")
        }
    }

    /// ToleratedFailurePercentage, or the number its path finds: "ToleratedFailurePercentage
    /// must be between 0 and 100." (recorded on AWS).
    func percentage(_ field: Dynamic<Double>?, step: StepContext, _ stage: StageInput) throws -> Double? {
        let value: Double
        switch field {
        case nil: return nil
        case .value(let v)?: value = v
        case .path(let reference)?:
            guard let found = reference.evaluate(input: stage.effective, context: stage.context, variables: stage.variables) else {
                throw step.runtimeError("The ToleratedFailurePercentagePath field does not reference a value in the input: \(reference.text)")
            }
            // Recorded on AWS: the text of a number counts as that number, as with counts
            // (`"ToleratedFailurePercentagePath": "$percentage"` with the variable "1").
            let number: Double? = if case .string(let text) = found { Double(text).flatMap { $0.isFinite ? $0 : nil } } else { found.doubleValue }
            guard let number else {
                throw step.runtimeError("The ToleratedFailurePercentagePath field refers to value \"\(Self.plain(found))\" which is not a valid float: \(reference.text)")
            }
            value = number
        case .jsonata(let text)?:
            let found = try stage.query!.value(of: text, field: "ToleratedFailurePercentage")
            guard let number = found.doubleValue else {
                throw QueryScope.unexpectedType(text, field: "ToleratedFailurePercentage", expected: "number", value: found)
            }
            value = number
        case .intrinsic?:
            preconditionFailure("ToleratedFailurePercentage takes no intrinsic function")
        }
        guard (0...100).contains(value) else { throw step.runtimeError("ToleratedFailurePercentage must be between 0 and 100.") }
        return value
    }

    /// A JSONata Map's items: its `Items` (an array, or an expression that gives one), or else
    /// its input, which must be an array (causes recorded on AWS, docs/variables.md).
    private func jsonataItems(_ map: MapState, input: JSONValue, _ scope: QueryScope) throws(QueryFailure) -> [JSONValue] {
        switch map.items {
        case .string(let text)?:
            let value = try scope.value(of: text, field: "Items")
            guard case .array(let items) = value else { throw QueryScope.unexpectedType(text, field: "Items", expected: "array", value: value) }
            return items
        case let template?:
            guard case .array(let items) = try scope.evaluate(template, field: "Items") else {
                throw QueryFailure(cause: "Map state input must be an array but was: \(template.compactString())", location: "Items")
            }
            return items
        case nil:
            guard case .array(let items) = input else {
                throw QueryFailure(cause: "Map state input must be an array but was: \(input.compactString())", location: "Items")
            }
            return items
        }
    }
}

/// A Map's items, ready to run: each one's input and its `$$.Map.Item`; and MaxConcurrency
/// (0: no limit).
struct PreparedItems {
    var items: [(input: JSONValue, mapItem: MapItem)]
    var limit: Int
}
