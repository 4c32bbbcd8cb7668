import JSONValue

/// Reads the tests of a parsed `*.test.json` (or `*.test.yaml`) file, collecting every problem with its place;
/// an unknown field is refused, never ignored (docs/testing.md).
struct WorkflowTestReader {
    let document: any LocatedDocument
    let file: String
    private(set) var problems: [String] = []

    init(document: any LocatedDocument, file: String) {
        self.document = document
        self.file = file
    }

    static let fields = ["name", "machine", "testCase", "mocks", "input", "expect"]
    static let expectations = ["status", "output", "outputIncludes", "error", "cause", "causeIncludes", "path", "entered",
                               "notEntered", "attempts", "logs"]
    static let statuses = ["SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED"]

    mutating func read(defaultName: String) -> [WorkflowTest] {
        switch document.value {
        case .array(let items):
            if items.isEmpty { problem(at: [], "the file holds no test") }
            return items.indices.compactMap { test(items[$0], at: [.index($0)], defaultName: "\(defaultName)[\($0)]") }
        default:
            return test(document.value, at: [], defaultName: defaultName).map { [$0] } ?? []
        }
    }

    private mutating func test(_ value: JSONValue, at: [JSONPathComponent], defaultName: String) -> WorkflowTest? {
        guard let members = object(value, at: at, what: "a test") else { return nil }
        refuseUnknown(members, allowed: Self.fields, at: at)
        let name = string(members["name"], at: at + ["name"]) ?? defaultName
        guard let machine = string(members["machine"], at: at + ["machine"]) else {
            if members["machine"] == nil { problem(at: at, "a test needs 'machine' (the name of a machine in machines/)") }
            return nil
        }
        let testCase = string(members["testCase"], at: at + ["testCase"])
        var mocks: [String: WorkflowTest.InlineMock] = [:]
        var places: [String: String] = [:]
        if let value = members["mocks"], let states = object(value, at: at + ["mocks"], what: "mocks") {
            if testCase != nil { problem(at: at + ["mocks"], key: true, "give 'testCase' or 'mocks', not both") }
            for (state, value) in states {
                let here = at + ["mocks", .key(state)]
                places[state] = place(here, key: true)
                if case .string(let response) = value {
                    mocks[state] = .named(response)
                    continue
                }
                var responses = MockConfigurationReader(document: document, file: file)
                if let response = responses.response(value, at: here) { mocks[state] = .response(response) }
                problems += responses.problems
            }
        }
        var expect = WorkflowTest.Expectations()
        if let value = members["expect"], let fields = object(value, at: at + ["expect"], what: "expect") {
            read(fields, at: at + ["expect"], into: &expect)
        }
        return WorkflowTest(name: name, file: file, place: place(at), machine: machine, testCase: testCase, mocks: mocks,
                            mockPlaces: places, input: members["input"] ?? .object([:]), expect: expect)
    }

    private mutating func read(_ fields: JSONObject, at: [JSONPathComponent], into expect: inout WorkflowTest.Expectations) {
        refuseUnknown(fields, allowed: Self.expectations, at: at)
        if let status = string(fields["status"], at: at + ["status"]) {
            if Self.statuses.contains(status) { expect.status = status } else {
                problem(at: at + ["status"], "'\(status)' is not a status an execution ends with (\(Self.statuses.joined(separator: ", ")))")
            }
        }
        expect.output = fields["output"]
        expect.outputIncludes = fields["outputIncludes"]
        expect.error = string(fields["error"], at: at + ["error"])
        expect.cause = string(fields["cause"], at: at + ["cause"])
        expect.causeIncludes = string(fields["causeIncludes"], at: at + ["causeIncludes"])
        expect.path = strings(fields["path"], at: at + ["path"])
        expect.entered = strings(fields["entered"], at: at + ["entered"]) ?? []
        expect.notEntered = strings(fields["notEntered"], at: at + ["notEntered"]) ?? []
        if let value = fields["attempts"], let states = object(value, at: at + ["attempts"], what: "attempts") {
            for (state, count) in states {
                guard let number = count.intValue, number >= 0 else {
                    problem(at: at + ["attempts", .key(state)], "the attempts of '\(state)' must be a whole number, 0 or more")
                    continue
                }
                expect.attempts[state] = Int(number)
            }
        }
        if let value = fields["logs"], let functions = object(value, at: at + ["logs"], what: "logs") {
            for (function, texts) in functions {
                expect.logs[function] = strings(texts, at: at + ["logs", .key(function)])
            }
        }
    }

    // MARK: - Helpers

    private mutating func string(_ value: JSONValue?, at: [JSONPathComponent]) -> String? {
        guard let value else { return nil }
        guard case .string(let text) = value else {
            problem(at: at, "must be a string")
            return nil
        }
        return text
    }

    private mutating func strings(_ value: JSONValue?, at: [JSONPathComponent]) -> [String]? {
        guard let value else { return nil }
        guard case .array(let items) = value, items.allSatisfy({ $0.stringValue != nil }) else {
            problem(at: at, "must be an array of strings")
            return nil
        }
        return items.compactMap(\.stringValue)
    }

    private mutating func object(_ value: JSONValue, at: [JSONPathComponent], what: String) -> JSONObject? {
        guard case .object(let members) = value else {
            problem(at: at, "\(what) must be a JSON object")
            return nil
        }
        return members
    }

    private mutating func refuseUnknown(_ members: JSONObject, allowed: [String], at: [JSONPathComponent]) {
        for key in members.keys where !allowed.contains(key) {
            problem(at: at + [.key(key)], key: true, "unknown field '\(key)' (expected one of \(allowed.joined(separator: ", ")))")
        }
    }

    private func place(_ at: [JSONPathComponent], key: Bool = false) -> String {
        let location = (key ? document.keyLocation(of: at) : nil) ?? document.location(of: at)
        return location.map { "\(file):\($0)" } ?? file
    }

    private mutating func problem(at: [JSONPathComponent], key: Bool = false, _ message: String) {
        problems.append("\(place(at, key: key)): \(message) (at \(at.jsonPathDescription))")
    }
}
