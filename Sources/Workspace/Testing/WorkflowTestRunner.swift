import Clocks
import Engine
import Foundation
import Identifiers
import StatesLanguage
import Store

/// Runs workflow tests (docs/testing.md): each in a workspace of its own over the same folders,
/// kept in memory (nothing reaches `.host/`) and on a virtual clock of its own, so that Waits
/// and retry intervals pass at once; several at a time, as many as the machine has cores.
public struct WorkflowTestRunner: Sendable {
    public let workspace: Workspace
    /// `--mock-config`: the mock configuration, instead of the default one.
    public var mockConfig: String?
    public var parallelism: Int
    /// Observers of each test's execution, made per test: they see its events as they happen
    /// (a coverage report can watch the engine this way, beside each result's history).
    public var observers: @Sendable (PreparedWorkflowTest) -> [any ExecutionObserver]

    public init(workspace: Workspace, mockConfig: String? = nil, parallelism: Int = ProcessInfo.processInfo.activeProcessorCount,
                observers: @escaping @Sendable (PreparedWorkflowTest) -> [any ExecutionObserver] = { _ in [] }) {
        self.workspace = workspace
        self.mockConfig = mockConfig
        self.parallelism = max(1, parallelism)
        self.observers = observers
    }

    /// Reads each test's machine and checks its mocks: every problem at once, each at its
    /// place, before anything runs.
    public func prepare(_ tests: [WorkflowTest]) throws(WorkflowTestError) -> [PreparedWorkflowTest] {
        var problems: [String] = []
        var configuration: Result<MockConfiguration, MockConfigurationError>?
        func mockConfiguration() -> Result<MockConfiguration, MockConfigurationError> {
            if let configuration { return configuration }
            let loaded = Result { () throws(MockConfigurationError) in try workspace.mockConfiguration(file: mockConfig) }
            configuration = loaded
            if case .failure(let error) = loaded { problems += error.problems }
            return loaded
        }
        var prepared: [PreparedWorkflowTest] = []
        var machines: [String: Result<MachineFile, MachineFileError>] = [:]
        for test in tests {
            let url = workspace.machinesDirectory.appendingPathComponent("\(test.machine).json")
            let display = "machines/\(test.machine).json"
            let loaded = machines[test.machine] ?? Result { () throws(MachineFileError) in
                try Workspace.loadMachine(at: url, displayPath: display)
            }
            if machines[test.machine] == nil, case .failure(let error) = loaded {
                problems.append(error.diagnostics.isEmpty ? "\(test.place): \(error.description)" : error.description)
            }
            machines[test.machine] = loaded
            guard case .success(let machine) = loaded else { continue }
            var mocks: TestCaseMocks?
            if let testCase = test.testCase {
                guard case .success(let configuration) = mockConfiguration() else { continue }
                do { mocks = try configuration.testCase(testCase, of: test.machine) } catch {
                    problems += error.problems.map { "\(test.place): \($0)" }
                    continue
                }
            } else if !test.mocks.isEmpty {
                var states: [String: MockedResponse] = [:]
                for (state, mock) in test.mocks {
                    switch mock {
                    case .response(let response): states[state] = response
                    case .named(let name):
                        guard case .success(let configuration) = mockConfiguration() else { continue }
                        guard let response = configuration.responses[name] else {
                            let place = test.mockPlaces[state] ?? test.place
                            problems.append("\(place): '\(name)' is not in MockedResponses of \(configuration.file) (it has \(MockConfiguration.list(configuration.responses.keys)))")
                            continue
                        }
                        states[state] = response
                    }
                }
                mocks = TestCaseMocks(machine: test.machine, name: test.name, states: states, places: test.mockPlaces)
            }
            if let mocks {
                do { try mocks.check(against: machine.definition, file: display) } catch {
                    problems += error.problems
                    continue
                }
            }
            prepared.append(PreparedWorkflowTest(test: test, machine: machine, mocks: mocks))
        }
        guard problems.isEmpty else { throw WorkflowTestError(problems) }
        return prepared
    }

    /// Runs the tests, at most `parallelism` at a time; `each` is told of each result as it
    /// comes. The results are in the tests' order.
    public func run(_ tests: [PreparedWorkflowTest], each: @escaping @Sendable (WorkflowTestResult) -> Void = { _ in })
        async -> [WorkflowTestResult] {
        var results = [WorkflowTestResult?](repeating: nil, count: tests.count)
        await withTaskGroup(of: (Int, WorkflowTestResult).self) { group in
            var next = 0
            func startNext() {
                guard next < tests.count else { return }
                let index = next, test = tests[index]
                next += 1
                group.addTask { (index, await runOne(test)) }
            }
            for _ in 0..<parallelism { startNext() }
            while let (index, result) = await group.next() {
                results[index] = result
                each(result)
                startNext()
            }
        }
        return results.compactMap { $0 }
    }

    /// One test, in a workspace of its own.
    func runOne(_ prepared: PreparedWorkflowTest) async -> WorkflowTestResult {
        let started = ContinuousClock.now
        let isolated = Workspace(root: workspace.root, clock: VirtualClock(start: SystemClock().now), storage: .memory(MemoryStore()))
        var result = WorkflowTestResult(test: prepared.test, machine: prepared.machine, execution: nil,
                                        trace: ExecutionTrace(history: []), failure: nil, seconds: 0)
        do {
            // Status changes reach the rules' targets, as they do for host run.
            _ = try isolated.eventBus()
            let identity = ExecutionIdentity(machineName: prepared.machine.name, executionName: RandomIdentifier.lowercased())
            let execution = try isolated.prepareExecution(of: RunnableMachine(prepared.machine), identity: identity,
                                                          input: prepared.test.input, observers: observers(prepared), mocks: prepared.mocks)
            let ended = try await isolated.run(execution)
            await isolated.drainEvents()
            let logs = try isolated.logStore()
            try logs.flush()
            result.execution = ended
            result.trace = ExecutionTrace(history: ended.history)
            result.failure = prepared.test.expect.firstFailure(of: ended, trace: result.trace) { function in
                (try? logs.events(group: "/aws/lambda/\(function)").map(\.message)) ?? []
            }
        } catch {
            result.failure = "could not run: \(error)"
        }
        try? isolated.close()
        let elapsed = ContinuousClock.now - started
        result.seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return result
    }
}
