@testable import Console
import Foundation
import HTTPTypes
import Hummingbird
import TestSupport
import Workspace
import XCTest

/// A console over a temporary workspace, and requests sent to it as a browser sends them.
class ConsoleTestCase: XCTestCase {
    var folder: TemporaryWorkspace!
    var workspace: Workspace!

    override func setUpWithError() throws {
        folder = try TemporaryWorkspace()
        try FileManager.default.createDirectory(at: folder.root.appendingPathComponent("machines"), withIntermediateDirectories: true)
        workspace = Workspace(root: folder.root)
    }

    override func tearDownWithError() throws {
        try? workspace.close()
    }

    /// An answer: its status, headers and body as text.
    struct Answer {
        var status: HTTPResponse.Status
        var headers: HTTPFields
        var body: String
        var cookie: String? { headers[.setCookie]?.split(separator: ";").first.map(String.init) }
    }

    func addMachine(_ name: String, _ definition: String) throws {
        try definition.write(to: folder.root.appendingPathComponent("machines/\(name).json"), atomically: true, encoding: .utf8)
    }

    func send(_ console: Console, _ method: HTTPRequest.Method, _ path: String, cookie: String? = nil,
              form: [(String, String)]? = nil) async throws -> Answer {
        var head = HTTPRequest(method: method, scheme: "http", authority: "127.0.0.1", path: path)
        if let cookie { head.headerFields[.cookie] = cookie }
        var body = ByteBuffer()
        if let form {
            head.headerFields[.contentType] = "application/x-www-form-urlencoded"
            var allowed = CharacterSet.alphanumerics
            allowed.insert(charactersIn: "-._~")
            body = ByteBuffer(string: form.map { "\($0)=\($1.addingPercentEncoding(withAllowedCharacters: allowed)!)" }.joined(separator: "&"))
        }
        let request = Request(head: head, body: RequestBody(buffer: body))
        XCTAssertTrue(Console.serves(request), "\(method) \(path) is the console's")
        let response = await console.respond(to: request)
        var collected = ByteBuffer()
        let kept = Kept()
        try await response.body.write(CollectingWriter(kept: kept))
        collected = kept.buffer
        return Answer(status: response.status, headers: response.headers, body: String(buffer: collected))
    }

    /// A session of the console: its cookie and the CSRF token its pages carry.
    func session(_ console: Console, page: String = "/") async throws -> (cookie: String, csrf: String) {
        let answer = try await send(console, .get, page)
        let cookie = try XCTUnwrap(answer.cookie)
        return (cookie, try XCTUnwrap(csrfToken(in: answer.body)))
    }

    func csrfToken(in html: String) -> String? {
        guard let range = html.range(of: #"name="csrf" value=""#) else { return nil }
        return String(html[range.upperBound...].prefix { $0 != "\"" })
    }

    /// Waits (polling, at most 60 s) until the execution has ended.
    func waitForEnd(_ reference: String) async throws -> ExecutionDescription {
        let deadline = Date().addingTimeInterval(60)
        while true {
            let described = try workspace.stepFunctions.describeExecution(named: reference)
            if described.status != .running { return described }
            if Date() > deadline { throw StillRunning(reference: reference) }
            try await Task.sleep(for: .milliseconds(50))
        }
    }
}

struct StillRunning: Error {
    var reference: String
}

/// A response body writer that keeps what is written.
struct CollectingWriter: ResponseBodyWriter {
    let kept: Kept
    mutating func write(_ buffer: ByteBuffer) async throws {
        var buffer = buffer
        kept.buffer.writeBuffer(&buffer)
    }
    func finish(_ trailingHeaders: HTTPFields?) async throws {}
}

/// What a `CollectingWriter` wrote (the writer itself is consumed).
final class Kept: @unchecked Sendable {
    var buffer = ByteBuffer()
}
