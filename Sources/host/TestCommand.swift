import ArgumentParser
import Foundation
import Workspace

/// `host test [PATH...]`: runs workflow tests (docs/testing.md) and reports each.
struct TestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Run workflow tests (*.test.json, *.test.yaml; default: those of workflow-tests/).",
        discussion: """
            Each test runs its machine once, in memory and on a virtual clock, with the mocks it \
            names, and checks what the execution came to. Exit status: 0 when every test passes, \
            1 when one fails (or a machine's coverage is below --min-coverage), 2 when a test file, \
            machine or mock cannot be used (nothing runs).
            """
    )

    @OptionGroup var workspaceOptions: WorkspaceOptions
    @Argument(help: "Test files, or folders searched for *.test.json and *.test.yaml (default: workflow-tests/).") var paths: [String] = []
    @Option(name: .customLong("mock-config"), help: ArgumentHelp("The mock configuration (default: $SFN_MOCK_CONFIG, else workflow-tests/MockConfigFile.json).", valueName: "FILE"))
    var mockConfig: String?
    @Option(help: ArgumentHelp("Also write the results to FILE as JUnit XML.", valueName: "FILE")) var junit: String?
    @Flag(help: "After the summary, print each machine's coverage: states entered, transitions taken, retriers fired, branches run.")
    var coverage = false
    @Option(name: .customLong("coverage-json"), help: ArgumentHelp("Also write the coverage to FILE as JSON (host graph MACHINE --coverage FILE draws it).", valueName: "FILE"))
    var coverageJSON: String?
    @Option(name: .customLong("min-coverage"), help: ArgumentHelp("Exit with status 1 when a machine's state or transition coverage is below N percent.", valueName: "N"))
    var minCoverage: Double?

    func validate() throws {
        if let minCoverage, !(0...100).contains(minCoverage) { throw ValidationError("--min-coverage must be a percentage, from 0 to 100") }
    }

    func run() async throws {
        let workspace = try workspaceOptions.open()
        var runner = WorkflowTestRunner(workspace: workspace, mockConfig: mockConfig)
        let recorder = coverage || coverageJSON != nil || minCoverage != nil ? CoverageRecorder() : nil
        if let recorder { runner.observers = { [recorder.observer(for: $0.machine.name)] } }
        let prepared = try testCall { () throws(WorkflowTestError) in
            let files = try WorkflowTest.files(paths, in: workspace, current: WorkspaceOptions.currentFolder)
            var tests: [WorkflowTest] = []
            var problems: [String] = []
            for file in files {
                do throws(WorkflowTestError) { tests += try WorkflowTest.load(file.url, file: file.display) } catch { problems += error.problems }
            }
            guard !tests.isEmpty || !problems.isEmpty else {
                throw WorkflowTestError(["no workflow tests (*.test.json, *.test.yaml) in \(paths.isEmpty ? "workflow-tests/" : paths.joined(separator: ", "))"])
            }
            // Every problem at once: those of the files, and those of the tests read from them.
            let prepared: [PreparedWorkflowTest]
            do throws(WorkflowTestError) { prepared = try runner.prepare(tests) } catch { throw WorkflowTestError(problems + error.problems) }
            guard problems.isEmpty else { throw WorkflowTestError(problems) }
            return prepared
        }
        let colour = Terminal.usesColour
        let results = await runner.run(prepared) { result in
            print(WorkflowTestLine.text(result, colour: colour))
        }
        let failed = results.filter { !$0.passed }.count
        print(WorkflowTestLine.summary(results))
        if let junit {
            do { try JUnitReport.xml(results).write(toFile: junit, atomically: true, encoding: .utf8) } catch {
                throw CommandFailure(message: "--junit: cannot write \(junit): \(error.localizedDescription)", exitCode: 1)
            }
        }
        var belowMinimum: [String] = []
        if let recorder {
            let machines = recorder.report(results)
            if coverage { print("\n" + CoverageTable.text(machines)) }
            if let coverageJSON {
                do { try MachineCoverage.json(machines).prettyString().write(toFile: coverageJSON, atomically: true, encoding: .utf8) } catch {
                    throw CommandFailure(message: "--coverage-json: cannot write \(coverageJSON): \(error.localizedDescription)", exitCode: 1)
                }
            }
            if let minCoverage { belowMinimum = CoverageTable.below(minCoverage, machines) }
        }
        if !belowMinimum.isEmpty {
            let minimum = minCoverage.map { $0 == $0.rounded() ? "\(Int($0))" : "\($0)" } ?? ""
            FileHandle.standardError.write(Data(("host test: coverage below --min-coverage \(minimum)%:\n"
                + belowMinimum.map { "  " + $0 }.joined(separator: "\n") + "\n").utf8))
        }
        if failed > 0 || !belowMinimum.isEmpty { throw ExitCode(1) }
    }
}

/// How `host test` prints a result: one line, and for a failure its first difference and the
/// execution's path, indented under it.
enum WorkflowTestLine {
    static func text(_ result: WorkflowTestResult, colour: Bool) -> String {
        let milliseconds = Int((result.seconds * 1000).rounded())
        let name = "\(result.test.name) (\(result.machine.name), \(milliseconds) ms)"
        guard let failure = result.failure else { return paint("PASS", "32", colour) + " " + name }
        return paint("FAIL", "31", colour) + " " + name + "\n    " + failure + "\n    states entered: " + result.trace.pathText
    }

    static func summary(_ results: [WorkflowTestResult]) -> String {
        let failed = results.filter { !$0.passed }.count
        let seconds = String(format: "%.2f", results.reduce(0) { $0 + $1.seconds })
        return "\(results.count) tests: \(results.count - failed) passed, \(failed) failed (\(seconds) s of test time)"
    }

    private static func paint(_ text: String, _ code: String, _ colour: Bool) -> String {
        colour ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }
}

/// Test files, machines or mocks that cannot be used: each problem on its own line, and exit
/// status 2 (nothing runs).
func testCall<T>(_ body: () throws(WorkflowTestError) -> T) throws -> T {
    do { return try body() } catch {
        FileHandle.standardError.write(Data((error.description + "\n").utf8))
        throw ExitCode(2)
    }
}
