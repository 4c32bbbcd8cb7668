import JSONValue

/// A Distributed Map's `ItemReader`, `ItemBatcher` and `ResultWriter`, checked as "ItemReader
/// (Map)", "ItemBatcher (Map)" and "ResultWriter (Map)" describe them (docs/distributed-map.md).
/// What AWS would refuse is an error; what is valid but `host` does not run is `unsupported`.
extension DefinitionDecoder {
    /// The resources an ItemReader reads with.
    static let getObject = "arn:aws:states:::s3:getObject"
    static let listObjectsV2 = "arn:aws:states:::s3:listObjectsV2"
    /// The resource a ResultWriter writes with.
    static let putObject = "arn:aws:states:::s3:putObject"

    func decodeItemReader(_ value: JSONValue, at path: [JSONPathComponent], language: QueryLanguage) -> ItemReader? {
        guard let all = object(value, at: path, what: "Field 'ItemReader'") else { return nil }
        let fields = checkFields(all, allowed: FieldRules.itemReader, language: language, owner: "ItemReader")
        require(["Resource"], in: fields)
        let parametersKey = language == .jsonata ? "Arguments" : "Parameters"
        let parameters = payload(parametersKey, in: fields, language: language)
        var reader = ItemReader(resource: string("Resource", in: fields) ?? "", parameters: parameters, readerConfig: fields["ReaderConfig"])
        let known = [Self.getObject, Self.listObjectsV2]
        if fields.has("Resource"), !reader.resource.isEmpty, !known.contains(reader.resource) {
            error("The ItemReader's 'Resource' must be \(known.map { "'\($0)'" }.joined(separator: " or ")), not '\(reader.resource)'.", at: fields.at("Resource"))
        }
        if let request = fields[parametersKey]?.objectValue {
            checkReaderRequest(request, resource: reader.resource, at: fields.at(parametersKey))
        } else if !fields.has(parametersKey) && known.contains(reader.resource) {
            error("The field '\(parametersKey)' is required: it names the Bucket\(reader.resource == Self.getObject ? " and Key" : "").", at: fields.path)
        }
        if let config = fields["ReaderConfig"] {
            guard let configFields = object(config, at: fields.at("ReaderConfig"), what: "Field 'ReaderConfig'") else { return reader }
            reader.config = decodeReaderConfig(configFields, resource: reader.resource, language: language)
        } else if reader.resource == Self.getObject {
            error("An ItemReader with '\(Self.getObject)' needs 'ReaderConfig' with its 'InputType' (CSV, JSON, JSONL or MANIFEST).", at: fields.path)
        }
        return reader
    }

    /// The S3 request of the reader: GetObject's `Bucket` and `Key`, ListObjectsV2's `Bucket`
    /// and `Prefix`. Other members of those APIs are not run by host's buckets.
    private func checkReaderRequest(_ request: JSONObject, resource: String, at path: [JSONPathComponent]) {
        let names = Set(request.keys.map { $0.hasSuffix(".$") ? String($0.dropLast(2)) : $0 })
        let wanted = resource == Self.getObject ? ["Bucket", "Key"] : ["Bucket"]
        for name in wanted where !names.contains(name) { error("The field '\(name)' is required.", at: path) }
        let allowed: Set<String> = resource == Self.getObject ? ["Bucket", "Key"] : ["Bucket", "Prefix"]
        for key in request.keys {
            let name = key.hasSuffix(".$") ? String(key.dropLast(2)) : key
            guard !allowed.contains(name) else { continue }
            unsupported("host's buckets keep no versions and take only \(allowed.sorted().joined(separator: " and ")) here; it does not run '\(name)'.", at: path + [.key(key)], atKey: true)
        }
    }

