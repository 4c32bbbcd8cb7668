import JSONValue

/// A Distributed Map's `ItemReader.ReaderConfig`, as "ItemReader (Map)" and "How Step Functions
/// parses input CSV files" describe it (docs/distributed-map.md, "Reading items").
public struct ReaderConfig: Sendable {
    /// `InputType`: what the object read by `s3:getObject` holds.
    public enum InputType: String, Sendable, CaseIterable {
        /// A JSON array.
        case json = "JSON"
        /// JSON Lines: one JSON value a line.
        case jsonl = "JSONL"
        /// A text delimited file, each record an object of strings named by the header.
        case csv = "CSV"
        /// An S3 inventory `manifest.json`, whose CSV files list the objects.
        case manifest = "MANIFEST"
    }

    /// `CSVHeaderLocation`.
    public enum HeaderLocation: String, Sendable {
        /// "the first line of the file is the header".
        case firstRow = "FIRST_ROW"
        /// The header is `CSVHeaders`.
        case given = "GIVEN"
    }

    /// `CSVDelimiter`, "defaults to COMMA".
    public enum Delimiter: String, Sendable, CaseIterable {
        case comma = "COMMA"
        case pipe = "PIPE"
        case semicolon = "SEMICOLON"
        case space = "SPACE"
        case tab = "TAB"

        /// The byte that separates fields.
        public var byte: UInt8 {
            switch self {
            case .comma: UInt8(ascii: ",")
            case .pipe: UInt8(ascii: "|")
            case .semicolon: UInt8(ascii: ";")
            case .space: UInt8(ascii: " ")
            case .tab: UInt8(ascii: "\t")
            }
        }
    }

    public var inputType: InputType?
    /// FIRST_ROW when not given (the CDK's default, `CsvHeaders` "with FIRST_ROW").
    public var headerLocation: HeaderLocation = .firstRow
    /// `CSVHeaders`, with `GIVEN`.
    public var headers: [String]?
    public var delimiter: Delimiter = .comma
    /// `MaxItems` / `MaxItemsPath`: read at most this many items.
    public var maxItems: Dynamic<Int>?

    public init(inputType: InputType? = nil) { self.inputType = inputType }
}

/// A Distributed Map's `ResultWriter.WriterConfig` ("ResultWriter (Map)").
public struct WriterConfig: Sendable {
    /// `Transformation`.
    public enum Transformation: String, Sendable, CaseIterable {
        /// Each child's execution record (ARN, input, output, status, dates): the default when
        /// exporting to Amazon S3.
        case none = "NONE"
        /// The children's outputs: the default without `ResultWriter`.
        case compact = "COMPACT"
        /// The outputs, arrays flattened into one array.
        case flatten = "FLATTEN"
    }

    /// `OutputType`.
    public enum OutputType: String, Sendable, CaseIterable {
        case json = "JSON"
        case jsonl = "JSONL"
    }

    public var transformation: Transformation?
    public var outputType: OutputType?

    public init(transformation: Transformation? = nil, outputType: OutputType? = nil) {
        self.transformation = transformation
        self.outputType = outputType
    }
}
