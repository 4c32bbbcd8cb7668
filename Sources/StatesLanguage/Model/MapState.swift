import JSONValue

/// A Map state's own fields: "Use the Map state to run a set of workflow steps for each item in
/// a dataset." Both the inline and the distributed form, and the legacy `Iterator`/`Parameters`
/// spelling of `ItemProcessor`/`ItemSelector`.
public struct MapState: Sendable {
    /// `ItemProcessor` (or the legacy `Iterator`): the machine each item runs through. Its
    /// `processorConfig` says whether the Map is inline or distributed.
    public var itemProcessor: StateMachine
    /// Whether the definition used the deprecated `Iterator` field.
    public var usesIterator: Bool = false
    /// `ItemsPath` (JSONPath states): where the array is in the effective input; absent means `$`.
    public var itemsPath: PathField = .absent
    /// `Items` (JSONata states): the array itself, or an expression that yields it.
    public var items: JSONValue?
    /// `ItemSelector` (or the legacy `Parameters`): each iteration's input.
    public var itemSelector: Payload?
    /// `ItemReader` (distributed Map): where to read the items from instead of the input.
    public var itemReader: ItemReader?
    /// `ItemBatcher` (distributed Map): how to group items into batches.
    public var itemBatcher: ItemBatcher?
    /// `ResultWriter` (distributed Map): where to write the results.
    public var resultWriter: ResultWriter?
    /// `MaxConcurrency` / `MaxConcurrencyPath`: 0 (the default) means no limit.
    public var maxConcurrency: Dynamic<Int>?
    /// `ToleratedFailureCount` / `ToleratedFailureCountPath`.
    public var toleratedFailureCount: Dynamic<Int>?
    /// `ToleratedFailurePercentage` / `ToleratedFailurePercentagePath`: from 0 to 100.
    public var toleratedFailurePercentage: Dynamic<Double>?
    /// `Label` (distributed Map): names the Map Run.
    public var label: String?

    /// Makes a Map state around its item processor.
    public init(itemProcessor: StateMachine) { self.itemProcessor = itemProcessor }

    /// Whether `ProcessorConfig.Mode` is `DISTRIBUTED`.
    public var isDistributed: Bool { itemProcessor.processorConfig?.mode == .distributed }
}

/// A distributed Map's `ItemReader`.
public struct ItemReader: Sendable {
    /// `Resource`, such as `arn:aws:states:::s3:getObject`.
    public var resource: String
    /// `Parameters` (JSONPath) or `Arguments` (JSONata): the bucket and key.
    public var parameters: Payload?
    /// `ReaderConfig` as written (InputType, CSVHeaderLocation, CSVHeaders, MaxItems, ...).
    public var readerConfig: JSONValue?
    /// `ReaderConfig` as read.
    public var config = ReaderConfig()

    /// Makes a reader description.
    public init(resource: String, parameters: Payload? = nil, readerConfig: JSONValue? = nil) {
        self.resource = resource
        self.parameters = parameters
        self.readerConfig = readerConfig
    }
}

/// A distributed Map's `ItemBatcher`.
public struct ItemBatcher: Sendable {
    /// `MaxItemsPerBatch` / `MaxItemsPerBatchPath`.
    public var maxItemsPerBatch: Dynamic<Int>?
    /// `MaxInputBytesPerBatch` / `MaxInputBytesPerBatchPath`.
    public var maxInputBytesPerBatch: Dynamic<Int>?
    /// `BatchInput`: fixed JSON added to every batch.
    public var batchInput: Payload?

    /// Makes a batcher description.
    public init(maxItemsPerBatch: Dynamic<Int>? = nil, maxInputBytesPerBatch: Dynamic<Int>? = nil, batchInput: Payload? = nil) {
        self.maxItemsPerBatch = maxItemsPerBatch
        self.maxInputBytesPerBatch = maxInputBytesPerBatch
        self.batchInput = batchInput
    }
}

/// A distributed Map's `ResultWriter`.
public struct ResultWriter: Sendable {
    /// `Resource`, such as `arn:aws:states:::s3:putObject`.
    public var resource: String?
    /// `Parameters` (JSONPath) or `Arguments` (JSONata): the bucket and prefix.
    public var parameters: Payload?
    /// `WriterConfig` as written.
    public var writerConfig: JSONValue?
    /// `WriterConfig` as read.
    public var config = WriterConfig()

    /// Makes a writer description.
    public init(resource: String? = nil, parameters: Payload? = nil, writerConfig: JSONValue? = nil) {
        self.resource = resource
        self.parameters = parameters
        self.writerConfig = writerConfig
    }
}
