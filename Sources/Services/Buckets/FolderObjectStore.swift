import Foundation

/// The objects of the workspace folder `buckets/`: a bucket is a folder `buckets/<bucket>`,
/// an object the file `buckets/<bucket>/<key>` (a key's `/` makes subfolders), so that data
/// files dropped there are objects. What a file cannot say (the content type given to
/// PutObject, and the ETag, kept so that listing need not read every file) lives beside the
/// buckets in `buckets/.metadata/<bucket>/<key>.json`; a leading dot is never part of a
/// bucket name, so it takes no bucket's name nor any key (docs/buckets.md).
public struct FolderObjectStore: ObjectStore {
    /// The `buckets/` folder.
    public let directory: URL
    private var metadataDirectory: URL { directory.appendingPathComponent(".metadata") }

    public init(directory: URL) {
        self.directory = directory
    }

    public func bucketExists(_ bucket: String) throws(BucketError) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: directory.appendingPathComponent(bucket).path, isDirectory: &isDirectory)
            && isDirectory.boolValue
    }

    public func object(bucket: String, key: String) throws(BucketError) -> (body: Data, metadata: ObjectMetadata)? {
        guard let file = file(bucket, key), let attributes = regularFile(file) else { return nil }
        let body: Data
        do { body = try Data(contentsOf: file) } catch { throw .internalError("\(bucket)/\(key) cannot be read: \(error.localizedDescription)") }
        return (body, metadata(bucket, key, attributes, body: body))
    }

    public func metadata(bucket: String, key: String) throws(BucketError) -> ObjectMetadata? {
        guard let file = file(bucket, key), let attributes = regularFile(file) else { return nil }
        return metadata(bucket, key, attributes, body: nil)
    }

    public func put(bucket: String, key: String, body: Data, contentType: String?, modified: Date) throws(BucketError) -> ObjectMetadata {
        guard let file = file(bucket, key) else {
            throw .notImplemented("host keeps an object as a file, so a key cannot have an empty part (//), a part . or .., a part over 255 bytes (the last over 250), or end with /: '\(key)'")
        }
        let manager = FileManager.default
        let bucketFolder = directory.appendingPathComponent(bucket)
        var folder = bucketFolder
        for part in key.split(separator: "/").dropLast() {
            folder.appendPathComponent(String(part))
            var isDirectory: ObjCBool = false
            if manager.fileExists(atPath: folder.path, isDirectory: &isDirectory), !isDirectory.boolValue {
                let object = String(folder.path.dropFirst(bucketFolder.path.count + 1))
                throw .notImplemented("host keeps an object as a file, and the object '\(object)' is where the folder of '\(key)' would be")
            }
        }
        var isDirectory: ObjCBool = false
        if manager.fileExists(atPath: file.path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw .notImplemented("host keeps an object as a file, and '\(key)' is the folder of other keys")
        }
        let metadata = ObjectMetadata(eTag: entityTag(body), contentLength: body.count,
                                      contentType: contentType ?? Self.defaultContentType, lastModified: modified.wholeSeconds)
        do {
            try manager.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            // Written whole to a temporary file and renamed: a reader sees the old object or the new.
            try body.write(to: file, options: .atomic)
            try manager.setAttributes([.modificationDate: metadata.lastModified], ofItemAtPath: file.path)
            let record: [String: Any] = ["ContentType": metadata.contentType, "ETag": metadata.eTag,
                                         "ContentLength": metadata.contentLength,
                                         "LastModified": Int64(metadata.lastModified.timeIntervalSince1970)]
            let sidecar = metadataFile(bucket, key)
            try manager.createDirectory(at: sidecar.deletingLastPathComponent(), withIntermediateDirectories: true)
            try JSONSerialization.data(withJSONObject: record, options: [.sortedKeys]).write(to: sidecar, options: .atomic)
        } catch {
            throw .internalError("\(bucket)/\(key) cannot be written: \(error.localizedDescription)")
        }
        return metadata
    }

    public func delete(bucket: String, key: String) throws(BucketError) {
        guard let file = file(bucket, key), regularFile(file) != nil else { return }
        let manager = FileManager.default
        do {
            try manager.removeItem(at: file)
            try? manager.removeItem(at: metadataFile(bucket, key))
        } catch {
            throw .internalError("\(bucket)/\(key) cannot be deleted: \(error.localizedDescription)")
        }
        // Folders left empty go too, so that a later key may be their name.
        let bucketFolder = directory.appendingPathComponent(bucket).standardizedFileURL.path
        var folder = file.deletingLastPathComponent()
        while folder.standardizedFileURL.path.count > bucketFolder.count,
              (try? manager.contentsOfDirectory(atPath: folder.path))?.isEmpty == true {
            try? manager.removeItem(at: folder)
            folder.deleteLastPathComponent()
        }
    }

    public func keys(bucket: String) throws(BucketError) -> [String] {
        let root = directory.appendingPathComponent(bucket).standardizedFileURL
        guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey]) else {
            throw .internalError("\(bucket) cannot be listed")
        }
        var keys: [String] = []
        let rootLength = root.path.count + 1
        for case let url as URL in walker {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true else { continue }
            keys.append(String(url.standardizedFileURL.path.dropFirst(rootLength)))
        }
        return keys.sorted(by: String.utf8Order)
    }

    // MARK: Files

    /// The file of a key; nil for a key no file can have: an empty part, `.` or `..` (which
    /// would also lead out of the bucket), or a part longer than a file name may be (255 bytes,
    /// 250 for the last, whose metadata file adds `.json`).
    private func file(_ bucket: String, _ key: String) -> URL? {
        let parts = key.split(separator: "/", omittingEmptySubsequences: false)
        guard !parts.contains(where: { $0.isEmpty || $0 == "." || $0 == ".." || $0.utf8.count > 255 }),
              let last = parts.last, last.utf8.count <= 250 else { return nil }
        return parts.reduce(directory.appendingPathComponent(bucket)) { $0.appendingPathComponent(String($1)) }
    }

    private func metadataFile(_ bucket: String, _ key: String) -> URL {
        metadataDirectory.appendingPathComponent(bucket).appendingPathComponent(key + ".json")
    }

    /// A regular file's attributes; nil for anything else.
    private func regularFile(_ file: URL) -> [FileAttributeKey: Any]? {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: file.path),
              attributes[.type] as? FileAttributeType == .typeRegular else { return nil }
        return attributes
    }

    /// The metadata of a file: the content type kept at its put; the ETag kept then while the
    /// file has the size and time it had, else the digest of its bytes now (a file replaced by
    /// hand); its size and modification time.
    private func metadata(_ bucket: String, _ key: String, _ attributes: [FileAttributeKey: Any], body: Data?) -> ObjectMetadata {
        let size = (attributes[.size] as? NSNumber)?.intValue ?? body?.count ?? 0
        let modified = ((attributes[.modificationDate] as? Date) ?? Date(timeIntervalSince1970: 0)).wholeSeconds
        let record = (try? Data(contentsOf: metadataFile(bucket, key)))
            .flatMap { try? JSONSerialization.jsonObject(with: $0) as? [String: Any] } ?? [:]
        let contentType = record["ContentType"] as? String ?? Self.defaultContentType
        var eTag = record["ETag"] as? String
        if (record["ContentLength"] as? NSNumber)?.intValue != size
            || (record["LastModified"] as? NSNumber)?.int64Value != Int64(modified.timeIntervalSince1970) {
            eTag = nil
        }
        if eTag == nil {
            let bytes = body ?? (try? Data(contentsOf: directory.appendingPathComponent(bucket).appendingPathComponent(key))) ?? Data()
            eTag = entityTag(bytes)
        }
        return ObjectMetadata(eTag: eTag ?? "", contentLength: size, contentType: contentType, lastModified: modified)
    }
}
