import Foundation
import Logs

extension Workspace {
    /// A time as `aws logs tail --since` reads it: relative to the workspace's clock (30s, 10m,
    /// 2h, 1d, 1w ago) or an ISO 8601 timestamp. InvalidParameterException names the value
    /// and the forms accepted.
    public func time(_ text: String) throws(ServiceError) -> Date {
        do { return try LogTimeSpec.parse(text, now: now()) } catch { throw ServiceError(.invalidParameter, error.description) }
    }
}
