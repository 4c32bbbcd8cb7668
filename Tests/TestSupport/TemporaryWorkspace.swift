import Foundation

/// A workspace folder of its own under the system's temporary folder, removed on deinit.
public final class TemporaryWorkspace {
    public let root: URL

    public init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("host-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("functions"), withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    public var functions: URL { root.appendingPathComponent("functions") }

    /// Writes `functions/<name>.lua` and, when given, its sidecar `functions/<name>.json`.
    public func addFunction(_ name: String, _ source: String, configuration: String? = nil) throws {
        try source.write(to: functions.appendingPathComponent("\(name).lua"), atomically: true, encoding: .utf8)
        if let configuration {
            try configuration.write(to: functions.appendingPathComponent("\(name).json"), atomically: true, encoding: .utf8)
        }
    }

    /// Copies a file of the repository (such as `functions/MockAPIFunction.lua`) in.
    public func copy(fromRepository path: String) throws {
        let source = Repository.root.appendingPathComponent(path)
        let target = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try? FileManager.default.removeItem(at: target)
        try FileManager.default.copyItem(at: source, to: target)
    }
}

/// The repository this test suite belongs to.
public enum Repository {
    public static let root: URL = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
        }
        fatalError("no Package.swift above \(#filePath)")
    }()

    /// The `host` executable `swift build` made for this test run.
    public static var hostExecutable: URL {
        let candidates = [".build/debug/host", ".build/release/host"].map { root.appendingPathComponent($0) }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[0]
    }
}
