import Engine

/// A workflow test ready to run: its machine read and its mocks checked against it.
public struct PreparedWorkflowTest: Sendable {
    public var test: WorkflowTest
    public var machine: MachineFile
    public var mocks: TestCaseMocks?
}

/// How one workflow test went.
public struct WorkflowTestResult: Sendable {
    public var test: WorkflowTest
    public var machine: MachineFile
    /// The execution, kept whole: reports beyond pass and fail (coverage) read its history.
    public var execution: ExecutionResult?
    public var trace: ExecutionTrace
    /// The first expectation not met, or why the test could not run; nil when it passed.
    public var failure: String?
    /// Wall-clock seconds the test took.
    public var seconds: Double

    public var passed: Bool { failure == nil }
}
