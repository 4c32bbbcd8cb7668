import JSONValue

extension DefinitionDecoder {
    /// A Map state's own fields, inline or distributed, with the legacy spellings.
    func decodeMap(_ fields: ObjectFields, language: QueryLanguage) -> MapState {
        // "The ItemProcessor field replaces the Iterator field" (and ItemSelector replaces
        // Parameters): a Map uses one name of each pair, never both.
        exclusive(["ItemProcessor", "Iterator"], in: fields, message: "Only one of 'ItemProcessor' and 'Iterator' can be given; 'ItemProcessor' replaces the deprecated 'Iterator'.")
        exclusive(["ItemSelector", "Parameters"], in: fields, message: "Only one of 'ItemSelector' and 'Parameters' can be given; 'ItemSelector' replaces 'Parameters' in a Map state.")
        let processorKey = fields.has("ItemProcessor") || !fields.has("Iterator") ? "ItemProcessor" : "Iterator"
        if !fields.has("ItemProcessor") && !fields.has("Iterator") { require(["ItemProcessor"], in: fields) }
        let processor = fields[processorKey].flatMap { decodeMachine($0, at: fields.at(processorKey), kind: .itemProcessor) }
        var map = MapState(itemProcessor: processor ?? StateMachine(startAt: "", states: []))
        map.usesIterator = processorKey == "Iterator"

        // "ItemsPath ... MUST be a Reference Path"; unlike InputPath it cannot be null.
        map.itemsPath = pathField("ItemsPath", in: fields, rule: .reference, nullable: false)
        if let items = fields["Items"] {
            if items.arrayValue == nil && items.stringValue?.isJSONataExpression != true {
                error("Field 'Items' must be an array or a JSONata expression, not \(Self.describe(items)).", at: fields.at("Items"))
            }
            map.items = items
        }
        let selectorKey = fields.has("ItemSelector") ? "ItemSelector" : "Parameters"
        map.itemSelector = payload(selectorKey, in: fields, language: language)
        map.itemReader = fields["ItemReader"].flatMap { decodeItemReader($0, at: fields.at("ItemReader"), language: language) }
        if map.itemReader != nil {
            // host reads the whole object as the items; AWS's ReaderConfig.ItemsPointer is the
            // documented way to point into a JSON object.
            for key in ["ItemsPath", "Items"] where fields.has(key) {
                unsupported("host takes a Distributed Map's items from its 'ItemReader' as read, without '\(key)'.", at: fields.at(key), atKey: true)
            }
        }
        map.itemBatcher = fields["ItemBatcher"].flatMap { decodeItemBatcher($0, at: fields.at("ItemBatcher"), language: language) }
        map.resultWriter = fields["ResultWriter"].flatMap { decodeResultWriter($0, at: fields.at("ResultWriter"), language: language) }
        // "MaxConcurrency ... MUST be a non-negative integer"; 0 means no limit.
        map.maxConcurrency = dynamicInt("MaxConcurrency", pathKey: "MaxConcurrencyPath", in: fields, range: 0...Int.max, language: language)
        map.toleratedFailureCount = dynamicInt("ToleratedFailureCount", pathKey: "ToleratedFailureCountPath", in: fields, range: 0...Int.max, language: language)
        // "ToleratedFailurePercentage must be between 0 and 100."
        map.toleratedFailurePercentage = dynamicNumber(
            "ToleratedFailurePercentage", pathKey: "ToleratedFailurePercentagePath", in: fields, range: 0...100, language: language)
        if let label = string("Label", in: fields) {
            // "Label: ... up to 40 characters".
            if label.unicodeScalars.count > 40 { error("Field 'Label' can have at most 40 characters.", at: fields.at("Label")) }
            map.label = label
        }
        return map
    }
}
