import Foundation
import Identifiers
import Synchronization

extension BucketService {
    /// ListObjectsV2 (API reference, "ListObjectsV2"): the keys after `StartAfter` or the
    /// continuation token that begin with `Prefix`, in UTF-8 binary order; with a `Delimiter`,
    /// the keys that hold it after the prefix are rolled up into one common prefix each, and
    /// "each rolled-up result counts as only one return against the MaxKeys value".
    public func listObjectsV2(_ request: ListObjectsV2Request) throws(BucketError) -> ListObjectsV2Result {
        try BucketNames.validate(bucket: request.bucket)
        guard try store.bucketExists(request.bucket) else { throw .noSuchBucket(request.bucket) }
        let maxKeys = request.maxKeys ?? 1000
        guard maxKeys >= 0 else { throw .invalidArgument("Provided max-keys not an integer or within integer range") }
        let limit = min(maxKeys, 1000)
        // The token names where the last page ended: after a key, or after every key under a
        // common prefix. It replaces StartAfter.
        var after: Position?
        var snapshot: [String]?
        if let token = request.continuationToken {
            guard let position = Position(token: token) else {
                throw .invalidArgument("The continuation token provided is incorrect")
            }
            after = position
            snapshot = ListingSnapshots.shared.keys(token: token, generation: ListingSnapshots.shared.generation(request.bucket))
        } else if let startAfter = request.startAfter, !startAfter.isEmpty {
            after = .key(startAfter)
        }
        let prefix = request.prefix ?? ""
        let delimiter = request.delimiter.flatMap { $0.isEmpty ? nil : $0 }

        var contents: [ListedObject] = []
        var commonPrefixes: [String] = []
        var last: Position?
        var truncated = false
        // The keys are listed and sorted once a listing, not once a page: a truncated page
        // keeps them for its continuation token, until a put or delete changes the bucket.
        let keys: [String]
        if let snapshot { keys = snapshot } else { keys = try store.keys(bucket: request.bucket) }
        // The first key after where the last page ended, and past the prefix's start.
        let from = Self.firstIndex(in: keys) { String.utf8Order($0, prefix) }
        for key in keys[Self.firstIndex(in: keys, from: from, after: after)...] {
            guard key.hasBytePrefix(prefix) else {
                if String.utf8Order(prefix, key) { break }
                continue
            }
            var entry = Position.key(key)
            if let delimiter, let common = key.rolledUp(after: prefix, at: delimiter) {
                if case .prefix(common)? = last { continue }
                entry = .prefix(common)
            }
            guard contents.count + commonPrefixes.count < limit else {
                truncated = true
                break
            }
            switch entry {
            case .key:
                guard let metadata = try store.metadata(bucket: request.bucket, key: key) else { continue }
                contents.append(ListedObject(key: key, lastModified: metadata.lastModified, eTag: metadata.eTag,
                                             size: metadata.contentLength))
            case .prefix(let common): commonPrefixes.append(common)
            }
            last = entry
        }
        var next: String?
        if truncated, let last {
            next = ListingSnapshots.shared.keep(keys, after: last.token, generation: ListingSnapshots.shared.generation(request.bucket))
        }
        return ListObjectsV2Result(
            name: request.bucket, prefix: request.prefix, delimiter: request.delimiter, maxKeys: maxKeys,
            keyCount: contents.count + commonPrefixes.count, isTruncated: truncated, contents: contents,
            commonPrefixes: commonPrefixes, continuationToken: request.continuationToken,
            nextContinuationToken: next, startAfter: request.startAfter)
    }
}

extension BucketService {
    /// Every object whose key begins with `prefix`, in UTF-8 binary order, from one listing of
    /// the bucket: what a Distributed Map's ItemReader iterates over (docs/distributed-map.md).
    public func allObjects(bucket: String, prefix: String) throws(BucketError) -> [ListedObject] {
        try BucketNames.validate(bucket: bucket)
        guard try store.bucketExists(bucket) else { throw .noSuchBucket(bucket) }
        let keys = try store.keys(bucket: bucket)
        var objects: [ListedObject] = []
        for key in keys[Self.firstIndex(in: keys) { String.utf8Order($0, prefix) }...] {
            guard key.hasBytePrefix(prefix) else { break }
            guard let metadata = try store.metadata(bucket: bucket, key: key) else { continue }
            objects.append(ListedObject(key: key, lastModified: metadata.lastModified, eTag: metadata.eTag, size: metadata.contentLength))
        }
        return objects
    }

