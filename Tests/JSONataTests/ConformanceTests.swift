import Foundation
import JSONata
import JSONValue
import XCTest

/// The official JSONata test suite (jsonata-js v2.2.2, its cases flattened into one JSON-Lines
/// file of the conformance data kept beside the repository; docs/jsonata.md, "Conformance").
///
/// Every case runs except those listed in `notApplicable`, each with its reason; the test
/// prints how many passed.
final class ConformanceTests: XCTestCase {
    /// Cases that do not apply, and why.
    static let notApplicable: [String: String] = [
        "function-encodeUrl/case002": "the expression holds a lone UTF-16 surrogate, which a Swift string cannot hold",
        "function-encodeUrlComponent/case002": "the expression holds a lone UTF-16 surrogate, which a Swift string cannot hold",
    ]

    static var casesFile: URL {
        // Tests/JSONataTests/ConformanceTests.swift -> the repository root -> the folder beside it -> its shared folder
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("shared/conformance/jsonata/cases.jsonl")
    }

    struct Case {
        var id: String
        var expression: String
        var input: JSONValue?
        var bindings: [String: JSONValue]
        var expected: Expected
        var limits: JSONataLimits
    }

    enum Expected {
        case result(JSONValue)
        case undefined
        case error(String)
    }

    func testConformanceSuite() throws {
        let file = Self.casesFile
        guard let data = FileManager.default.contents(atPath: file.path) else {
            return XCTFail("The JSONata conformance cases are missing: \(file.path)")
        }
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n")
        XCTAssertEqual(lines.count, 1686, "cases.jsonl should hold 1686 cases")
        var passed = 0, failed: [String] = [], skipped = 0
        for line in lines {
            let id = Self.id(of: line)
            if Self.notApplicable[id] != nil {
                skipped += 1
                continue
            }
            let testCase: Case
            do { testCase = try Self.decode(line) } catch {
                failed.append("\(id): cannot read the case: \(error)")
                continue
            }
            if let problem = Self.run(testCase) {
                failed.append("\(id): \(problem)")
            } else {
                passed += 1
            }
        }
        for failure in failed { XCTFail(failure) }
        print("JSONata conformance suite: \(passed) of \(lines.count) cases pass, \(failed.count) fail; "
              + "\(skipped) not applicable (listed with reasons in ConformanceTests.notApplicable)")
    }

    /// The `id` of a line, read without parsing it (a line may not parse in Swift at all).
    static func id(of line: Substring) -> String {
        guard let start = line.range(of: "\"id\":\"") else { return "?" }
        let rest = line[start.upperBound...]
        return String(rest[..<(rest.firstIndex(of: "\"") ?? rest.endIndex)])
    }

    static func decode(_ line: Substring) throws -> Case {
        let record = try JSONValue.parse(String(line))
        guard case .object(let fields) = record, case .string(let id)? = fields["id"], case .string(let expr)? = fields["expr"] else {
            throw NSError(domain: "case", code: 1)
        }
        var bindings: [String: JSONValue] = [:]
        if case .object(let b)? = fields["bindings"] { for (k, v) in b { bindings[k] = v } }
        let expected: Expected
        if let result = fields["result"] {
            expected = .result(result)
        } else if case .object(let error)? = fields["error"], case .string(let code)? = error["code"] {
            expected = .error(code)
        } else {
            expected = .undefined
        }
        // Cases without their own bounds get generous ones; with them, the case's depth and time.
        var limits = JSONataLimits(maximumDepth: 10_000, timeLimit: .seconds(30))
        if let depth = fields["depth"]?.intValue, let time = fields["timelimit"]?.intValue {
            limits = JSONataLimits(maximumDepth: Int(depth), timeLimit: .milliseconds(time))
        }
        return Case(id: id, expression: expr, input: fields["undefinedInput"] == true ? nil : fields["data"],
                    bindings: bindings, expected: expected, limits: limits)
    }

    /// Runs a case; nil when it passes, else what went wrong.
    static func run(_ c: Case) -> String? {
        let context = JSONataContext(bindings: c.bindings, now: Int64(Date().timeIntervalSince1970 * 1000), limits: c.limits)
        let outcome: Result<JSONValue?, JSONataError>
        do {
            let expression = try JSONataExpression(c.expression)
            outcome = .success(try expression.evaluate(c.input, context: context))
        } catch {
            outcome = .failure(error)
        }
        switch (c.expected, outcome) {
        case (.result(let expected), .success(let actual?)):
            return equal(expected, actual) ? nil : "expected \(expected), got \(actual)"
        case (.undefined, .success(nil)):
            return nil
        case (.error(let code), .failure(let error)):
            return error.code == code ? nil : "expected error \(code), got \(error)"
        case (_, .failure(let error)):
            return "expected \(c.expected), got error \(error)"
        case (_, .success(let actual)):
            return "expected \(c.expected), got \(actual.map { "\($0)" } ?? "undefined")"
        }
    }

    /// chai's deep equality as the upstream runner uses it: numbers by value, object members
    /// in any order, array elements in order.
    static func equal(_ a: JSONValue, _ b: JSONValue) -> Bool {
        switch (a, b) {
        case (.object(let x), .object(let y)):
            return x.count == y.count && x.allSatisfy { key, value in y[key].map { equal(value, $0) } ?? false }
        case (.array(let x), .array(let y)):
            return x.count == y.count && zip(x, y).allSatisfy { equal($0, $1) }
        default:
            if let p = a.doubleValue, let q = b.doubleValue { return p == q }
            return a == b
        }
    }
}
