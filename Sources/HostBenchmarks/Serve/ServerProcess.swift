import Foundation
import Synchronization

/// A server the `serve.*` figures run against: `host serve` in a workspace, or moto's server
/// (`Tests/Benchmarks/moto_serve.py`), each on a port it picks and prints. Stopped with SIGTERM.
final class ServerProcess {
    let endpoint: Endpoint
    private let process: Process
    private let exited: DispatchSemaphore
    /// The last lines the server wrote, for the error message when it fails.
    private let lines = Lines()

    /// `host serve --port 0` in `workspace`; it prints `listening on http://127.0.0.1:PORT`.
    static func host(binary: String, workspace: URL) throws -> ServerProcess {
        try ServerProcess(executable: URL(fileURLWithPath: binary), arguments: ["serve", "--workspace", workspace.path, "--port", "0"],
                          portAfter: "listening on http://127.0.0.1:", portOnStandardError: true)
    }

    /// This program's `--floor-server` (FloorServer.swift); it prints `listening on
    /// http://127.0.0.1:PORT`.
    static func floor() throws -> ServerProcess {
        try ServerProcess(executable: URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath(), arguments: ["--floor-server"],
                          portAfter: "listening on http://127.0.0.1:", portOnStandardError: true)
    }

    /// moto's server with its Step Functions executing machines; it prints `port PORT`.
    static func moto(python: String, launcher: String) throws -> ServerProcess {
        guard FileManager.default.fileExists(atPath: launcher) else {
            throw BenchError("\(launcher) not found: run from the repository root")
        }
        return try ServerProcess(executable: URL(fileURLWithPath: "/usr/bin/env"), arguments: [python, launcher, "--port", "0"],
                                 portAfter: "port ", portOnStandardError: false)
    }

    private init(executable: URL, arguments: [String], portAfter marker: String, portOnStandardError: Bool) throws {
        process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let pipe = Pipe()
        if portOnStandardError {
            process.standardError = pipe
            process.standardOutput = FileHandle.nullDevice
        } else {
            process.standardOutput = pipe
            process.standardError = FileHandle.nullDevice
        }
        let exited = DispatchSemaphore(value: 0)
        self.exited = exited
        process.terminationHandler = { _ in exited.signal() }
        try process.run()
        // Reads the server's lines until it says its port, then drains the rest on a thread of
        // its own, so that a full pipe never blocks the server.
        let reader = pipe.fileHandleForReading
        var pending = Data()
        var port: Int?
        while port == nil {
            let chunk = reader.availableData
            guard !chunk.isEmpty else { break }
            pending.append(chunk)
            while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: pending[..<newline], as: UTF8.self)
                pending.removeSubrange(...newline)
                lines.remember(line)
                if let range = line.range(of: marker) {
                    port = Int(line[range.upperBound...].prefix { $0.isNumber })
                }
            }
        }
        guard let port else {
            process.waitUntilExit()
            throw BenchError("\(arguments.joined(separator: " ")) ended without saying its port: \(lines.last.joined(separator: "\n"))")
        }
        endpoint = Endpoint(port: port)
        Thread.detachNewThread { [lines] in
            while true {
                let chunk = reader.availableData
                if chunk.isEmpty { return }
                for line in String(decoding: chunk, as: UTF8.self).split(separator: "\n") { lines.remember(String(line)) }
            }
        }
    }

    var pid: Int32 { process.processIdentifier }

    /// A memory figure of the process from `/proc/PID/status` in bytes: `VmHWM` (peak
    /// resident set) or `VmRSS` (resident now).
    func memory(_ field: String) throws -> Int {
        let status = try String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)
        guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix(field + ":") }),
              let kilobytes = Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "") else {
            throw BenchError("no \(field) in /proc/\(pid)/status")
        }
        return kilobytes * 1024
    }

    /// The processor time the process has used so far (user and system), in seconds: how much
    /// work a figure cost the server, which other load on the machine does not change much.
    func processorSeconds() throws -> Double {
        let stat = try String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)
        // Fields after the command, which is in parentheses: state is field 3, utime 14, stime 15.
        guard let close = stat.lastIndex(of: ")") else { throw BenchError("cannot read /proc/\(pid)/stat") }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else {
            throw BenchError("cannot read /proc/\(pid)/stat")
        }
        // In clock ticks of USER_HZ, 100 a second on Linux.
        return (user + system) / 100
    }

    /// SIGTERM, and waits for the process to end.
    func stop() {
        guard process.isRunning else { return }
        process.terminate()
        exited.wait()
    }
}

/// The last lines a server wrote.
private final class Lines: Sendable {
    private let kept = Mutex<[String]>([])

    func remember(_ line: String) {
        kept.withLock { lines in
            lines.append(line)
            if lines.count > 20 { lines.removeFirst() }
        }
    }

    var last: [String] { kept.withLock { $0 } }
}