    /// The first index of sorted `keys` at which `before` stops holding (binary search).
    static func firstIndex(in keys: [String], from start: Int = 0, where before: (String) -> Bool) -> Int {
        var (low, high) = (start, keys.count)
        while low < high {
            let middle = (low + high) / 2
            if before(keys[middle]) { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// The first index at or after `from` whose key comes after `after`.
    fileprivate static func firstIndex(in keys: [String], from: Int, after: Position?) -> Int {
        guard let after else { return from }
        let bound: String
        switch after {
        case .key(let key): bound = key
        case .prefix(let common): bound = common
        }
        var index = firstIndex(in: keys, from: from) { !String.utf8Order(bound, $0) }
        // Past a rolled-up prefix, skip the keys under it.
        while index < keys.count, !after.precedes(keys[index]) { index += 1 }
        return index
    }
}

/// Where a listing resumes: after a key, or after a common prefix and every key under it.
private enum Position: Equatable {
    case key(String)
    case prefix(String)

    /// Whether `key` comes after this position.
    func precedes(_ key: String) -> Bool {
        switch self {
        case .key(let last): String.utf8Order(last, key)
        case .prefix(let common): !key.hasBytePrefix(common) && String.utf8Order(common, key)
        }
    }

    /// Opaque to the caller, as S3's tokens are: the position, base64.
    var token: String {
        switch self {
        case .key(let key): Data(("k" + key).utf8).base64EncodedString()
        case .prefix(let common): Data(("p" + common).utf8).base64EncodedString()
        }
    }

    init?(token: String) {
        // A kept listing's token adds "." and its id (ListingSnapshots).
        let position = token.split(separator: ".", maxSplits: 1).first.map(String.init) ?? token
        guard let data = Data(base64Encoded: position), let text = String(data: data, encoding: .utf8), let kind = text.first else { return nil }
        switch kind {
        case "k": self = .key(String(text.dropFirst()))
        case "p": self = .prefix(String(text.dropFirst()))
        default: return nil
        }
    }
}

extension String {
    /// Whether the UTF-8 bytes begin with those of `prefix` (S3 compares bytes, not characters).
    func hasBytePrefix(_ prefix: String) -> Bool {
        utf8.starts(with: prefix.utf8)
    }

    /// The key up to and including the first `delimiter` after `prefix`; nil when there is none.
    func rolledUp(after prefix: String, at delimiter: String) -> String? {
        let bytes = Array(utf8), mark = Array(delimiter.utf8)
        var index = prefix.utf8.count
        while index + mark.count <= bytes.count {
            if bytes[index..<index + mark.count].elementsEqual(mark) {
                return String(decoding: bytes[..<(index + mark.count)], as: UTF8.self)
            }
            index += 1
        }
        return nil
    }
}

/// The sorted keys of listings in progress, by continuation token, so that paging through a
/// bucket of N objects lists the folder once instead of once a page. A snapshot is used only
/// while the bucket's generation (bumped by every put and delete through the store) is the
/// one it was taken at; a file dropped into the folder by hand during a listing may be missed
/// by its later pages, as it may on S3 while a listing runs.
final class ListingSnapshots: Sendable {
    static let shared = ListingSnapshots()
    private struct Snapshot {
        var keys: [String]
        var generation: Int
    }
    private let snapshots = Mutex<[(token: String, snapshot: Snapshot)]>([])
    private let generations = Mutex<[String: Int]>([:])
    /// Listings kept at once; an older one falls back to listing the folder again.
    private static let capacity = 16

    /// How many times the bucket named so has changed through a BucketService.
    func generation(_ bucket: String) -> Int {
        generations.withLock { $0[bucket, default: 0] }
    }

    /// A put or delete changed the bucket.
    func changed(_ bucket: String) {
        generations.withLock { $0[bucket, default: 0] += 1 }
    }

    /// A token for the position `after` (itself a token), under which `keys` are kept.
    func keep(_ keys: [String], after: String, generation: Int) -> String {
        let token = after + "." + RandomIdentifier.lowercased()
        snapshots.withLock { kept in
            kept.append((token, Snapshot(keys: keys, generation: generation)))
            if kept.count > Self.capacity { kept.removeFirst() }
        }
        return token
    }

    /// The keys kept for `token`, while the bucket is still at `generation`.
    func keys(token: String, generation: Int) -> [String]? {
        snapshots.withLock { kept in
            kept.first { $0.token == token && $0.snapshot.generation == generation }?.snapshot.keys
        }
    }
}
