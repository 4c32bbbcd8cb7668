import Clocks
import Engine
import Foundation
import JSONValue
import StatesLanguage
import Synchronization
import XCTest

/// A Distributed Map's ItemReader, ItemBatcher and ResultWriter over buckets kept in memory
/// (docs/distributed-map.md). Expected values come from AWS's "ItemReader (Map)", "How Step
/// Functions parses input CSV files", "ItemBatcher (Map)" and "ResultWriter (Map)", worked by
/// hand from their rules and examples.
final class ItemReaderTests: XCTestCase {
    private let buckets = MemoryBuckets()

    private func run(_ definition: String, input: JSONValue = [:]) async throws -> ExecutionResult {
        let machine = try StateMachine.parse(definition).get()
        let execution = Execution(machine: machine, identity: ExecutionIdentity(machineName: "M", executionName: "e"), input: input,
                                  clock: VirtualClock(start: Date(timeIntervalSince1970: 1_700_000_000)), invoker: NoFunctions(),
                                  integrations: BucketsOnly(buckets: buckets))
        return await execution.run()
    }

    /// A Distributed Map with `fields`, whose children pass their input on, or fail when it
    /// is `{"fail": ...}`.
    private func machine(_ fields: String, language: String = "JSONPath") -> String {
        """
        {"QueryLanguage": "\(language)", "StartAt": "Map", "States": {"Map": {"Type": "Map", "Label": "Run", \(fields),
          "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
            "StartAt": "Check", "States": {
              "Check": {"Type": "Choice", "Choices": [{"Variable": "$.fail", "IsPresent": true, "Next": "Fail"}], "Default": "Done"},
              "Fail": {"Type": "Fail", "Error": "ItemFailed", "Cause": "the item said so"},
              "Done": {"Type": "Pass", "End": true}}},
          "End": true}}}
        """
    }

    private func reader(_ config: String, key: String = "data", resource: String = "getObject") -> String {
        #""ItemReader": {"Resource": "arn:aws:states:::s3:\#(resource)", "ReaderConfig": {\#(config)}, "Parameters": {"Bucket": "in", "Key": "\#(key)"}}"#
    }

