import Foundation

/// What a run of the built `host` printed and how it exited.
public struct HostResult {
    public var status: Int32
    public var stdout: String
    public var stderr: String

    public init(status: Int32, stdout: String, stderr: String) {
        self.status = status
        self.stdout = stdout
        self.stderr = stderr
    }
}

/// Runs the built `host` with `arguments` in `directory`, as a user would from a shell.
public func runHost(_ arguments: [String], in directory: URL, environment: [String: String] = [:]) throws -> HostResult {
    let process = Process()
    process.executableURL = Repository.hostExecutable
    process.arguments = arguments
    process.currentDirectoryURL = directory
    var env = ProcessInfo.processInfo.environment
    env["NO_COLOR"] = "1"
    for (key, value) in environment { env[key] = value }
    process.environment = env
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    // Read both pipes to the end before waiting, so a full pipe cannot block the child.
    let stderrBox = DataBox()
    let done = DispatchSemaphore(value: 0)
    Thread.detachNewThread {
        stderrBox.data = err.fileHandleForReading.readDataToEndOfFile()
        done.signal()
    }
    let stdoutData = out.fileHandleForReading.readDataToEndOfFile()
    done.wait()
    let stderrData = stderrBox.data
    process.waitUntilExit()
    return HostResult(status: process.terminationStatus,
                      stdout: String(decoding: stdoutData, as: UTF8.self),
                      stderr: String(decoding: stderrData, as: UTF8.self))
}

private final class DataBox: @unchecked Sendable {
    var data = Data()
}
