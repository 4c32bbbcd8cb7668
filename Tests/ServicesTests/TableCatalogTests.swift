import Foundation
import TestSupport
import Services
import XCTest

/// `tables/<Name>.json` in CreateTable's shape, and every problem of a bad one with its place.
final class TableCatalogTests: XCTestCase {
    /// The Music table of the developer guide's getting-started example: "Artist" partition
    /// key and "SongTitle" sort key, both strings.
    func testACreateTableRequestDeclaresTheKey() throws {
        let table = try TableCatalog.parse("""
            {
              "TableName": "Music",
              "KeySchema": [{"AttributeName": "Artist", "KeyType": "HASH"}, {"AttributeName": "SongTitle", "KeyType": "RANGE"}],
              "AttributeDefinitions": [{"AttributeName": "Artist", "AttributeType": "S"}, {"AttributeName": "SongTitle", "AttributeType": "S"}],
              "BillingMode": "PAY_PER_REQUEST"
            }
            """, name: "Music", file: "tables/Music.json")
        XCTAssertEqual(table, TableDefinition(name: "Music", partitionKey: KeyAttribute(name: "Artist", type: "S"),
                                              sortKey: KeyAttribute(name: "SongTitle", type: "S")))
        XCTAssertEqual(table.arn(), "arn:aws:dynamodb:us-east-1:123456789012:table/Music")
    }

    func testEveryProblemIsReportedWithItsLineAndColumn() throws {
        let text = """
            {
              "KeySchema": [{"AttributeName": "id", "KeyType": "RANGE"}, {"AttributeName": "ts", "KeyType": "RANGE"}],
              "AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "X"}],
              "Colour": "blue"
            }
            """
        XCTAssertThrowsError(try TableCatalog.parse(text, name: "events", file: "tables/events.json")) { error in
            XCTAssertEqual((error as? CatalogError)?.problems, [
                "tables/events.json:4:3: error: unknown field 'Colour' (CreateTable's fields: KeySchema, AttributeDefinitions, TableName, BillingMode, ProvisionedThroughput, OnDemandThroughput, StreamSpecification, SSESpecification, Tags, TableClass, DeletionProtectionEnabled, WarmThroughput, ResourcePolicy, GlobalSecondaryIndexes, LocalSecondaryIndexes)",
                "tables/events.json:3:69: error: 'AttributeType' must be S, N or B",
                "tables/events.json:2:52: error: Invalid KeySchema: The first KeySchemaElement is not a HASH key type",
            ])
        }
    }

    func testAKeyAttributeMustBeDefinedAndTheSyntaxChecked() throws {
        XCTAssertThrowsError(try TableCatalog.parse("""
            {"KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}, {"AttributeName": "ts", "KeyType": "RANGE"}],
             "AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"}]}
            """, name: "abc", file: "tables/abc.json")) { error in
            XCTAssertEqual((error as? CatalogError)?.problems,
                           ["tables/abc.json:1:78: error: the key attribute 'ts' is not defined in AttributeDefinitions"])
        }
        XCTAssertThrowsError(try TableCatalog.parse("{\"KeySchema\": [}", name: "abc", file: "tables/abc.json")) { error in
            XCTAssertEqual((error as? CatalogError)?.problems.count, 1)
            XCTAssertTrue((error as? CatalogError)?.problems.first?.hasPrefix("tables/abc.json:1:16: error:") == true,
                          "\(error)")
        }
    }

    func testTheCatalogListsFilesAndLoadsThem() throws {
        let workspace = try TemporaryWorkspace()
        let folder = workspace.root.appendingPathComponent("tables")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try #"{"KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}], "AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"}]}"#
            .write(to: folder.appendingPathComponent("ingest.json"), atomically: true, encoding: .utf8)
        try "[]".write(to: folder.appendingPathComponent("broken.json"), atomically: true, encoding: .utf8)
        let catalog = TableCatalog(root: workspace.root)
        XCTAssertEqual(catalog.names(), ["broken", "ingest"])
        XCTAssertEqual(try catalog.table("ingest")?.partitionKey, KeyAttribute(name: "id", type: "S"))
        XCTAssertNil(try catalog.table("missing"))
        XCTAssertThrowsError(try catalog.tables()) { error in
            XCTAssertEqual((error as? CatalogError)?.problems,
                           ["tables/broken.json:1:1: error: a table definition must be a JSON object (CreateTable's request)"])
        }
    }

    /// The repository's own workspace declares valid tables.
    func testTheRepositoryTablesAreValid() throws {
        let tables = try TableCatalog(root: Repository.root).tables()
        XCTAssertTrue(tables.contains { $0.name == "ingest" })
    }
}
