import Foundation
import JSONValue
import Store
import TestSupport
import Workspace
import XCTest

/// A workspace in memory with functions the rules deliver to, a rule file of its own, and the
/// EventBridge service over it.
class EventBridgeTestCase: XCTestCase {
    var folder: TemporaryWorkspace!
    var workspace: Workspace!
    var bridge: EventBridge { workspace.eventBridge }

    static let pattern = #"{"source": ["shop"]}"#

    override func setUpWithError() throws {
        folder = try TemporaryWorkspace()
        // Prints what it received, so its log group shows the delivery.
        try folder.addFunction("audit", """
            function handler(event)
              print("audit " .. event["detail-type"] .. " from " .. event.source .. ": " .. tostring(event.detail.order or event.detail.error))
              return "ok"
            end
            """)
        try folder.addFunction("broken", """
            local Unreachable = exception("PagerUnreachable")
            function handler(event) error(Unreachable("the pager is unreachable")) end
            """)
        let rules = folder.root.appendingPathComponent("rules")
        try FileManager.default.createDirectory(at: rules, withIntermediateDirectories: true)
        try #"""
            {"Description": "from a file", "EventPattern": {"source": ["files"]},
             "Targets": [{"Id": "file-target", "Arn": "arn:aws:lambda:us-east-1:123456789012:function:audit", "InputPath": "$.detail"}]}
            """#.write(to: rules.appendingPathComponent("from-file.json"), atomically: true, encoding: .utf8)
        workspace = Workspace(root: folder.root, storage: .memory(MemoryStore()))
    }

    override func tearDownWithError() throws {
        try workspace?.close()
        workspace = nil
        folder = nil
    }

    /// A target of the function `name` in PutTargets' shape.
    func target(_ id: String, function name: String, _ extra: JSONObject = [:]) -> JSONValue {
        var object: JSONObject = ["Id": .string(id), "Arn": .string("arn:aws:lambda:us-east-1:123456789012:function:\(name)")]
        object.merge(extra) { $1 }
        return .object(object)
    }

    /// The error `body` throws, failing the test when it throws none.
    func serviceError<T>(_ body: () throws(ServiceError) -> T, file: StaticString = #filePath, line: UInt = #line) -> ServiceError? {
        do {
            let value = try body()
            XCTFail("expected an error, got \(value)", file: file, line: line)
            return nil
        } catch {
            return error
        }
    }

    /// The messages of a function's log group, after the workspace wrote every queued line.
    func logMessages(of function: String) throws -> [String] {
        try workspace.close()
        let page = try workspace.logs.filterLogEvents(group: "/aws/lambda/\(function)")
        return page.items.compactMap { $0["message"]?.stringValue }
    }
}