    private func decodeReaderConfig(_ fields: ObjectFields, resource: String, language: QueryLanguage) -> ReaderConfig {
        var config = ReaderConfig()
        let known: Set<String> = ["InputType", "CSVHeaderLocation", "CSVHeaders", "CSVDelimiter", "MaxItems", "MaxItemsPath"]
        for key in fields.members.keys where !known.contains(key) {
            if ["Transformation", "ItemsPointer", "ManifestType"].contains(key) {
                unsupported("host does not run ReaderConfig's '\(key)' yet.", at: fields.at(key), atKey: true)
            } else {
                error("The field '\(key)' is not supported by Step Functions.\(Suggestion.didYouMean(key, among: Array(known)))", at: fields.at(key), atKey: true)
            }
        }
        if let text = string("InputType", in: fields) {
            if let type = ReaderConfig.InputType(rawValue: text) {
                config.inputType = type
            } else if text == "PARQUET" {
                unsupported("host does not read PARQUET files; it reads CSV, JSON, JSONL and MANIFEST.", at: fields.at("InputType"))
            } else {
                error("Field 'InputType' must be one of CSV, JSON, JSONL, PARQUET, MANIFEST, not '\(text)'.", at: fields.at("InputType"))
            }
        }
        if resource == Self.getObject, !fields.has("InputType") {
            error("These fields are required: [InputType].", at: fields.path)
        }
        if resource == Self.listObjectsV2, fields.has("InputType") {
            error("'InputType' says what an object read with s3:getObject holds; s3:listObjectsV2 reads a listing.", at: fields.at("InputType"), atKey: true)
        }
        let isCSV = config.inputType == .csv
        for key in ["CSVHeaderLocation", "CSVHeaders", "CSVDelimiter"] where fields.has(key) && !isCSV && fields.has("InputType") {
            error("Field '\(key)' applies only to 'InputType' CSV.", at: fields.at(key), atKey: true)
        }
        if let text = string("CSVHeaderLocation", in: fields) {
            if let location = ReaderConfig.HeaderLocation(rawValue: text) { config.headerLocation = location } else {
                error("Field 'CSVHeaderLocation' must be FIRST_ROW or GIVEN, not '\(text)'.", at: fields.at("CSVHeaderLocation"))
            }
        }
        if let headers = nonEmptyArray("CSVHeaders", in: fields, of: "strings") {
            let names = headers.compactMap(\.stringValue)
            if names.count != headers.count {
                error("Field 'CSVHeaders' must be a non-empty array of strings.", at: fields.at("CSVHeaders"))
            }
            config.headers = names
        }
        if config.headerLocation == .given, isCSV, !fields.has("CSVHeaders") {
            error("'CSVHeaderLocation' GIVEN needs 'CSVHeaders'.", at: fields.at("CSVHeaderLocation"))
        }
        if config.headerLocation == .firstRow, fields.has("CSVHeaders") {
            error("'CSVHeaders' is read only with 'CSVHeaderLocation' GIVEN.", at: fields.at("CSVHeaders"), atKey: true)
        }
        if let text = string("CSVDelimiter", in: fields) {
            if let delimiter = ReaderConfig.Delimiter(rawValue: text) { config.delimiter = delimiter } else {
                let names = ReaderConfig.Delimiter.allCases.map(\.rawValue).joined(separator: ", ")
                error("Field 'CSVDelimiter' must be one of \(names), not '\(text)'.", at: fields.at("CSVDelimiter"))
            }
        }
        if language == .jsonata, fields.has("MaxItemsPath") {
            error("Field 'MaxItemsPath' is for JSONPath states; in JSONata give 'MaxItems' an expression.", at: fields.at("MaxItemsPath"), atKey: true)
        }
        config.maxItems = dynamicInt("MaxItems", pathKey: "MaxItemsPath", in: fields, range: 1...100_000_000, language: language)
        return config
    }

