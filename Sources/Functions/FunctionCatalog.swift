import Foundation
import JSONValue

/// One function: its script and its settings.
public struct FunctionDefinition: Sendable {
    public var name: String
    public var source: String
    public var configuration: FunctionConfiguration
}

/// Why a function cannot be loaded.
public enum FunctionLoadError: Error, Sendable, CustomStringConvertible {
    case notFound(name: String)
    case unreadable(path: String, reason: String)
    case configuration(FunctionConfigurationError)

    public var description: String {
        switch self {
        case .notFound(let name): "no function '\(name)': functions/\(name).lua does not exist"
        case .unreadable(let path, let reason): "\(path): cannot be read: \(reason)"
        case .configuration(let error): error.description
        }
    }
}

/// The functions of a workspace: `functions/<Name>.lua`, each with an optional
/// `functions/<Name>.json`. Files are read when a function is first needed.
public struct FunctionCatalog: Sendable {
    public let directory: URL

    public init(directory: URL) { self.directory = directory }

    /// The names of the functions present, sorted.
    public func names() -> [String] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return files.filter { $0.hasSuffix(".lua") }.map { String($0.dropLast(4)) }.sorted()
    }

    /// Reads one function's script and settings.
    public func load(_ name: String) throws(FunctionLoadError) -> FunctionDefinition {
        guard Self.isValidName(name) else { throw .notFound(name: name) }
        let script = directory.appendingPathComponent("\(name).lua")
        let sidecar = directory.appendingPathComponent("\(name).json")
        guard FileManager.default.fileExists(atPath: script.path) else { throw .notFound(name: name) }
        let source: String
        do { source = try String(contentsOf: script, encoding: .utf8) } catch {
            throw .unreadable(path: "functions/\(name).lua", reason: "\(error.localizedDescription)")
        }
        var configuration = FunctionConfiguration()
        if FileManager.default.fileExists(atPath: sidecar.path) {
            let text: String
            do { text = try String(contentsOf: sidecar, encoding: .utf8) } catch {
                throw .unreadable(path: "functions/\(name).json", reason: "\(error.localizedDescription)")
            }
            do { configuration = try FunctionConfiguration(json: text, file: "functions/\(name).json") } catch {
                throw .configuration(error)
            }
        }
        return FunctionDefinition(name: name, source: source, configuration: configuration)
    }

    /// Lambda's function names: 1 to 64 letters, digits, hyphens and underscores.
    public static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && name.count <= 64
            && name.unicodeScalars.allSatisfy { ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) || $0 == "-" || $0 == "_" }
    }
}
