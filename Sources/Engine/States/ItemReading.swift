import Clocks
import Foundation
import JSONValue
import StatesLanguage

extension Interpreter {
    /// The items a Distributed Map's `ItemReader` reads from the workspace's buckets: the
    /// object `s3:getObject` names, read as its `InputType` says, or the listing of the objects
    /// `s3:listObjectsV2` names; at most `MaxItems` of them ("ItemReader (Map)"). Whatever
    /// stops the reading fails the Map Run with `States.ItemReaderFailed`
    /// (docs/distributed-map.md, "Reading items").
    func readItems(_ step: StepContext, _ reader: ItemReader, _ stage: StageInput) throws -> [JSONValue] {
        let request = try readerRequest(step, reader.parameters, stage, field: "ItemReader")
        guard let bucket = request["Bucket"]?.stringValue, !bucket.isEmpty else {
            throw step.runtimeError("The ItemReader's 'Bucket' must be a string, not \(request["Bucket"]?.compactString() ?? "missing").")
        }
        var maxItems = try count(reader.config.maxItems, "MaxItems", step: step, stage)
        if maxItems == 0 { maxItems = nil }
        guard let buckets = execution.integrations?.mapRunBuckets else {
            throw StatesError(ErrorName.itemReaderFailed, cause: "host has no buckets to read the items from here.")
        }
        do {
            if reader.resource == "arn:aws:states:::s3:listObjectsV2" {
                let prefix = request["Prefix"]?.stringValue ?? ""
                let objects = try buckets.listObjects(bucket: bucket, prefix: prefix)
                return objects.prefix(maxItems ?? objects.count).map(Self.listedItem)
            }
            guard let key = request["Key"]?.stringValue, !key.isEmpty else {
                throw step.runtimeError("The ItemReader's 'Key' must be a string, not \(request["Key"]?.compactString() ?? "missing").")
            }
            let bytes = [UInt8](try buckets.getObject(bucket: bucket, key: key))
            if reader.config.inputType == .manifest { return try InventoryManifest.items(bytes, buckets: buckets, maxItems: maxItems) }
            return try ItemFormats.items(bytes, config: reader.config, maxItems: maxItems)
        } catch let error as BucketAccessError {
            // Unsure: AWS's cause for an object it cannot read is not documented.
            throw StatesError(ErrorName.itemReaderFailed, cause: "\(error.message) (Service: S3, Status Code: \(error.code == "NoSuchKey" || error.code == "NoSuchBucket" ? 404 : 400), Error Code: \(error.code))")
        } catch let error as ItemFormats.Malformed {
            throw StatesError(ErrorName.itemReaderFailed, cause: error.message)
        }
    }

    /// The ItemReader's or ResultWriter's `Parameters` (JSONPath) or `Arguments` (JSONata),
    /// evaluated against the state's input: an object naming the bucket.
    func readerRequest(_ step: StepContext, _ parameters: Payload?, _ stage: StageInput, field: String) throws -> JSONObject {
        let value: JSONValue
        switch parameters {
        case .template(let template)?:
            value = try step.placed { () throws(StatesError) in
                try template.evaluate(input: stage.effective, context: stage.context, services: .system, variables: stage.variables)
            }
        case .jsonata(let template)?:
            value = try stage.query!.evaluate(template, field: "\(field).Arguments")
        case nil:
            value = .object([:])
        }
        guard case .object(let request) = value else {
            throw step.runtimeError("The \(field)'s request must be a JSON object, not \(value.compactString()).")
        }
        return request
    }

    /// A listed object as a child gets it: "Etag", "Key", "LastModified" (epoch seconds),
    /// "Size", "StorageClass" ("ItemReader (Map)", its ListObjectsV2 example).
    static func listedItem(_ object: BucketObject) -> JSONValue {
        ["Etag": .string(object.eTag), "Key": .string(object.key),
         "LastModified": .int(Int64(object.lastModified.timeIntervalSince1970.rounded(.down))),
         "Size": .int(Int64(object.size)), "StorageClass": .string(object.storageClass)]
    }
}

/// An Amazon S3 inventory's `manifest.json` (S3 User Guide, "Amazon S3 Inventory"): its
/// `files` are CSV objects in the `destinationBucket`, whose columns `fileSchema` names; each
/// row is an item, its values strings.
enum InventoryManifest {
    static func items(_ bytes: [UInt8], buckets: any MapRunBuckets, maxItems: Int?) throws -> [JSONValue] {
        guard case .object(let manifest)? = try? JSONValue.parse(bytes: bytes) else {
            throw ItemFormats.Malformed(message: "The manifest is not a JSON object.")
        }
        guard manifest["fileFormat"]?.stringValue == "CSV" else {
            throw ItemFormats.Malformed(message: "host reads S3 inventories of fileFormat CSV, not \(manifest["fileFormat"]?.compactString() ?? "none").")
        }
        guard let schema = manifest["fileSchema"]?.stringValue, let destination = manifest["destinationBucket"]?.stringValue,
              case .array(let files)? = manifest["files"] else {
            throw ItemFormats.Malformed(message: "The manifest needs 'fileSchema', 'destinationBucket' and 'files'.")
        }
        let columns = schema.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        // "destinationBucket": the bucket's ARN, arn:aws:s3:::NAME.
        let bucket = destination.hasPrefix("arn:aws:s3:::") ? String(destination.dropFirst("arn:aws:s3:::".count)) : destination
        var items: [JSONValue] = []
        for file in files {
            guard let key = file["key"]?.stringValue else { throw ItemFormats.Malformed(message: "A file of the manifest has no 'key'.") }
            let data = [UInt8](try buckets.getObject(bucket: bucket, key: key))
            // Inventories are written gzip-compressed (.csv.gz); host reads them uncompressed.
            if data.starts(with: [0x1f, 0x8b]) {
                throw ItemFormats.Malformed(message: "host reads S3 inventory files uncompressed; '\(key)' is gzip-compressed.")
            }
            let left = maxItems.map { $0 - items.count }
            items += try ItemFormats.csv(data, header: columns, delimiter: UInt8(ascii: ","), maxItems: left)
            if let maxItems, items.count >= maxItems { break }
        }
        return items
    }
}
