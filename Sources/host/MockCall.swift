import ArgumentParser
import Foundation
import Workspace

/// A mock configuration or test case that cannot be used: each problem on its own line, and
/// exit status 2 (nothing runs).
func mockCall<T>(_ body: () throws(MockConfigurationError) -> T) throws -> T {
    do { return try body() } catch {
        FileHandle.standardError.write(Data((error.description + "\n").utf8))
        throw ExitCode(2)
    }
}
