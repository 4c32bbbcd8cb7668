import Clocks
import Foundation
import JSONValue
import StatesLanguage

/// A child of a Map Run, for its ResultWriter: who it was, its input, and how it ended (nil:
/// never started).
struct ChildRecord {
    var identity: ExecutionIdentity
    var input: JSONValue
    var result: ExecutionResult?
}

extension Interpreter {
    /// A Distributed Map's `ResultWriter` ("ResultWriter (Map)"). With `Resource` and
    /// `Parameters`, the children's results go to the bucket, `<Prefix>/<Map Run id>/`, as
    /// `SUCCEEDED_0.json`, `FAILED_0.json` (failed, timed out and aborted children) and
    /// `PENDING_0.json` (never started), with a `manifest.json` naming them; the state's output
    /// is then `{"MapRunArn", "ResultWriterDetails": {"Bucket", "Key"}}`, Key the manifest's.
    /// With `WriterConfig` alone, the output is the results as it formats them. Returns the
    /// output and the number of results written. A failed write is `States.ResultWriterFailed`.
    func writeResults(_ step: StepContext, _ writer: ResultWriter, _ stage: StageInput, run: MapRun,
                      children: [ChildRecord]) throws -> (output: JSONValue, written: Int) {
        // "NONE ... Default when exporting the child workflow execution results to Amazon S3 and
        // WriterConfig is not specified"; "COMPACT ... Default when ResultWriter is not specified".
        let transformation = writer.config.transformation ?? (writer.resource != nil ? .none : .compact)
        var succeeded: [JSONValue] = [], failed: [JSONValue] = [], pending: [JSONValue] = []
        var all: [JSONValue] = []
        for child in children {
            guard let result = child.result else {
                let entry = Self.pendingEntry(child)
                pending.append(entry)
                all.append(entry)
                continue
            }
            guard result.status == .succeeded else {
                // "If a child workflow execution fails, Step Functions returns its execution
                // result unchanged", as with NONE.
                let entry = Self.executionEntry(child, result)
                failed.append(entry)
                all.append(entry)
                continue
            }
            let output = result.output ?? .null
            switch transformation {
            case .none:
                let entry = Self.executionEntry(child, result)
                succeeded.append(entry)
                all.append(entry)
            case .compact:
                succeeded.append(output)
                all.append(output)
            case .flatten:
                let elements = output.arrayValue ?? [output]
                succeeded += elements
                all += elements
            }
        }
        guard writer.resource != nil else { return (.array(all), 0) }

        let request = try readerRequest(step, writer.parameters, stage, field: "ResultWriter")
        guard let bucket = request["Bucket"]?.stringValue, !bucket.isEmpty else {
            throw step.runtimeError("The ResultWriter's 'Bucket' must be a string, not \(request["Bucket"]?.compactString() ?? "missing").")
        }
        let prefix = request["Prefix"]?.stringValue ?? ""
        // "Key": "csvProcessJobs/ad9b5f27-.../manifest.json" for the Prefix "csvProcessJobs".
        let folder = (prefix.isEmpty || prefix.hasSuffix("/") ? prefix : prefix + "/") + run.id + "/"
        guard let buckets = execution.integrations?.mapRunBuckets else {
            throw StatesError(ErrorName.resultWriterFailed, cause: "host has no buckets to write the results to here.")
        }
        do {
            try Self.put(["SUCCEEDED": succeeded, "FAILED": failed, "PENDING": pending], to: buckets, bucket: bucket,
                         folder: folder, mapRunArn: run.arn)
        } catch {
            // Unsure: AWS's cause for a failed write is not documented.
            throw StatesError(ErrorName.resultWriterFailed, cause: "\(error.message) (Service: S3, Error Code: \(error.code))")
        }
        let output: JSONValue = ["MapRunArn": .string(run.arn),
                                 "ResultWriterDetails": ["Bucket": .string(bucket), "Key": .string(folder + "manifest.json")]]
        return (output, succeeded.count + failed.count + pending.count)
    }

    /// Writes each status's entries, when it has any, as `<STATUS>_0.json`, then the
    /// `manifest.json` that names them with their sizes.
    private static func put(_ entries: [String: [JSONValue]], to buckets: any MapRunBuckets, bucket: String, folder: String,
                            mapRunArn: String) throws(BucketAccessError) {
        var files: JSONObject = ["FAILED": [], "PENDING": [], "SUCCEEDED": []]
        for status in ["SUCCEEDED", "FAILED", "PENDING"] {
            guard let list = entries[status], !list.isEmpty else { continue }
            let key = folder + "\(status)_0.json"
            let body = Data(JSONValue.array(list).compactString().utf8)
            try buckets.putObject(bucket: bucket, key: key, body: body)
            files[status] = [["Key": .string(key), "Size": .int(Int64(body.count))]]
        }
        let manifest: JSONValue = ["DestinationBucket": .string(bucket), "MapRunArn": .string(mapRunArn), "ResultFiles": .object(files)]
        try buckets.putObject(bucket: bucket, key: folder + "manifest.json", body: Data(manifest.compactString().utf8))
    }

    /// A child's execution, as `Transformation` NONE writes it: its record as DescribeExecution
    /// gives it, with its input and output as JSON text (the fields of "ResultWriter (Map)"'s
    /// example; a failed child's `Error` and `Cause` in place of `Output`).
    private static func executionEntry(_ child: ChildRecord, _ result: ExecutionResult) -> JSONValue {
        var entry: JSONObject = [:]
        if result.status != .succeeded {
            if let cause = result.cause { entry["Cause"] = .string(cause) }
            if let error = result.error { entry["Error"] = .string(error) }
        }
        entry["ExecutionArn"] = .string(child.identity.executionArn)
        entry["Input"] = .string(child.input.compactString())
        entry["InputDetails"] = ["Included": true]
        entry["Name"] = .string(child.identity.executionName)
        if result.status == .succeeded {
            entry["Output"] = .string((result.output ?? .null).compactString())
            entry["OutputDetails"] = ["Included": true]
        }
        entry["RedriveCount"] = 0
        if result.status == .succeeded {
            entry["RedriveStatus"] = "NOT_REDRIVABLE"
            entry["RedriveStatusReason"] = "Execution is SUCCEEDED and cannot be redriven"
        } else {
            entry["RedriveStatus"] = "REDRIVABLE"
        }
        entry["StartDate"] = .string(result.startDate.iso8601Milliseconds)
        entry["StateMachineArn"] = .string(child.identity.stateMachineArn)
        entry["Status"] = .string(result.status.rawValue)
        entry["StopDate"] = .string(result.stopDate.iso8601Milliseconds)
        return .object(entry)
    }

    /// A child that never started: its input (unsure: AWS does not show a PENDING entry).
    private static func pendingEntry(_ child: ChildRecord) -> JSONValue {
        ["Input": .string(child.input.compactString()), "InputDetails": ["Included": true], "Status": "PENDING"]
    }
}
