import Foundation
import JSONValue

/// A JSON document given on the command line: as text, or read from a file or, for `-`, from
/// standard input. At most `limit` bytes are ever read, so an oversized file is refused without
/// being read whole.
public struct InputDocument: Sendable {
    /// StartExecution's `input`: "Length Constraints: Maximum length of 262144"
    /// (https://docs.aws.amazon.com/step-functions/latest/apireference/API_StartExecution.html),
    /// counted in bytes of UTF-8.
    public static let executionInputLimit = 262_144

    public var value: JSONValue
    /// Where it came from, as errors name it: the option, the file, or `-`.
    public var source: String

    /// Parses `text`, given by `option`.
    public static func text(_ text: String, option: String, limit: Int? = nil) throws(InputDocumentError) -> InputDocument {
        let size = text.utf8.count
        if let limit, size > limit { throw .tooLarge(source: option, bytes: size, limit: limit) }
        return try parse(Array(text.utf8), source: option)
    }

    /// Reads and parses the file at `path`; `-` reads standard input.
    public static func file(_ path: String, option: String, limit: Int? = nil) throws(InputDocumentError) -> InputDocument {
        let handle: FileHandle
        let name = path == "-" ? "standard input" : path
        var size: Int?
        if path == "-" {
            handle = FileHandle.standardInput
        } else {
            guard let opened = FileHandle(forReadingAtPath: path) else {
                let reason = FileManager.default.fileExists(atPath: path) ? "cannot be read" : "no such file"
                throw .unreadable(source: "\(option) \(path)", reason: reason)
            }
            handle = opened
            // A regular file's size is known before anything is read.
            if let attributes = try? FileManager.default.attributesOfItem(atPath: path),
               attributes[.type] as? FileAttributeType == .typeRegular,
               let bytes = (attributes[.size] as? NSNumber)?.intValue {
                size = bytes
            }
        }
        defer { if path != "-" { try? handle.close() } }
        if let limit, let size, size > limit { throw .tooLarge(source: name, bytes: size, limit: limit) }
        let data: Data
        do {
            // One byte past the limit tells an oversized document without reading all of it.
            data = try limit.map { try handle.read(upToCount: $0 + 1) ?? Data() } ?? handle.readToEnd() ?? Data()
        } catch {
            throw .unreadable(source: "\(option) \(path)", reason: (error as NSError).localizedDescription)
        }
        if let limit, data.count > limit { throw .tooLarge(source: name, bytes: nil, limit: limit) }
        return try parse(Array(data), source: name)
    }

    private static func parse(_ bytes: [UInt8], source: String) throws(InputDocumentError) -> InputDocument {
        do { return InputDocument(value: try JSONValue.parse(bytes: bytes), source: source) } catch {
            throw .invalidJSON(source: source, line: error.line, column: error.column, message: error.message)
        }
    }
}

/// Why a document given on the command line cannot be used; nothing has run.
public enum InputDocumentError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Over the limit: `bytes` is its size when known (nil: more than `limit`).
    case tooLarge(source: String, bytes: Int?, limit: Int)
    case unreadable(source: String, reason: String)
    case invalidJSON(source: String, line: Int, column: Int, message: String)

    public var description: String {
        switch self {
        case .tooLarge(let source, let bytes, let limit):
            // StartExecution's answer to an input over the limit: a ValidationException whose
            // message names the field and the constraint (the value itself is not repeated).
            let size = bytes.map { "it has \($0) bytes" } ?? "it has more than \(limit) bytes"
            return "\(source): ValidationException: 1 validation error detected: Value at 'input' failed to satisfy "
                + "constraint: Member must have length less than or equal to \(limit) (\(size))"
        case .unreadable(let source, let reason): return "\(source): \(reason)"
        case .invalidJSON(let source, let line, let column, let message): return "\(source):\(line):\(column): invalid JSON: \(message)"
        }
    }
}
