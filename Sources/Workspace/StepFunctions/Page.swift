import Foundation
import JSONValue

/// One page of a list operation: `maxResults` items after what `nextToken` says was seen, and
/// the token of the next page when there is one. Tokens are opaque to callers; host's say
/// where the next page starts, and are refused (InvalidToken) when they do not read back.
public struct Page<Item: Sendable>: Sendable {
    public var items: [Item]
    public var nextToken: String?

    /// The page of `all` that `maxResults` and `nextToken` select. `maxResults` 0 or nil
    /// means the operation's default page size (`defaultSize`); at most `limit`.
    static func of(_ all: [Item], maxResults: Int?, nextToken: String?, defaultSize: Int, limit: Int = 1000,
                   field: String = "maxResults") throws(ServiceError) -> Page {
        let size = try Self.size(maxResults, defaultSize: defaultSize, limit: limit, field: field)
        let start = try nextToken.map { token throws(ServiceError) in try Self.offset(token) } ?? 0
        guard start <= all.count else { throw ServiceError(.invalidToken, "Invalid Token: '\(nextToken ?? "")'") }
        let end = min(all.count, start + size)
        return Page(items: Array(all[start..<end]), nextToken: end < all.count ? token(end) : nil)
    }

    /// `maxResults`: "The maximum number of results that are returned per call", 0 meaning
    /// the default; over `limit`, ValidationException in AWS's words.
    static func size(_ maxResults: Int?, defaultSize: Int, limit: Int, field: String) throws(ServiceError) -> Int {
        guard let maxResults, maxResults != 0 else { return defaultSize }
        guard (0...limit).contains(maxResults) else {
            throw ServiceError(.validation, "1 validation error detected: Value '\(maxResults)' at '\(field)' failed to satisfy constraint: "
                + "Member must have value \(maxResults < 0 ? "greater than or equal to 0" : "less than or equal to \(limit)")")
        }
        return maxResults
    }

    static func token(_ offset: Int) -> String {
        Data(JSONValue.object(["offset": .int(Int64(offset))]).compactString().utf8).base64EncodedString()
    }

    static func offset(_ token: String) throws(ServiceError) -> Int {
        guard let data = Data(base64Encoded: token), let value = try? JSONValue.parse(String(decoding: data, as: UTF8.self)),
              let offset = value["offset"]?.intValue, offset >= 0 else {
            throw ServiceError(.invalidToken, "Invalid Token: '\(token)'")
        }
        return Int(offset)
    }
}
