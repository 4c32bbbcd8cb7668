import Foundation

extension Workspace {
    /// `workflow-tests/`: the workspace's workflow tests (`*.test.json`) and its mock
    /// configuration. Not `tests/`, which is `Tests/` on a case-insensitive file system.
    public var workflowTestsDirectory: URL { root.appendingPathComponent("workflow-tests") }

    /// The mock configuration file: `file` when given, else the one `SFN_MOCK_CONFIG` names (as
    /// Step Functions Local reads it), else `workflow-tests/MockConfigFile.json`.
    public func mockConfigurationFile(_ file: String? = nil,
                                      environment: [String: String] = ProcessInfo.processInfo.environment) -> (url: URL, display: String) {
        if let file { return (URL(fileURLWithPath: file).standardizedFileURL, file) }
        if let variable = environment["SFN_MOCK_CONFIG"], !variable.isEmpty {
            return (URL(fileURLWithPath: variable, relativeTo: root).standardizedFileURL, variable)
        }
        return (workflowTestsDirectory.appendingPathComponent("MockConfigFile.json"), "workflow-tests/MockConfigFile.json")
    }

    /// Reads the mock configuration file (see `mockConfigurationFile`).
    public func mockConfiguration(file: String? = nil) throws(MockConfigurationError) -> MockConfiguration {
        let (url, display) = mockConfigurationFile(file)
        return try MockConfiguration.load(url, file: display)
    }

    /// The mocks of the test case `name` for `machine`, checked against its definition before
    /// anything runs.
    public func testCaseMocks(_ name: String, for machine: RunnableMachine, file: String? = nil) throws(MockConfigurationError) -> TestCaseMocks {
        let configuration = try mockConfiguration(file: file)
        let mocks = try configuration.testCase(name, of: machine.name)
        let definitionName = machine.file.map { "machines/\($0.lastPathComponent)" } ?? "the state machine '\(machine.name)'"
        try mocks.check(against: machine.definition, file: definitionName)
        return mocks
    }
}
