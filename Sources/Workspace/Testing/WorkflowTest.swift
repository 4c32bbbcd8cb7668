import Foundation
import JSONValue

/// One workflow test of a `*.test.json` file (docs/testing.md): a machine, its mocks, an
/// input, and what the execution must come to.
public struct WorkflowTest: Sendable {
    /// The test's name: its `name`, else the file's name without `.test.json` (with `[N]` for
    /// the N-th test of a file that holds several).
    public var name: String
    /// How messages name the file, and where in it the test is (`FILE:LINE:COLUMN`).
    public var file: String
    public var place: String
    /// The machine of `machines/`, by name.
    public var machine: String
    /// `testCase`: a test case of the mock configuration.
    public var testCase: String?
    /// `mocks`: by state, a response of the mock configuration (by name) or a mocked response.
    public var mocks: [String: InlineMock]
    /// Where the file gives each inline mock, for problems found against the machine.
    public var mockPlaces: [String: String]
    public var input: JSONValue
    public var expect: Expectations

    /// An inline mock: the name of a response in the mock configuration, or the response.
    public enum InlineMock: Sendable {
        case named(String)
        case response(MockedResponse)
    }

    /// What the execution must come to; each is checked only when given.
    public struct Expectations: Sendable {
        /// `status`: SUCCEEDED, FAILED, TIMED_OUT or ABORTED.
        public var status: String?
        /// `output`: exactly this output.
        public var output: JSONValue?
        /// `outputIncludes`: an output that holds this (objects: these members, recursively).
        public var outputIncludes: JSONValue?
        public var error: String?
        public var cause: String?
        /// `causeIncludes`: text the cause contains.
        public var causeIncludes: String?
        /// `path`: exactly the states entered, in order (nested ones too).
        public var path: [String]?
        /// `entered` / `notEntered`: states that must, or must not, be entered.
        public var entered: [String] = []
        public var notEntered: [String] = []
        /// `attempts`: by state, how many times it called its function (each retry counts).
        public var attempts: [String: Int] = [:]
        /// `logs`: by function, text that lines of its log group must contain, each in some line.
        public var logs: [String: [String]] = [:]
    }
}

/// Why workflow tests cannot run: each problem, located; nothing ran.
public struct WorkflowTestError: Error, Sendable, CustomStringConvertible {
    public var problems: [String]
    public init(_ problems: [String]) { self.problems = problems }
    public var description: String { problems.joined(separator: "\n") }
}

extension WorkflowTest {
    /// The workflow test files (`*.test.json`, `*.test.yaml`) `paths` name (files, or folders searched to any depth), in
    /// order; with no path, those of `workflow-tests/`.
    public static func files(_ paths: [String], in workspace: Workspace, current: URL) throws(WorkflowTestError) -> [(url: URL, display: String)] {
        let roots = paths.isEmpty
            ? [(workspace.workflowTestsDirectory, "workflow-tests")]
            : paths.map { (URL(fileURLWithPath: $0, relativeTo: current).standardizedFileURL, $0) }
        var found: [(URL, String)] = []
        for (url, display) in roots {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
                throw WorkflowTestError(["\(display): no such file or folder"])
            }
            guard isDirectory.boolValue else {
                found.append((url, display))
                continue
            }
            let enumerator = FileManager.default.enumerator(atPath: url.path)
            var names: [String] = []
            while let name = enumerator?.nextObject() as? String {
                if Self.testFileSuffixes.contains(where: name.hasSuffix) { names.append(name) }
            }
            for name in names.sorted() {
                found.append((url.appendingPathComponent(name), display.hasSuffix("/") ? display + name : display + "/" + name))
            }
        }
        return found
    }

    /// The endings of workflow test files: JSON, and YAML (docs/testing.md).
    static let testFileSuffixes = [".test.json", ".test.yaml", ".test.yml"]

    /// The tests of one file: an object is one test, an array several.
    public static func load(_ url: URL, file: String) throws(WorkflowTestError) -> [WorkflowTest] {
        guard let data = FileManager.default.contents(atPath: url.path) else { throw WorkflowTestError(["\(file): cannot be read"]) }
        let text = String(decoding: data, as: UTF8.self)
        let name = url.lastPathComponent
        let document: any LocatedDocument
        if name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
            do { document = try YAMLDocument.parse(text) } catch {
                throw WorkflowTestError(["\(file)\(error.location.map { ":\($0)" } ?? ""): \(error.message)"])
            }
        } else {
            do { document = try JSONDocument.parse(text) } catch {
                throw WorkflowTestError(["\(file):\(error.line):\(error.column): \(error.message)"])
            }
        }
        let base = testFileSuffixes.first(where: name.hasSuffix).map { String(name.dropLast($0.count)) } ?? name
        var reader = WorkflowTestReader(document: document, file: file)
        let tests = reader.read(defaultName: base)
        guard reader.problems.isEmpty else { throw WorkflowTestError(reader.problems) }
        return tests
    }
}
