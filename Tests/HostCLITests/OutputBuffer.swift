import Foundation

/// Bytes a child process printed, gathered from its pipe's handler thread while it runs.
final class OutputBuffer: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()

    func append(_ chunk: Data) {
        lock.lock()
        data.append(chunk)
        lock.unlock()
    }

    var text: String {
        lock.lock()
        defer { lock.unlock() }
        return String(decoding: data, as: UTF8.self)
    }

    /// Gathers what `pipe` receives from now on.
    func collect(_ pipe: Pipe) {
        pipe.fileHandleForReading.readabilityHandler = { [self] handle in append(handle.availableData) }
    }

    /// Stops gathering and adds what `pipe` still holds, up to its end (the writer has exited).
    func finish(_ pipe: Pipe) {
        pipe.fileHandleForReading.readabilityHandler = nil
        append(pipe.fileHandleForReading.readDataToEndOfFile())
    }

    /// Polls until `condition` holds for the text so far, or `seconds` pass.
    func wait(until seconds: TimeInterval, _ condition: (String) -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while !condition(text) {
            if Date() >= deadline { return false }
            usleep(20_000)
        }
        return true
    }
}
