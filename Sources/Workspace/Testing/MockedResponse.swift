import JSONValue

/// The mocks of one test case: the mocked response of each state it names.
public struct TestCaseMocks: Sendable {
    public var machine: String
    public var name: String
    /// By state name.
    public var states: [String: MockedResponse]
    /// Where the file names each state (`FILE:LINE:COLUMN`), for problems found against the
    /// machine's definition.
    public var places: [String: String]

    public init(machine: String, name: String, states: [String: MockedResponse], places: [String: String]) {
        self.machine = machine
        self.name = name
        self.states = states
        self.places = places
    }
}

/// A mocked response: the answer of each invocation of a mocked state, numbered from 0.
public struct MockedResponse: Sendable, Equatable {
    /// Inclusive ranges of invocation numbers, each with its answer, in ascending order.
    public var answers: [Entry]

    public struct Entry: Sendable, Equatable {
        public var invocations: ClosedRange<Int>
        public var answer: MockedAnswer
    }

    public init(answers: [Entry]) { self.answers = answers.sorted { $0.invocations.lowerBound < $1.invocations.lowerBound } }

    /// The answer to the invocation numbered `invocation`; nil when the response gives none.
    public func answer(forInvocation invocation: Int) -> MockedAnswer? {
        answers.first { $0.invocations.contains(invocation) }?.answer
    }
}

/// What one invocation of a mocked Task answers: `Return` (its result) or `Throw` (its error).
public enum MockedAnswer: Sendable, Equatable {
    case `return`(JSONValue)
    case `throw`(error: String, cause: String)
}
