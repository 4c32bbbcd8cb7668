import JSONValue
import StatesLanguage

/// A child execution's input and the number of items it carries.
struct ChildInput {
    var input: JSONValue
    var items: Int
}

extension Interpreter {
    /// The children of a Map Run: one an item, or with an `ItemBatcher` one a batch,
    /// `{"BatchInput": ..., "Items": [...]}` ("ItemBatcher (Map)"): at most `MaxItemsPerBatch`
    /// items, and at most `MaxInputBytesPerBatch` bytes of input ("If you use batching and
    /// don't specify a maximum batch size, the interpreter processes as many items it can
    /// process up to 256 KiB in each child workflow execution").
    func batches(_ step: StepContext, _ map: MapState, _ stage: StageInput, items: [JSONValue]) throws -> [ChildInput] {
        guard let batcher = map.itemBatcher else { return items.map { ChildInput(input: $0, items: 1) } }
        let maxItems = try positive(batcher.maxItemsPerBatch, "MaxItemsPerBatch", step, stage) ?? Int.max
        let maxBytes = min(try positive(batcher.maxInputBytesPerBatch, "MaxInputBytesPerBatch", step, stage) ?? 262_144, 262_144)
        let batchInput: JSONValue?
        switch batcher.batchInput {
        case .template(let template)?:
            batchInput = try step.placed { () throws(StatesError) in
                try template.evaluate(input: stage.effective, context: stage.context, services: .system, variables: stage.variables)
            }
        case .jsonata(let template)?:
            batchInput = try stage.query!.evaluate(template, field: "BatchInput")
        case nil:
            batchInput = nil
        }
        // {"BatchInput":...,"Items":[]} and then each item and its comma.
        let overhead = batchInput.map { #"{"BatchInput":,"Items":[]}"#.utf8.count + $0.compactString().utf8.count } ?? #"{"Items":[]}"#.utf8.count
        var children: [ChildInput] = []
        var batch: [JSONValue] = []
        var bytes = overhead
        func close() {
            var input: JSONObject = [:]
            if let batchInput { input["BatchInput"] = batchInput }
            input["Items"] = .array(batch)
            children.append(ChildInput(input: .object(input), items: batch.count))
            batch.removeAll(keepingCapacity: true)
            bytes = overhead
        }
        for item in items {
            let alone = item.compactString().utf8.count
            if !batch.isEmpty, batch.count >= maxItems || bytes + alone + 1 > maxBytes { close() }
            if batch.isEmpty, overhead + alone > maxBytes {
                // Unsure: AWS does not say what it does with an item bigger than a batch.
                throw step.runtimeError("An item of \(alone) bytes does not fit in a batch of at most \(maxBytes) bytes (MaxInputBytesPerBatch).")
            }
            bytes += batch.isEmpty ? alone : alone + 1
            batch.append(item)
        }
        if !batch.isEmpty { close() }
        return children
    }

    /// A batch limit, which "must resolve to a positive integer".
    private func positive(_ field: Dynamic<Int>?, _ name: String, _ step: StepContext, _ stage: StageInput) throws -> Int? {
        guard let value = try count(field, name, step: step, stage) else { return nil }
        guard value > 0 else { throw step.runtimeError("\(name) must be a positive integer.") }
        return value
    }
}
