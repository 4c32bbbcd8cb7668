import JSONValue
import LuaSandbox
import Services
import Store

extension Workspace {
    /// The workspace's tables (`tables/`), over its store, as its functions reach them.
    public func tables() throws(ServiceError) -> TableService {
        do { return TableService(items: try stores().tables, root: root, now: now) } catch {
            throw ServiceError(.internalFailure, error.message)
        }
    }
}

extension TableService {
    /// Every item of `table`, in key order, as typed JSON (`scan(table:)`), or DynamoDB's error.
    public func items(of table: String) throws(ServiceError) -> [JSONValue] {
        do { return try scan(table: table) } catch { throw Self.serviceError(error) }
    }

    /// The item of `table` with `key`, as typed JSON (`get(table:key:)`); nil when there is none.
    public func item(of table: String, key: JSONValue) throws(ServiceError) -> JSONValue? {
        do { return try get(table: table, key: key) } catch { throw Self.serviceError(error) }
    }

    /// DynamoDB's error as the service's: its `__type` and message; HTTP 500 for
    /// InternalServerError, 400 for the rest (DynamoDB API reference, "Common Errors").
    static func serviceError(_ error: HostCallError) -> ServiceError {
        ServiceError(ServiceError.Code(error.errorType, httpStatus: error.errorType == "InternalServerError" ? 500 : 400), error.errorMessage)
    }
}