    func decodeItemBatcher(_ value: JSONValue, at path: [JSONPathComponent], language: QueryLanguage) -> ItemBatcher? {
        guard let all = object(value, at: path, what: "Field 'ItemBatcher'") else { return nil }
        let fields = checkFields(all, allowed: FieldRules.itemBatcher, language: language, owner: "ItemBatcher")
        // "You must specify one of these values to batch items."
        let limits = ["MaxItemsPerBatch", "MaxItemsPerBatchPath", "MaxInputBytesPerBatch", "MaxInputBytesPerBatchPath"]
        if !limits.contains(where: fields.has) {
            error("An ItemBatcher needs 'MaxItemsPerBatch' or 'MaxInputBytesPerBatch' (or their ...Path).", at: fields.path)
        }
        return ItemBatcher(
            maxItemsPerBatch: dynamicInt("MaxItemsPerBatch", pathKey: "MaxItemsPerBatchPath", in: fields, range: 1...Int.max, language: language),
            // "Specifies the maximum size of a batch in bytes, up to 256 KiB."
            maxInputBytesPerBatch: dynamicInt("MaxInputBytesPerBatch", pathKey: "MaxInputBytesPerBatchPath", in: fields, range: 1...262_144, language: language),
            // "Batch input: ... a fixed JSON input to include in each batch": any JSON.
            batchInput: payload("BatchInput", in: fields, language: language, object: false))
    }

    func decodeResultWriter(_ value: JSONValue, at path: [JSONPathComponent], language: QueryLanguage) -> ResultWriter? {
        guard let all = object(value, at: path, what: "Field 'ResultWriter'") else { return nil }
        let fields = checkFields(all, allowed: FieldRules.resultWriter, language: language, owner: "ResultWriter")
        let parametersKey = language == .jsonata ? "Arguments" : "Parameters"
        let parameters = payload(parametersKey, in: fields, language: language)
        var writer = ResultWriter(resource: string("Resource", in: fields), parameters: parameters, writerConfig: fields["WriterConfig"])
        // "You must specify one of these sets of sub-fields": WriterConfig; Resource and
        // Parameters; or all three.
        if fields.has("Resource") != fields.has(parametersKey) {
            error("A ResultWriter gives 'Resource' and '\(parametersKey)' together (the bucket and prefix to write to).", at: fields.path)
        } else if !fields.has("Resource") && !fields.has("WriterConfig") {
            error("A ResultWriter needs 'WriterConfig', or 'Resource' and '\(parametersKey)', or all three.", at: fields.path)
        }
        if let resource = writer.resource, resource != Self.putObject {
            error("The ResultWriter's 'Resource' must be '\(Self.putObject)', not '\(resource)'.", at: fields.at("Resource"))
        }
        if let request = fields[parametersKey]?.objectValue {
            let names = Set(request.keys.map { $0.hasSuffix(".$") ? String($0.dropLast(2)) : $0 })
            if !names.contains("Bucket") { error("The field 'Bucket' is required.", at: fields.at(parametersKey)) }
            for key in request.keys where !["Bucket", "Prefix"].contains(key.hasSuffix(".$") ? String(key.dropLast(2)) : key) {
                error("The field '\(key)' is not supported by Step Functions; a ResultWriter takes 'Bucket' and 'Prefix'.", at: fields.at(parametersKey) + [.key(key)], atKey: true)
            }
        }
        if let config = fields["WriterConfig"], let configFields = object(config, at: fields.at("WriterConfig"), what: "Field 'WriterConfig'") {
            for key in configFields.members.keys where !["Transformation", "OutputType"].contains(key) {
                error("The field '\(key)' is not supported by Step Functions.", at: configFields.at(key), atKey: true)
            }
            if let text = string("Transformation", in: configFields) {
                writer.config.transformation = WriterConfig.Transformation(rawValue: text)
                if writer.config.transformation == nil {
                    error("Field 'Transformation' must be NONE, COMPACT or FLATTEN, not '\(text)'.", at: configFields.at("Transformation"))
                }
            }
            if let text = string("OutputType", in: configFields) {
                writer.config.outputType = WriterConfig.OutputType(rawValue: text)
                if writer.config.outputType == nil {
                    error("Field 'OutputType' must be JSON or JSONL, not '\(text)'.", at: configFields.at("OutputType"))
                } else if writer.config.outputType == .jsonl {
                    // Unsure how AWS names JSONL result files and what the state output is then.
                    unsupported("host writes results as JSON only; it does not run 'OutputType' JSONL yet.", at: configFields.at("OutputType"))
                }
            }
        }
        return writer
    }
}
