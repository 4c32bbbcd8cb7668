import Foundation
import JSONValue

/// A mock configuration file in Step Functions Local's shape (docs/testing.md): test cases of
/// state machines, each naming the mocked response of some of the machine's Task states, and
/// the mocked responses themselves. Read whole and checked before anything runs.
public struct MockConfiguration: Sendable {
    /// How messages name the file.
    public var file: String
    /// `StateMachines.<machine>.TestCases.<case>`: by machine, then by test case.
    public var machines: [String: [String: TestCaseMocks]]
    /// `MockedResponses`, by name.
    public var responses: [String: MockedResponse]

    /// The mock configuration of the text of `file`; every problem is reported at once, each at
    /// its place.
    public static func parse(_ text: String, file: String) throws(MockConfigurationError) -> MockConfiguration {
        let document: JSONDocument
        do { document = try JSONDocument.parse(text) } catch {
            throw MockConfigurationError(["\(file):\(error.line):\(error.column): \(error.message)"])
        }
        var reader = MockConfigurationReader(document: document, file: file)
        let configuration = reader.read()
        guard reader.problems.isEmpty, let configuration else { throw MockConfigurationError(reader.problems) }
        return configuration
    }

    /// Reads the file at `url`, named `file` in messages.
    public static func load(_ url: URL, file: String) throws(MockConfigurationError) -> MockConfiguration {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw MockConfigurationError(["\(file): " + (FileManager.default.fileExists(atPath: url.path) ? "cannot be read" : "no such file")])
        }
        return try parse(String(decoding: data, as: UTF8.self), file: file)
    }

    /// The test case `name` of `machine`, or the located error that says it is not there.
    public func testCase(_ name: String, of machine: String) throws(MockConfigurationError) -> TestCaseMocks {
        guard let cases = machines[machine] else {
            throw MockConfigurationError(["\(file): no test cases for the state machine '\(machine)' (StateMachines has \(Self.list(machines.keys)))"])
        }
        guard let mocks = cases[name] else {
            throw MockConfigurationError(["\(file): the state machine '\(machine)' has no test case '\(name)' (TestCases has \(Self.list(cases.keys)))"])
        }
        return mocks
    }

    static func list(_ names: some Collection<String>) -> String {
        names.isEmpty ? "none" : names.sorted().map { "'\($0)'" }.joined(separator: ", ")
    }
}

/// Why a mock configuration cannot be used: each problem, located.
public struct MockConfigurationError: Error, Sendable, CustomStringConvertible {
    public var problems: [String]
    public init(_ problems: [String]) { self.problems = problems }
    public var description: String { problems.joined(separator: "\n") }
}
