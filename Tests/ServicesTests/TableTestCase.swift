import Foundation
import JSONValue
import LuaSandbox
import Store
import TestSupport
import Services
import XCTest

/// A workspace with declared tables, a database of its own, and a table service over them.
/// Requests and expected answers are written as JSON text, as in DynamoDB's documentation.
class TableTestCase: XCTestCase {
    var workspace: TemporaryWorkspace!
    var database: HostDatabase!
    var tables: TableService!

    /// `tables/<Name>.json` files to declare, by name.
    var declaredTables: [String: String] { [:] }

    override func setUpWithError() throws {
        workspace = try TemporaryWorkspace()
        for (name, definition) in declaredTables { try declare(table: name, definition) }
        database = try HostDatabase(directory: workspace.root.appendingPathComponent(".host"))
        tables = TableService(items: database, root: workspace.root, now: { Date(timeIntervalSince1970: 1_700_000_000) })
    }

    override func tearDown() {
        tables = nil
        database = nil
        workspace = nil
    }

    func declare(table name: String, _ definition: String) throws {
        let folder = workspace.root.appendingPathComponent("tables")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try definition.write(to: folder.appendingPathComponent("\(name).json"), atomically: true, encoding: .utf8)
    }

    /// Performs an action that must succeed.
    @discardableResult
    func call(_ action: String, _ request: String, file: StaticString = #filePath, line: UInt = #line) throws -> JSONValue {
        switch tables.perform(action, try JSONValue.parse(request)) {
        case .success(let response): return response
        case .failure(let error):
            XCTFail("\(action) failed: \(error.errorType): \(error.errorMessage)", file: file, line: line)
            throw error
        }
    }

    /// Performs an action that must fail; returns its error.
    func failure(_ action: String, _ request: String, file: StaticString = #filePath, line: UInt = #line) throws -> HostCallError {
        switch tables.perform(action, try JSONValue.parse(request)) {
        case .success(let response):
            XCTFail("\(action) succeeded: \(response)", file: file, line: line)
            throw UnexpectedOutcome(description: "\(action) succeeded")
        case .failure(let error): return error
        }
    }

    /// Asserts that an action fails with this error.
    func assertFails(_ action: String, _ request: String, _ errorType: String, _ message: String,
                     file: StaticString = #filePath, line: UInt = #line) throws {
        let error = try failure(action, request, file: file, line: line)
        XCTAssertEqual(error.errorType, errorType, file: file, line: line)
        XCTAssertEqual(error.errorMessage, message, file: file, line: line)
    }

    /// Asserts that a JSON value equals the JSON text, whatever the order of object members
    /// (DynamoDB promises no order of attributes).
    func assertJSON(_ value: JSONValue?, _ expected: String, file: StaticString = #filePath, line: UInt = #line) throws {
        XCTAssertEqual(value.map(Self.sorted)?.compactString(), Self.sorted(try JSONValue.parse(expected)).compactString(),
                       file: file, line: line)
    }

    static func sorted(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(let members):
            var object = JSONObject()
            for key in members.keys.sorted() { object[key] = sorted(members[key]!) }
            return .object(object)
        case .array(let elements): return .array(elements.map(sorted))
        default: return value
        }
    }
}

/// Stops a test whose call came out the other way; the failure itself is already recorded
/// where the call was made.
struct UnexpectedOutcome: Error, CustomStringConvertible {
    var description: String
}
