import Foundation
import LuaSandbox

/// Checking a function's files without running it, for `host validate`.
extension FunctionCatalog {
    /// Every problem of function `name`'s files, each as `FILE:LINE:COLUMN: error: MESSAGE`:
    /// its sidecar's (invalid JSON, values Lambda refuses), then its script's, which must
    /// compile as Lua 5.4 text. Empty when the function can be called. Nothing runs: a
    /// missing `handler` shows only when the function is called.
    public func problems(of name: String) throws(FunctionLoadError) -> [String] {
        var problems: [String] = []
        var configuration = FunctionConfiguration()
        do { configuration = try load(name).configuration } catch {
            switch error {
            case .notFound: throw error
            case .configuration(let sidecar): problems += sidecar.problems
            case .unreadable(let path, let reason): return ["\(path):1:1: error: cannot be read: \(reason)"]
            }
        }
        let file = "functions/\(name).lua"
        let source: String
        do { source = try String(contentsOf: directory.appendingPathComponent("\(name).lua"), encoding: .utf8) } catch {
            return problems + ["\(file):1:1: error: cannot be read: \(error.localizedDescription)"]
        }
        if let problem = Self.compileProblem(source, name: name, configuration: configuration) {
            problems.append("\(file):\(problem.line):\(problem.column): error: \(problem.message)")
        }
        return problems
    }

    /// Compiles a script in a sandbox of the function's size, as a cold start would, without
    /// running it; the parser's message with its line and, where the message names the
    /// token it stopped at, that token's column.
    static func compileProblem(_ source: String, name: String, configuration: FunctionConfiguration)
        -> (line: Int, column: Int, message: String)? {
        let sandbox: LuaSandbox
        do { sandbox = try LuaSandbox(memoryLimit: configuration.memorySize << 20) } catch {
            return (1, 1, "cannot open an interpreter to compile it: \(error.message)")
        }
        defer { sandbox.close() }
        guard let failure = sandbox.compile(source, chunkName: "@\(name).lua", timeout: .seconds(configuration.timeout)) else {
            return nil
        }
        switch failure.kind {
        case .syntax: return LuaSyntaxMessage(failure.message, chunk: "\(name).lua").located(in: source)
        case .timeout: return (1, 1, "compiling it took longer than the function's timeout (\(configuration.timeout) s)")
        case .outOfMemory: return (1, 1, "compiling it needs more than the function's memory (\(configuration.memorySize) MB)")
        default: return (1, 1, failure.message)
        }
    }
}

/// A message of Lua's parser, `name.lua:6: 'end' expected (to close 'if' at line 4) near
/// 'error'`: the line it names and the text after it. The parser gives no column; where
/// the message ends with the token it stopped at (`near 'error'`), the column is where that
/// token first appears on the line, else 1. `near <eof>` is the end of the text.
struct LuaSyntaxMessage {
    var line: Int?
    var text: String

    init(_ message: String, chunk: String) {
        // Lua shortens a long chunk name ("...name.lua"), so look for the ':LINE: ' after
        // the name's last characters rather than for the whole name.
        let parts = message.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
        if parts.count == 3, parts[0].hasSuffix(chunk.suffix(min(chunk.count, 8))), let line = Int(parts[1]) {
            self.line = line
            text = String(parts[2].dropFirst(parts[2].hasPrefix(" ") ? 1 : 0))
        } else {
            line = nil
            text = message
        }
    }

    func located(in source: String) -> (line: Int, column: Int, message: String) {
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
        guard let line, line >= 1, line <= lines.count else { return (line ?? 1, 1, text) }
        let content = lines[line - 1]
        if text.hasSuffix("near <eof>") { return (line, content.count + 1, text) }
        guard let near = text.range(of: " near '", options: .backwards), text.hasSuffix("'") else { return (line, 1, text) }
        let token = text[near.upperBound..<text.index(before: text.endIndex)]
        guard !token.isEmpty, let found = content.range(of: token) else { return (line, 1, text) }
        return (line, content.distance(from: content.startIndex, to: found.lowerBound) + 1, text)
    }
}
