import JSONValue

/// Reads a parsed mock configuration, collecting every problem with its place: an unknown
/// field is refused (never ignored), a test case must name responses the file has, and each
/// response's keys must be invocation numbers ("0") or inclusive ranges ("1-2") that do not
/// overlap, each with exactly one of `Return` and `Throw` (docs/testing.md).
struct MockConfigurationReader {
    let document: any LocatedDocument
    let file: String
    private(set) var problems: [String] = []

    init(document: any LocatedDocument, file: String) {
        self.document = document
        self.file = file
    }

    mutating func read() -> MockConfiguration? {
        guard let root = object(document.value, at: [], what: "a mock configuration") else { return nil }
        refuseUnknown(root, allowed: ["StateMachines", "MockedResponses"], at: [])
        var responses: [String: MockedResponse] = [:]
        if let value = root["MockedResponses"], let members = object(value, at: ["MockedResponses"], what: "MockedResponses") {
            for (name, value) in members {
                if let response = response(value, at: ["MockedResponses", .key(name)]) { responses[name] = response }
            }
        }
        var machines: [String: [String: TestCaseMocks]] = [:]
        if let value = root["StateMachines"], let members = object(value, at: ["StateMachines"], what: "StateMachines") {
            for (machine, value) in members {
                let at: [JSONPathComponent] = ["StateMachines", .key(machine)]
                guard let fields = object(value, at: at, what: "a state machine's mocks") else { continue }
                refuseUnknown(fields, allowed: ["TestCases"], at: at)
                guard let value = fields["TestCases"] else {
                    problem(at: at, "'\(machine)' has no 'TestCases'")
                    continue
                }
                guard let cases = object(value, at: at + ["TestCases"], what: "TestCases") else { continue }
                var byName: [String: TestCaseMocks] = [:]
                for (name, value) in cases {
                    byName[name] = testCase(value, machine: machine, name: name, at: at + ["TestCases", .key(name)], responses: responses)
                }
                machines[machine] = byName
            }
        }
        return MockConfiguration(file: file, machines: machines, responses: responses)
    }

    /// A test case: each state's name and the name of its mocked response.
    private mutating func testCase(_ value: JSONValue, machine: String, name: String, at: [JSONPathComponent],
                                   responses: [String: MockedResponse]) -> TestCaseMocks? {
        guard let members = object(value, at: at, what: "a test case") else { return nil }
        var states: [String: MockedResponse] = [:]
        var places: [String: String] = [:]
        for (state, value) in members {
            let here = at + [.key(state)]
            places[state] = place(here, key: true)
            guard case .string(let responseName) = value else {
                problem(at: here, "the mock of state '\(state)' must be the name of a mocked response (a string)")
                continue
            }
            guard let response = responses[responseName] else {
                let known = MockConfiguration.list(responses.keys)
                problem(at: here, "'\(responseName)' is not in MockedResponses (it has \(known))")
                continue
            }
            states[state] = response
        }
        return TestCaseMocks(machine: machine, name: name, states: states, places: places)
    }

    /// A mocked response: invocation numbers or ranges, each with one answer.
    mutating func response(_ value: JSONValue, at: [JSONPathComponent]) -> MockedResponse? {
        guard let members = object(value, at: at, what: "a mocked response") else { return nil }
        if members.isEmpty { problem(at: at, "a mocked response needs at least one invocation (\"0\")") }
        var entries: [MockedResponse.Entry] = []
        var valid = true
        for (key, value) in members {
            let here = at + [.key(key)]
            guard let range = Self.invocations(key) else {
                problem(at: here, key: true, "'\(key)' is not an invocation number (\"0\") or an inclusive range of them (\"1-2\")")
                valid = false
                continue
            }
            if let other = entries.first(where: { $0.invocations.overlaps(range) }) {
                let otherKey = members.keys.first { Self.invocations($0) == other.invocations } ?? ""
                problem(at: here, key: true, "'\(key)' overlaps '\(otherKey)': each invocation has one response")
                valid = false
                continue
            }
            guard let answer = answer(value, at: here) else {
                valid = false
                continue
            }
            entries.append(MockedResponse.Entry(invocations: range, answer: answer))
        }
        return valid ? MockedResponse(answers: entries) : nil
    }

    /// `{"Return": RESULT}` or `{"Throw": {"Error": ..., "Cause": ...}}`.
    private mutating func answer(_ value: JSONValue, at: [JSONPathComponent]) -> MockedAnswer? {
        guard let members = object(value, at: at, what: "an invocation's response") else { return nil }
        refuseUnknown(members, allowed: ["Return", "Throw"], at: at)
        switch (members["Return"], members["Throw"]) {
        case (let result?, nil):
            return .return(result)
        case (nil, let thrown?):
            let here = at + ["Throw"]
            guard let fields = object(thrown, at: here, what: "Throw") else { return nil }
            refuseUnknown(fields, allowed: ["Error", "Cause"], at: here)
            var strings: [String] = []
            for name in ["Error", "Cause"] {
                guard let field = fields[name] else {
                    problem(at: here, "Throw needs '\(name)' (a string)")
                    continue
                }
                guard case .string(let text) = field else {
                    problem(at: here + [.key(name)], "'\(name)' must be a string")
                    continue
                }
                strings.append(text)
            }
            return strings.count == 2 ? .throw(error: strings[0], cause: strings[1]) : nil
        case (_?, _?):
            problem(at: at, "give either 'Return' or 'Throw', not both")
            return nil
        case (nil, nil):
            problem(at: at, "give 'Return' (the result) or 'Throw' (the error)")
            return nil
        }
    }

    /// `"3"` is 3...3 and `"1-2"` is 1...2; digits only, the first no greater than the second.
    static func invocations(_ key: String) -> ClosedRange<Int>? {
        let parts = key.split(separator: "-", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count),
              parts.allSatisfy({ !$0.isEmpty && $0.count <= 9 && $0.allSatisfy { $0.isASCII && $0.isNumber } }) else { return nil }
        let numbers = parts.compactMap { Int($0) }
        guard let first = numbers.first, let last = numbers.last, first <= last else { return nil }
        return first...last
    }

    // MARK: - Helpers

    private mutating func object(_ value: JSONValue, at: [JSONPathComponent], what: String) -> JSONObject? {
        guard case .object(let members) = value else {
            problem(at: at, "\(what) must be a JSON object")
            return nil
        }
        return members
    }

    private mutating func refuseUnknown(_ members: JSONObject, allowed: [String], at: [JSONPathComponent]) {
        for key in members.keys where !allowed.contains(key) {
            problem(at: at + [.key(key)], key: true, "unknown field '\(key)' (expected \(allowed.map { "'\($0)'" }.joined(separator: " or ")))")
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
