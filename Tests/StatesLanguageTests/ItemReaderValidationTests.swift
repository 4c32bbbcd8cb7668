import JSONValue
import StatesLanguage
import XCTest

/// `host validate` of a Distributed Map's ItemReader, ItemBatcher and ResultWriter: what AWS's
/// "ItemReader (Map)", "ItemBatcher (Map)" and "ResultWriter (Map)" allow decodes; what they
/// do not is an error at its line and column; what host does not run is `unsupported` there.
final class ItemReaderValidationTests: XCTestCase {
    /// The Map state S around `fields` (each on its own line from line 5 on).
    private func map(_ fields: String, language: String = "") -> String {
        machine("""
            "Type": "Map", "End": true,
            \(fields)
            "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
              "StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}
            """, topLevel: language)
    }

    /// "ItemReader (Map)"'s CSV example, with GIVEN headers and each delimiter, decodes typed.
    func testTheDocumentedReaderConfigDecodes() throws {
        let decoded = try XCTUnwrap(decodeValid(map("""
            "ItemReader": {"Resource": "arn:aws:states:::s3:getObject",
              "ReaderConfig": {"InputType": "CSV", "CSVHeaderLocation": "GIVEN", "CSVHeaders": ["a", "b"], "CSVDelimiter": "PIPE", "MaxItems": 5},
              "Parameters": {"Bucket": "amzn-s3-demo-bucket", "Key": "csvDataset/ratings.csv"}},
            """)))
        guard case .map(let state) = decoded["S"]?.kind, let config = state.itemReader?.config else { return XCTFail("no ItemReader") }
        XCTAssertEqual(config.inputType, .csv)
        XCTAssertEqual(config.headerLocation, .given)
        XCTAssertEqual(config.headers, ["a", "b"])
        XCTAssertEqual(config.delimiter.byte, UInt8(ascii: "|"))
        XCTAssertEqual(config.maxItems?.value, 5)
    }

    func testAnUnknownResourceIsLocated() {
        assertOne(diagnostics(of: map("""
            "ItemReader": {"Resource": "arn:aws:states:::s3:getObjects", "ReaderConfig": {"InputType": "JSON"},
              "Parameters": {"Bucket": "b", "Key": "k"}},
            """)), 5, 28, "must be 'arn:aws:states:::s3:getObject' or 'arn:aws:states:::s3:listObjectsV2'", path: "$.States.S.ItemReader.Resource")
    }

    /// getObject must say what the object holds.
    func testGetObjectNeedsAnInputType() {
        assertOne(diagnostics(of: map("""
            "ItemReader": {"Resource": "arn:aws:states:::s3:getObject", "Parameters": {"Bucket": "b", "Key": "k"}},
            """)), 5, 15, "needs 'ReaderConfig' with its 'InputType'")
        assertOne(diagnostics(of: map("""
            "ItemReader": {"Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": {"MaxItems": 2},
              "Parameters": {"Bucket": "b", "Key": "k"}},
            """)), 5, 77, "These fields are required: [InputType].")
    }

    func testMaxItemsMustBeAPositiveInteger() {
        assertOne(diagnostics(of: map("""
            "ItemReader": {"Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": {"InputType": "JSON", "MaxItems": 0},
              "Parameters": {"Bucket": "b", "Key": "k"}},
            """)), 5, 111, "Field 'MaxItems' must be")
        assertOne(diagnostics(of: map("""
            "ItemReader": {"Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": {"InputType": "JSON", "MaxItems": "3"},
              "Parameters": {"Bucket": "b", "Key": "k"}},
            """)), 5, 111, "Field 'MaxItems' must be")
    }

    func testCSVHeadersGoWithGiven() {
        assertOne(diagnostics(of: map("""
            "ItemReader": {"Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": {"InputType": "CSV", "CSVHeaderLocation": "GIVEN"},
              "Parameters": {"Bucket": "b", "Key": "k"}},
            """)), 5, 119, "GIVEN needs 'CSVHeaders'")
        assertOne(diagnostics(of: map("""
            "ItemReader": {"Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": {"InputType": "CSV", "CSVDelimiter": "COLON"},
              "Parameters": {"Bucket": "b", "Key": "k"}},
            """)), 5, 114, "Field 'CSVDelimiter' must be one of COMMA, PIPE, SEMICOLON, SPACE, TAB")
    }

    /// What host does not run is unsupported at its place, not ignored.
    func testWhatHostDoesNotReadIsUnsupported() throws {
        let decoded = try XCTUnwrap(decodeValid(map("""
            "ItemReader": {"Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": {"InputType": "PARQUET"},
              "Parameters": {"Bucket": "b", "Key": "k", "VersionId": "v1"}},
            """)))
        XCTAssertEqual(decoded.unsupported.map(\.pathDescription), ["$.States.S.ItemReader.ReaderConfig.InputType", "$.States.S.ItemReader.Parameters.VersionId"])
        XCTAssertEqual(decoded.unsupported.map(\.location), [SourceLocation(line: 5, column: 91), SourceLocation(line: 6, column: 45)])
    }

    /// "You must specify one of these values to batch items."
    func testAnItemBatcherNeedsALimit() {
        assertOne(diagnostics(of: map("""
            "ItemBatcher": {"BatchInput": {"a": 1}},
            """)), 5, 16, "needs 'MaxItemsPerBatch' or 'MaxInputBytesPerBatch'")
        assertOne(diagnostics(of: map("""
            "ItemBatcher": {"MaxInputBytesPerBatch": 262145},
            """)), 5, 42, "Field 'MaxInputBytesPerBatch' must be")
    }

    /// "You must specify one of these sets of sub-fields": WriterConfig, or Resource and Parameters.
    func testAResultWriterNeedsItsParts() {
        assertOne(diagnostics(of: map("""
            "ResultWriter": {"Resource": "arn:aws:states:::s3:putObject"},
            """)), 5, 17, "gives 'Resource' and 'Parameters' together")
        assertOne(diagnostics(of: map("""
            "ResultWriter": {"Resource": "arn:aws:states:::s3:getObject", "Parameters": {"Bucket": "b"}},
            """)), 5, 30, "must be 'arn:aws:states:::s3:putObject'")
        assertOne(diagnostics(of: map("""
            "ResultWriter": {"WriterConfig": {"Transformation": "SQUASH"}},
            """)), 5, 53, "Field 'Transformation' must be NONE, COMPACT or FLATTEN")
    }

    /// The three fields belong to a Distributed Map.
    func testAnInlineMapHasNoItemReader() {
        let found = diagnostics(of: machine("""
            "Type": "Map", "End": true,
            "ItemBatcher": {"MaxItemsPerBatch": 2},
            "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}
            """))
        assertOne(found, 5, 1, "'ItemBatcher' is a field of a Distributed Map")
    }
}