    /// "How Step Functions parses input CSV files": its example row, with GIVEN headers; a
    /// quoted field keeps commas, doubled quotes and a newline, and every field is a string.
    func testCSVWithGivenHeadersParsesTheDocumentedExample() async throws {
        buckets.put("in", "data", "abc,123,\"This string contains commas, a double quotation marks (\"\"), and a newline (\n)\",{\"\"MyKey\"\":\"\"MyValue\"\"},\"[1,2,3]\"\n")
        let result = try await run(machine(reader(#""InputType": "CSV", "CSVHeaderLocation": "GIVEN", "CSVHeaders": ["MyLetters", "MyNumbers", "MyString", "MyObject", "MyArray"]"#)))
        XCTAssertEqual(result.status, .succeeded, result.cause ?? "")
        XCTAssertEqual(result.output, [[
            "MyLetters": "abc", "MyNumbers": "123",
            "MyString": "This string contains commas, a double quotation marks (\"), and a newline (\n)",
            "MyObject": #"{"MyKey":"MyValue"}"#, "MyArray": "[1,2,3]",
        ]])
    }

    /// FIRST_ROW: the header names the fields; a short row gets empty strings, a long one
    /// loses its extra fields; backslashes escape backslashes ("C:\\Program Files\\MyApp.exe"),
    /// and CRLF ends a record as LF does.
    func testCSVWithTheHeaderInTheFirstRow() async throws {
        buckets.put("in", "data", "path,size\r\nC:\\\\Program Files\\\\MyApp.exe,6534512\r\nshort\r\nlong,1,extra\r\n")
        let result = try await run(machine(reader(#""InputType": "CSV", "CSVHeaderLocation": "FIRST_ROW""#)))
        XCTAssertEqual(result.output, [
            ["path": #"C:\Program Files\MyApp.exe"#, "size": "6534512"],
            ["path": "short", "size": ""],
            ["path": "long", "size": "1"],
        ])
    }

    /// `CSVDelimiter` names the separator; MaxItems reads only the first items.
    func testCSVDelimiterAndMaxItems() async throws {
        buckets.put("in", "data", "a|b\n1|x,y\n2|z\n3|w\n")
        let result = try await run(machine(reader(#""InputType": "CSV", "CSVDelimiter": "PIPE", "MaxItems": 2"#)))
        XCTAssertEqual(result.output, [["a": "1", "b": "x,y"], ["a": "2", "b": "z"]])
        let byPath = try await run(machine(reader(#""InputType": "CSV", "CSVDelimiter": "PIPE", "MaxItemsPath": "$.limit""#)), input: ["limit": 1])
        XCTAssertEqual(byPath.output, [["a": "1", "b": "x,y"]])
    }

    /// JSON: the object is an array of items ("ItemBatcher (Map)"'s example file); JSONL:
    /// one item a line.
    func testJSONAndJSONLines() async throws {
        buckets.put("in", "data", #"[{"verdict": "true", "statement_date": "6/11/2008", "statement_source": "speech"}, {"verdict": "false", "statement_date": "6/7/2022", "statement_source": "television"}]"#)
        let json = try await run(machine(reader(#""InputType": "JSON""#)))
        XCTAssertEqual(json.output, [["verdict": "true", "statement_date": "6/11/2008", "statement_source": "speech"],
                                     ["verdict": "false", "statement_date": "6/7/2022", "statement_source": "television"]])
        buckets.put("in", "lines", "{\"a\": 1}\n\n[2]\n\"three\"\n")
        let lines = try await run(machine(reader(#""InputType": "JSONL""#, key: "lines")))
        XCTAssertEqual(lines.output, [["a": 1], [2], "three"])
    }

    /// listObjectsV2: each object under the prefix, as "ItemReader (Map)" shows one: Etag,
    /// Key, LastModified in epoch seconds, Size, StorageClass.
    func testListObjectsGivesEachObject() async throws {
        buckets.put("in", "images/b.jpg", "12345", modified: Date(timeIntervalSince1970: 1_668_699_881))
        buckets.put("in", "images/a.jpg", "1", modified: Date(timeIntervalSince1970: 1_668_699_000))
        buckets.put("in", "other.txt", "x")
        let result = try await run(machine(#""ItemReader": {"Resource": "arn:aws:states:::s3:listObjectsV2", "Parameters": {"Bucket": "in", "Prefix": "images/"}}"#))
        XCTAssertEqual(result.output, [
            ["Etag": "\"etag-of-images/a.jpg\"", "Key": "images/a.jpg", "LastModified": 1_668_699_000, "Size": 1, "StorageClass": "STANDARD"],
            ["Etag": "\"etag-of-images/b.jpg\"", "Key": "images/b.jpg", "LastModified": 1_668_699_881, "Size": 5, "StorageClass": "STANDARD"],
        ])
    }

    /// MANIFEST: an S3 inventory manifest's CSV files, their columns named by `fileSchema`.
    func testAnInventoryManifestListsItsFilesRows() async throws {
        buckets.put("inv", "data/1.csv", "in,a.txt,10\nin,b.txt,20\n")
        buckets.put("in", "manifest.json", #"{"sourceBucket": "in", "destinationBucket": "arn:aws:s3:::inv", "version": "2016-11-30", "fileFormat": "CSV", "fileSchema": "Bucket, Key, Size", "files": [{"key": "data/1.csv", "size": 24, "MD5checksum": "x"}]}"#)
        let result = try await run(machine(reader(#""InputType": "MANIFEST""#, key: "manifest.json")))
        XCTAssertEqual(result.output, [["Bucket": "in", "Key": "a.txt", "Size": "10"], ["Bucket": "in", "Key": "b.txt", "Size": "20"]])
        // Inventory files are gzip-compressed on S3; host does not read them so and says why.
        buckets.put("inv", "data/1.csv", bytes: Data([0x1f, 0x8b, 0x08, 0x00]))
        let zipped = try await run(machine(reader(#""InputType": "MANIFEST""#, key: "manifest.json")))
        XCTAssertEqual(zipped.error, "States.ItemReaderFailed")
        XCTAssertTrue(zipped.cause?.contains("gzip") == true, zipped.cause ?? "")
    }

    /// A missing object, a missing bucket, or an object that is not what InputType says fails
    /// the Map Run with States.ItemReaderFailed: MapRunStarted, then MapRunFailed.
    func testWhatCannotBeReadFailsTheMapRun() async throws {
        buckets.put("in", "notarray", #"{"a": 1}"#)
        buckets.put("in", "badcsv", "a,b\n\"open,1\n")
        for (config, key, cause) in [(#""InputType": "JSON""#, "missing", "The specified key does not exist."),
                                     (#""InputType": "JSON""#, "notarray", "not a JSON array"),
                                     (#""InputType": "CSV""#, "badcsv", "line 2 has a double quotation mark that is never closed")] {
            let result = try await run(machine(reader(config, key: key)))
            XCTAssertEqual(result.error, "States.ItemReaderFailed", key)
            XCTAssertTrue(result.cause?.contains(cause) == true, result.cause ?? "")
            XCTAssertEqual(result.history.map(\.type), [.executionStarted, .mapStateEntered, .mapStateStarted, .mapRunStarted,
                                                        .mapRunFailed, .mapStateFailed, .executionFailed])
        }
        let noBucket = try await run(machine(#""ItemReader": {"Resource": "arn:aws:states:::s3:listObjectsV2", "Parameters": {"Bucket": "gone"}}"#))
        XCTAssertEqual(noBucket.error, "States.ItemReaderFailed")
        XCTAssertTrue(noBucket.cause?.contains("The specified bucket does not exist") == true, noBucket.cause ?? "")
    }

    /// "ItemBatcher (Map)": 1130 items, 100 a batch, make 12 batches, the last of 30; each
    /// child gets {"BatchInput": ..., "Items": [...]}.
    func testBatchesByCount() async throws {
        buckets.put("in", "data", "n\n" + (0..<1130).map(String.init).joined(separator: "\n"))
        let result = try await run(machine(reader(#""InputType": "CSV""#) + #", "ItemBatcher": {"MaxItemsPerBatch": 100, "BatchInput": {"factCheck": "December 2022"}}"#))
        let batches = try XCTUnwrap(result.output?.arrayValue)
        XCTAssertEqual(batches.count, 12)
        XCTAssertEqual(batches.map { $0["Items"]?.arrayValue?.count }, Array(repeating: 100, count: 11) + [30])
        XCTAssertEqual(batches.first?["BatchInput"], ["factCheck": "December 2022"])
        XCTAssertEqual(batches.last?["Items"]?.arrayValue?.last, ["n": "1129"])
    }

    /// MaxInputBytesPerBatch: `{"Items":[` and `]}` are 12 bytes, each item `{"n":"0"}` 9 and a
    /// comma between; 40 bytes hold 12 + 9 + 1 + 9 = 31, not a third item (41).
    func testBatchesByBytes() async throws {
        buckets.put("in", "data", "n\n0\n1\n2\n3\n4\n")
        let result = try await run(machine(reader(#""InputType": "CSV""#) + #", "ItemBatcher": {"MaxInputBytesPerBatch": 40}"#))
        XCTAssertEqual(result.output?.arrayValue?.map { $0["Items"]?.arrayValue?.count }, [2, 2, 1])
        XCTAssertEqual(result.output?.arrayValue?.first?.compactString().utf8.count, 31)
    }

    /// "ResultWriter (Map)": the output names the Map Run and the manifest,
    /// `<Prefix>/<Map Run id>/manifest.json`; SUCCEEDED_0.json holds the succeeded children's
    /// executions (Transformation NONE), FAILED_0.json the failed ones with Error and Cause.
    func testResultWriterWritesTheManifestAndTheResultFiles() async throws {
        buckets.put("in", "data", #"[{"ok": 1}, {"fail": true}, {"ok": 3}]"#)
        buckets.makeBucket("out")
        let result = try await run(machine(reader(#""InputType": "JSON""#) + #", "ToleratedFailureCount": 1, "ResultWriter": {"Resource": "arn:aws:states:::s3:putObject", "Parameters": {"Bucket": "out", "Prefix": "csvProcessJobs"}}"#))
        XCTAssertEqual(result.status, .succeeded, result.cause ?? "")
        let mapRunArn = try XCTUnwrap(result.output?["MapRunArn"]?.stringValue)
        XCTAssertTrue(mapRunArn.hasPrefix("arn:aws:states:us-east-1:123456789012:mapRun:M/Run:"), mapRunArn)
        let id = try XCTUnwrap(mapRunArn.split(separator: ":").last.map(String.init))
        XCTAssertEqual(result.output, ["MapRunArn": .string(mapRunArn),
                                       "ResultWriterDetails": ["Bucket": "out", "Key": .string("csvProcessJobs/\(id)/manifest.json")]])
        let manifest = try JSONValue.parse(try XCTUnwrap(buckets.text("out", "csvProcessJobs/\(id)/manifest.json")))
        let succeededText = try XCTUnwrap(buckets.text("out", "csvProcessJobs/\(id)/SUCCEEDED_0.json"))
        let failedText = try XCTUnwrap(buckets.text("out", "csvProcessJobs/\(id)/FAILED_0.json"))
        XCTAssertEqual(manifest, ["DestinationBucket": "out", "MapRunArn": .string(mapRunArn), "ResultFiles": [
            "FAILED": [["Key": .string("csvProcessJobs/\(id)/FAILED_0.json"), "Size": .int(Int64(failedText.utf8.count))]],
            "PENDING": [],
            "SUCCEEDED": [["Key": .string("csvProcessJobs/\(id)/SUCCEEDED_0.json"), "Size": .int(Int64(succeededText.utf8.count))]],
        ]])
        XCTAssertNil(buckets.text("out", "csvProcessJobs/\(id)/PENDING_0.json"))
        let succeeded = try XCTUnwrap(JSONValue.parse(succeededText).arrayValue)
        XCTAssertEqual(succeeded.map { $0["Output"] }, [#"{"ok":1}"#, #"{"ok":3}"#])
        XCTAssertEqual(succeeded.map { $0["Input"] }, [#"{"ok":1}"#, #"{"ok":3}"#])
        for entry in succeeded {
            XCTAssertEqual(entry["Status"], "SUCCEEDED")
            XCTAssertEqual(entry["InputDetails"], ["Included": true])
            XCTAssertEqual(entry["StateMachineArn"], "arn:aws:states:us-east-1:123456789012:stateMachine:M/Run")
            XCTAssertEqual(entry["RedriveStatusReason"], "Execution is SUCCEEDED and cannot be redriven")
            XCTAssertEqual(entry["ExecutionArn"]?.stringValue, "arn:aws:states:us-east-1:123456789012:execution:M/Run:" + (entry["Name"]?.stringValue ?? "?"))
        }
        let failed = try XCTUnwrap(JSONValue.parse(failedText).arrayValue)
        XCTAssertEqual(failed.count, 1)
        XCTAssertEqual(failed.first?["Error"], "ItemFailed")
        XCTAssertEqual(failed.first?["Cause"], "the item said so")
        XCTAssertEqual(failed.first?["Status"], "FAILED")
        XCTAssertNil(failed.first?["Output"])
    }

    /// WriterConfig alone formats the state output: COMPACT gives the outputs, FLATTEN
    /// flattens the arrays children return ("ResultWriter (Map)"'s Transformation examples).
    func testWriterConfigAloneFormatsTheOutput() async throws {
        buckets.put("in", "data", #"[[{"customer_id": "145538", "order_id": "100000"}, {"customer_id": "898037", "order_id": "100001"}], [{"customer_id": "169881", "order_id": "100005"}]]"#)
        let flat = try await run(machine(reader(#""InputType": "JSON""#) + #", "ResultWriter": {"WriterConfig": {"Transformation": "FLATTEN", "OutputType": "JSON"}}"#))
        XCTAssertEqual(flat.output, [["customer_id": "145538", "order_id": "100000"], ["customer_id": "898037", "order_id": "100001"],
                                     ["customer_id": "169881", "order_id": "100005"]])
        let compact = try await run(machine(reader(#""InputType": "JSON""#) + #", "ResultWriter": {"WriterConfig": {"Transformation": "COMPACT"}}"#))
        XCTAssertEqual(compact.output?.arrayValue?.map { $0.arrayValue?.count }, [2, 1])
    }

    /// A write that fails fails the Map Run with States.ResultWriterFailed.
    func testAFailedWriteIsResultWriterFailed() async throws {
        buckets.put("in", "data", "[1]")
        let result = try await run(machine(reader(#""InputType": "JSON""#) + #", "ResultWriter": {"Resource": "arn:aws:states:::s3:putObject", "Parameters": {"Bucket": "nowhere", "Prefix": "p"}}"#))
        XCTAssertEqual(result.error, "States.ResultWriterFailed")
        XCTAssertTrue(result.cause?.contains("The specified bucket does not exist") == true, result.cause ?? "")
        XCTAssertEqual(result.history.suffix(3).map(\.type), [.mapRunFailed, .mapStateFailed, .executionFailed])
    }

    /// JSONata states give the request in Arguments, with expressions.
    func testJSONataArguments() async throws {
        buckets.put("in", "k2", "[7, 8]")
        let result = try await run(machine(#""ItemReader": {"Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": {"InputType": "JSON", "MaxItems": "{% $states.input.n %}"}, "Arguments": {"Bucket": "in", "Key": "{% 'k' & $string($states.input.n + 1) %}"}}"#, language: "JSONata")
            .replacingOccurrences(of: #""Variable": "$.fail", "IsPresent": true,"#, with: #""Condition": "{% $exists($states.input.fail) %}","#),
            input: ["n": 1])
        XCTAssertEqual(result.status, .succeeded, result.cause ?? "")
        XCTAssertEqual(result.output, [7])
    }
}

/// Buckets in memory: an object's ETag is `"etag-of-<key>"`, so that a test can say it.
final class MemoryBuckets: MapRunBuckets {
    private let objects = Mutex<[String: [String: (Data, Date)]]>([:])

    func put(_ bucket: String, _ key: String, _ text: String, modified: Date = Date(timeIntervalSince1970: 0)) {
        put(bucket, key, bytes: Data(text.utf8), modified: modified)
    }

    func put(_ bucket: String, _ key: String, bytes: Data, modified: Date = Date(timeIntervalSince1970: 0)) {
        objects.withLock { $0[bucket, default: [:]][key] = (bytes, modified) }
    }

    func makeBucket(_ bucket: String) {
        objects.withLock { if $0[bucket] == nil { $0[bucket] = [:] } }
    }

    func text(_ bucket: String, _ key: String) -> String? {
        objects.withLock { $0[bucket]?[key].map { String(decoding: $0.0, as: UTF8.self) } }
    }

    func getObject(bucket: String, key: String) throws(BucketAccessError) -> Data {
        let found = objects.withLock { $0[bucket].map { $0[key]?.0 } }
        guard let inBucket = found else { throw BucketAccessError(code: "NoSuchBucket", message: "The specified bucket does not exist") }
        guard let data = inBucket else { throw BucketAccessError(code: "NoSuchKey", message: "The specified key does not exist.") }
        return data
    }

    func listObjects(bucket: String, prefix: String) throws(BucketAccessError) -> [BucketObject] {
        guard let inBucket = objects.withLock({ $0[bucket] }) else {
            throw BucketAccessError(code: "NoSuchBucket", message: "The specified bucket does not exist")
        }
        return inBucket.filter { $0.key.hasPrefix(prefix) }.sorted { $0.key < $1.key }.map {
            BucketObject(key: $0.key, eTag: "\"etag-of-\($0.key)\"", lastModified: $0.value.1, size: $0.value.0.count)
        }
    }

    func putObject(bucket: String, key: String, body: Data) throws(BucketAccessError) {
        try objects.withLock { (all) throws(BucketAccessError) in
            guard all[bucket] != nil else { throw BucketAccessError(code: "NoSuchBucket", message: "The specified bucket does not exist") }
            all[bucket]?[key] = (body, Date(timeIntervalSince1970: 0))
        }
    }
}

/// Service integrations that have only the buckets.
struct BucketsOnly: ServiceIntegrations {
    let buckets: MemoryBuckets

    func call(_ call: ServiceCall) async -> ServiceCallResult {
        .failure(StatesError("States.Runtime", cause: "no services here"))
    }

    var mapRunBuckets: (any MapRunBuckets)? { buckets }
}
