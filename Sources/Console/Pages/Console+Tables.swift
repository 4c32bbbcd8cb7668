import Foundation
import Hummingbird
import JSONValue
import Services
import Workspace

extension Console {
    /// Items a table's page shows at once (Scan's `Limit`).
    static let itemPageSize = 25

    /// `/tables`: the tables of `tables/`, each with its key schema or where its file is wrong.
    func tables(session: ConsoleSessions.Session) -> Response {
        let catalog = TableCatalog(root: workspace.root)
        let rows = catalog.names().map { name -> [String: Any] in
            var row: [String: Any] = ["name": name, "segment": pathSegment(name), "hasProblem": false, "keys": [[String: Any]]()]
            do throws(CatalogError) {
                if let table = try catalog.table(name) { row["keys"] = Self.keyValues(table) }
            } catch {
                row["hasProblem"] = true
                row["problem"] = error.description
            }
            return row
        }
        return page(.ok, "tables", ["title": "Tables", "tables": rows, "hasTables": !rows.isEmpty], session: session)
    }

    /// KeySchema as DynamoDB's console shows it: each key attribute, its role and its type.
    static func keyValues(_ table: TableDefinition) -> [[String: Any]] {
        table.keyAttributes.enumerated().map { index, key in
            ["attribute": key.name, "keyType": index == 0 ? "HASH" : "RANGE", "role": index == 0 ? "Partition key" : "Sort key", "type": key.type]
        }
    }

    /// `/tables/NAME?start=KEY`: the key schema and one page of items in key order, each as
    /// DynamoDB JSON: a Scan with `Limit` and, for a later page, `ExclusiveStartKey` (the last
    /// page's `LastEvaluatedKey`).
    func table(_ name: String, query: [String: String], session: ConsoleSessions.Session) -> Response {
        let catalog = TableCatalog(root: workspace.root)
        let definition: TableDefinition
        do throws(CatalogError) {
            guard let table = try catalog.table(name) else {
                return missing("No table is named \(name): tables/\(name).json does not exist.", session: session)
            }
            definition = table
        } catch {
            return page(.ok, "table", ["title": name, "name": name, "hasProblem": true, "problem": error.description,
                                       "keys": [[String: Any]](), "items": [[String: Any]](), "next": false, "first": false], session: session)
        }
        var values: [String: Any] = [
            "title": name, "name": name, "segment": pathSegment(name), "arn": definition.arn(), "keys": Self.keyValues(definition),
            "keyNames": definition.keyAttributes.map(\.name), "hasProblem": false, "first": query["start"] != nil,
        ]
        var request: JSONObject = ["TableName": .string(name), "Limit": .int(Int64(Self.itemPageSize))]
        if let start = query["start"] {
            do throws(JSONSyntaxError) { request["ExclusiveStartKey"] = try JSONValue.parse(start) } catch {
                return tablePage(values, problem: "ExclusiveStartKey is not JSON: \(error.message)", session: session)
            }
        }
        let answer: JSONValue
        do throws(ServiceError) {
            answer = try workspace.tables().perform("Scan", .object(request)).mapError { error in
                ServiceError(ServiceError.Code(error.errorType), error.errorMessage)
            }.get()
        } catch {
            return tablePage(values, problem: error.description, session: session)
        }
        let items = answer["Items"]?.arrayValue ?? []
        values["items"] = items.map { item -> [String: Any] in
            ["key": definition.keyAttributes.map { Self.attributeText(item[$0.name]) }, "json": item.prettyString()]
        }
        values["hasItems"] = !items.isEmpty
        values["count"] = items.count
        values["next"] = answer["LastEvaluatedKey"].map { ["start": pathSegment($0.compactString())] } ?? false
        return page(.ok, "table", values, session: session)
    }

    /// The table page with a problem in place of its items (400: the request was wrong).
    private func tablePage(_ values: [String: Any], problem: String, session: ConsoleSessions.Session) -> Response {
        var values = values
        values["hasItemsProblem"] = true
        values["itemsProblem"] = problem
        values["items"] = [[String: Any]]()
        values["next"] = false
        return page(.badRequest, "table", values, session: session)
    }

    /// A typed attribute value (`{"S": "a"}`) as a cell shows it: its one value, strings bare.
    static func attributeText(_ value: JSONValue?) -> String {
        guard case .object(let typed)? = value, typed.count == 1, let inner = typed.values.first else { return text(value) }
        return text(inner)
    }
}
