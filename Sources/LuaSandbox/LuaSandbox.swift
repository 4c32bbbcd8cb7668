import CLua
import Foundation
import JSONValue

/// One Lua interpreter with its own globals and libraries: an execution environment.
///
/// What a script changes (globals, library functions, the string metatable) stays in this
/// interpreter, and persists between calls as module-level state does in Lambda. Every
/// call runs under the sandbox's memory cap and a deadline. Not thread-safe: one caller at
/// a time (the Functions layer hands each environment to one invocation at a time).
public final class LuaSandbox: @unchecked Sendable {
    /// Receives each line a script writes, as it is written.
    public typealias OutputHandler = (ScriptOutputKind, String) -> Void

    private let state: UnsafeMutablePointer<HSState>
    private var L: OpaquePointer { state.pointee.L }
    /// The caller's handler, set only for the length of a call (it does not escape).
    private var output: OutputHandler?
    /// Answers a script's host API calls: the operation and its request, to the result or an
    /// error object. Set only for the length of a call.
    public typealias HostCallHandler = (_ operation: String, _ request: JSONValue) -> Result<JSONValue, HostCallError>
    private var hostCalls: HostCallHandler?
    /// The last reply to a host call, in memory the C side reads until the next call.
    private var reply = UnsafeMutableRawBufferPointer(start: nil, count: 0)
    private var closed = false
    /// The bytes the interpreter may hold while script code runs.
    private let memoryLimit: Int
    /// What time it is, as `os.time()` and `os.date()` tell a script.
    fileprivate let now: @Sendable () -> Date

    /// How long opening the interpreter and its libraries took.
    public private(set) var creationDuration: Duration = .zero

    /// True once a call ran out of time or memory: the interpreter may be in any state and
    /// must be closed, as Lambda discards an environment after a timeout or an out-of-memory.
    public private(set) var isSpent = false

    /// Opens an interpreter holding only the safe libraries. `memoryLimit` caps the bytes it
    /// may hold while script code runs. `now` is the time of day the script sees in
    /// `os.time()` and `os.date()` (the host's clock, which may be virtual); `os.clock()` stays
    /// the processor time the interpreter used.
    public init(memoryLimit: Int, now: @escaping @Sendable () -> Date = { Date() }) throws(ScriptFailure) {
        self.memoryLimit = memoryLimit
        self.now = now
        let clock = ContinuousClock()
        let start = clock.now
        guard let state = hs_open(memoryLimit, luaSandboxEmit, luaSandboxHostCall, luaSandboxNow, nil) else {
            throw ScriptFailure(kind: .outOfMemory, message: "cannot create a Lua state")
        }
        self.state = state
        state.pointee.emit_context = Unmanaged.passUnretained(self).toOpaque()
        lua_settop(L, 0)
        hs_lua_pushcfunction(L, hs_build_sandbox)
        if hs_lua_pcall(L, 0, 0, 0) != LUA_OK {
            let message = string(at: -1) ?? "cannot build the sandbox"
            hs_close(state)
            closed = true
            throw ScriptFailure(kind: .outOfMemory, message: message)
        }
        creationDuration = clock.now - start
    }

    deinit {
        close()
        reply.deallocate()
    }

    /// Closes the interpreter, running the finalizers still pending. Lines they write (such
    /// as errors in `__gc`) still reach `output`.
    public func close(output: OutputHandler = { _, _ in }) {
        guard !closed else { return }
        closed = true
        withoutActuallyEscaping(output) { output in
            self.output = output
            hs_close(state)
            self.output = nil
        }
    }

    /// The bytes the interpreter holds now.
    public var memoryInUse: Int { state.pointee.mem_used }

    /// True once the deadline of the call running now has passed. Output handlers that do
    /// long work for a script (splitting its text into lines) stop there; the script is
    /// stopped as soon as the handler returns.
    public var isPastDeadline: Bool { state.pointee.budget.deadline_ns != 0 && hs_deadline_passed(&state.pointee.budget) != 0 }

    /// The Lua release the process runs with, as the library names itself ("Lua 5.4.4"),
    /// which may differ from the release of the headers it was built with.
    public static let luaRelease: String = {
        let ident = String(cString: hs_lua_ident())
        // "$LuaVersion: Lua 5.4.4  Copyright (C) 1994-2022 Lua.org, PUC-Rio $..."
        guard let start = ident.range(of: "Lua 5") else { return "Lua (unknown release)" }
        return ident[start.lowerBound...].split(separator: " ", maxSplits: 2).prefix(2).joined(separator: " ")
    }()

    /// The Lua releases whose published bug lists the sandbox was checked against
    /// (docs/sandbox.md#lua-bugs).
    public static let checkedLuaReleases: Set<String> = ["Lua 5.4.4"]

    /// A warning to show once when the running Lua release is not one whose bug list was
    /// checked, or nil when it is.
    public static var uncheckedReleaseWarning: String? {
        guard !checkedLuaReleases.contains(luaRelease) else { return nil }
        return "warning: \(luaRelease) is not a release whose bug list the sandbox was checked against "
            + "(checked: \(checkedLuaReleases.sorted().joined(separator: ", "))); see docs/sandbox.md"
    }

    /// Sets a global to a JSON value (before any script code runs, for instance).
    public func setGlobal(_ name: String, to value: JSONValue) -> ScriptFailure? {
        let tape = TapeWriter(value).bytes
        let status = name.withCString { cname in
            tape.withUnsafeBytes { t in
                lua_settop(L, 0)
                hs_lua_pushcfunction(L, hs_set_global)
                lua_pushlightuserdata(L, UnsafeMutableRawPointer(mutating: cname))
                lua_pushlightuserdata(L, UnsafeMutableRawPointer(mutating: t.baseAddress))
                lua_pushinteger(L, lua_Integer(t.count))
                return hs_lua_pcall(L, 3, 0, 0)
            }
        }
        defer { lua_settop(L, 0) }
        return status == LUA_OK ? nil : ScriptFailure(kind: .outOfMemory, message: string(at: -1) ?? "")
    }

    /// Compiles `code` (text only, never bytecode) and runs it, as a module's top level runs
    /// when Lambda initialises a function. `chunkName` names it in messages ("@name.lua"
    /// gives "name.lua:3:").
    public func run(_ code: String, chunkName: String, timeout: Duration, output: OutputHandler = { _, _ in }) -> ScriptRun {
        budgeted(timeout: timeout, output: output) {
            lua_settop(L, 0)
            if let failure = load(code, chunkName: chunkName) { return .failure(failure) }
            // stack: message handler? no: [function]; put the handler below it
            hs_lua_pushcfunction(L, hs_message_handler)
            lua_rotate(L, 1, 1)
            let status = hs_lua_pcall(L, 0, 0, 1)
            return status == LUA_OK ? .success(.null) : .failure(failure(status: status))
        }
    }

    /// Compiles `code` as `run` does (text only, under the memory cap and the deadline) and
    /// runs nothing: nil when it parses, else the failure, whose message for a syntax error
    /// is the parser's, with its line (`name.lua:6: 'end' expected near 'error'`).
    public func compile(_ code: String, chunkName: String, timeout: Duration) -> ScriptFailure? {
        let run = budgeted(timeout: timeout) {
            lua_settop(L, 0)
            if let failure = compile(code, chunkName: chunkName) { return .failure(failure) }
            return .success(.null)
        }
        if case .failure(let failure) = run.result { return failure }
        return nil
    }

    /// Calls the global function `function` with `event` and `context` and returns its
    /// first result as JSON. `context` gains `get_remaining_time_in_millis()`.
    public func call(_ function: String, event: JSONValue, context: JSONValue, timeout: Duration,
                     output: OutputHandler = { _, _ in },
                     hostCalls: HostCallHandler = { operation, _ in .failure(.unavailable(operation)) }) -> ScriptRun {
        let eventTape = TapeWriter(event).bytes
        let contextTape = TapeWriter(context).bytes
        return withoutActuallyEscaping(hostCalls) { hostCalls in
            self.hostCalls = hostCalls
            defer {
                self.hostCalls = nil
                // A large reply's buffer is not kept between calls: it is memory the script
                // no longer holds.
                if reply.count > 1 << 16 {
                    reply.deallocate()
                    reply = UnsafeMutableRawBufferPointer(start: nil, count: 0)
                }
            }
            return call(function, eventTape: eventTape, contextTape: contextTape, timeout: timeout, output: output)
        }
    }

    private func call(_ function: String, eventTape: [UInt8], contextTape: [UInt8], timeout: Duration,
                      output: OutputHandler) -> ScriptRun {
        budgeted(timeout: timeout, output: output) {
            lua_settop(L, 0)
            hs_lua_pushcfunction(L, hs_message_handler)                      // 1
            let found = function.withCString { name in
                hs_lua_pushcfunction(L, hs_get_global)
                lua_pushlightuserdata(L, UnsafeMutableRawPointer(mutating: name))
                return hs_lua_pcall(L, 1, 1, 1)                               // 2: the function
            }
            if found != LUA_OK { return .failure(failure(status: found)) }
            guard lua_type(L, 2) == LUA_TFUNCTION else {
                return .failure(ScriptFailure(kind: .missingFunction, message: "no function '\(function)'"))
            }
            if let failure = push(eventTape, with: hs_tape_decode) { return .failure(failure) }      // 3
            if let failure = push(contextTape, with: hs_push_context) { return .failure(failure) }   // 4
            let status = hs_lua_pcall(L, 2, 1, 1)                             // 2: the result
            if status != LUA_OK { return .failure(failure(status: status)) }
            return encode(at: 2)
        }
    }

    // MARK: - Budgeted windows

    private func budgeted(timeout: Duration, output: OutputHandler, _ body: () -> Result<JSONValue, ScriptFailure>) -> ScriptRun {
        withoutActuallyEscaping(output) { output in
            self.output = output
            defer { self.output = nil }
            return budgeted(timeout: timeout, body)
        }
    }

    private func budgeted(timeout: Duration, _ body: () -> Result<JSONValue, ScriptFailure>) -> ScriptRun {
        precondition(!closed, "the sandbox is closed")
        let clock = ContinuousClock()
        let start = clock.now
        let (seconds, attoseconds) = timeout.components
        hs_begin_budget(state, seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
        var result = body()
        hs_end_budget(state)
        let duration = clock.now - start
        // A spent budget decides the outcome, whatever the script did with the error.
        if state.pointee.budget.timed_out != 0 {
            result = .failure(ScriptFailure(kind: .timeout, message: "Task timed out"))
        } else if state.pointee.out_of_memory != 0 {
            result = .failure(ScriptFailure(kind: .outOfMemory, message: "not enough memory"))
        }
        if state.pointee.budget.timed_out != 0 || state.pointee.out_of_memory != 0 { isSpent = true }
        lua_settop(L, 0)
        // The allocator refuses what would pass the cap, so the bytes held stay below it (a
        // single refused allocation of 200 MB leaves them where they were); a script that ran
        // out of memory wanted more than the cap, and the cap is its peak.
        var peak = state.pointee.mem_peak
        if case .failure(let failure) = result, failure.kind == .outOfMemory { peak = memoryLimit }
        return ScriptRun(result: result, duration: duration, peakMemoryBytes: peak)
    }

    // MARK: - Protected steps

    private func compile(_ code: String, chunkName: String) -> ScriptFailure? {
        var code = code
        let status: Int32 = code.withUTF8 { utf8 in
            chunkName.withCString { name in
                hs_lua_pushcfunction(L, hs_compile)
                lua_pushlightuserdata(L, UnsafeMutableRawPointer(mutating: utf8.baseAddress))
                lua_pushinteger(L, lua_Integer(utf8.count))
                lua_pushlightuserdata(L, UnsafeMutableRawPointer(mutating: name))
                return hs_lua_pcall(L, 3, LUA_MULTRET, 0)
            }
        }
        if status != LUA_OK { return failure(status: status) }
        if lua_type(L, -1) == LUA_TFUNCTION { return nil }
        let message = string(at: -1) ?? "syntax error"
        lua_settop(L, 0)
        return ScriptFailure(kind: .syntax, message: message)
    }

    /// Leaves `code`'s function on the stack: loaded from the dump of an earlier compilation
    /// of the same text (`CompiledChunks`), else compiled from the text and its dump kept.
    private func load(_ code: String, chunkName: String) -> ScriptFailure? {
        let key = CompiledChunks.Key(chunkName: chunkName, code: code)
        if let dump = CompiledChunks.dump(for: key) {
            let status = dump.withUnsafeBytes { d in
                chunkName.withCString { name in
                    hs_lua_pushcfunction(L, hs_load_dump)
                    lua_pushlightuserdata(L, UnsafeMutableRawPointer(mutating: d.baseAddress))
                    lua_pushinteger(L, lua_Integer(d.count))
                    lua_pushlightuserdata(L, UnsafeMutableRawPointer(mutating: name))
                    return hs_lua_pcall(L, 3, 1, 0)
                }
            }
            return status == LUA_OK ? nil : failure(status: status)
        }
        if let failure = compile(code, chunkName: chunkName) { return failure }
        var buffer = HSDumpBuffer()
        if hs_dump(L, &buffer) == 0 {
            CompiledChunks.keep(Array(UnsafeRawBufferPointer(start: buffer.bytes, count: buffer.len)), for: key)
        }
        free(buffer.bytes)
        return nil
    }

    private func push(_ tape: [UInt8], with decoder: lua_CFunction) -> ScriptFailure? {
        let status = tape.withUnsafeBytes { t in
            hs_lua_pushcfunction(L, decoder)
            lua_pushlightuserdata(L, UnsafeMutableRawPointer(mutating: t.baseAddress))
            lua_pushinteger(L, lua_Integer(t.count))
            return hs_lua_pcall(L, 2, 1, 0)
        }
        return status == LUA_OK ? nil : failure(status: status)
    }

    private func encode(at index: Int32) -> Result<JSONValue, ScriptFailure> {
        hs_lua_pushcfunction(L, hs_tape_encode)
        lua_pushvalue(L, index)
        let status = hs_lua_pcall(L, 1, 0, 0)
        if status != LUA_OK {
            if status == LUA_ERRMEM { return .failure(failure(status: status)) }
            return .failure(ScriptFailure(kind: .marshal, message: string(at: -1) ?? "cannot marshal the result"))
        }
        let out = UnsafeRawBufferPointer(start: state.pointee.out, count: state.pointee.out_len)
        defer { hs_out_release(state) }
        return TapeReader.read(out).mapError { ScriptFailure(kind: .marshal, message: $0.message) }
    }

    /// Describes the error value on top of the stack, left there by a failed lua_pcall.
    private func failure(status: Int32) -> ScriptFailure {
        if status == LUA_ERRMEM {
            return ScriptFailure(kind: .outOfMemory, message: string(at: -1) ?? "not enough memory")
        }
        let top = lua_gettop(L)
        hs_lua_pushcfunction(L, hs_describe_error)
        lua_pushvalue(L, top)
        guard hs_lua_pcall(L, 1, 3, 0) == LUA_OK else {
            return ScriptFailure(kind: .runtime, message: string(at: -1) ?? "error in error handling")
        }
        let failure = ScriptFailure(
            kind: .runtime,
            name: string(at: -3),
            message: string(at: -2) ?? "",
            traceback: Self.frames(of: string(at: -1))
        )
        lua_settop(L, top)
        return failure
    }

    /// The frames of luaL_traceback's text, without its heading, the C frames and tail
    /// calls, which tell a script's author nothing.
    static func frames(of traceback: String?) -> [String] {
        guard let traceback else { return [] }
        // Split on the newline byte, which is what luaL_traceback puts between frames: a
        // split by Character (grapheme clusters) cost a third of a failed invocation. Where a
        // "\r\n" makes one Character of two bytes, the Character split is kept.
        guard !traceback.utf8.contains(UInt8(ascii: "\r")) else {
            return frames(of: traceback.split(separator: "\n").dropFirst().map { $0 })
        }
        return frames(of: traceback.utf8.split(separator: UInt8(ascii: "\n")).dropFirst().map { Substring($0) })
    }

    private static func frames(of lines: [Substring]) -> [String] {
        lines.compactMap { line in
            let frame = line.drop(while: { $0 == "\t" || $0 == " " })
            if frame.hasPrefix("[C]:") || frame.hasPrefix("(...tail calls...)") { return nil }
            return String(frame)
        }
    }

    private func string(at index: Int32) -> String? {
        var length = 0
        guard let p = hs_string_at(L, index, &length) else { return nil }
        return String(decoding: UnsafeRawBufferPointer(start: p, count: length), as: UTF8.self)
    }

    /// Runs the host call a script made and leaves the reply's tape where C reads it.
    ///
    /// What the host builds on the script's behalf counts against the script's memory
    /// (`hs_charge`): the parsed request and the work on it, estimated before it starts, and
    /// the reply. Work that would not fit is the script running out of memory, as it would be
    /// if the script did it itself.
    fileprivate func answer(_ operation: String, request: UnsafeRawBufferPointer) -> Int32 {
        var charged = 0
        defer { hs_uncharge(state, charged) }
        func charge(_ bytes: Int) -> Bool {
            guard hs_charge(state, bytes) != 0 else { return false }
            charged += bytes
            return true
        }
        guard charge(Self.workEstimate(operation, request: request)) else { return HS_HOST_NEEDS_MEMORY }
        let outcome: Result<JSONValue, HostCallError>
        switch TapeReader.read(request) {
        case .success(let value):
            outcome = Self.json(operation, value) ?? hostCalls?(operation, value) ?? .failure(.unavailable(operation))
        case .failure(let error):
            outcome = .failure(HostCallError(errorType: "ParamValidationError", errorMessage: error.message))
        }
        let (failed, value): (Int32, JSONValue) = switch outcome {
        case .success(let result): (0, result)
        case .failure(let error): (1, error.object)
        }
        let tape = TapeWriter(value).bytes
        // The reply's tape and the buffer C reads it from.
        guard charge(2 * tape.count) else { return HS_HOST_OUT_OF_MEMORY }
        if reply.count < tape.count {
            reply.deallocate()
            reply = .allocate(byteCount: max(tape.count, 256), alignment: 8)
        }
        tape.withUnsafeBytes { reply.copyMemory(from: $0) }
        state.pointee.reply = UnsafePointer(reply.baseAddress?.assumingMemoryBound(to: UInt8.self))
        state.pointee.reply_len = tape.count
        // The buffer's charge goes to C, which ends it once the reply is a Lua string.
        state.pointee.reply_charged = tape.count
        charged -= tape.count
        return failed
    }

    /// What the host may hold while it serves `operation`, beyond the request's tape (which
    /// C already charged): the request as a JSON value (a few times its tape), and for
    /// `json:encode` the text, for `json:decode` the parsed tree (`hs_json_cost`).
    static func workEstimate(_ operation: String, request: UnsafeRawBufferPointer) -> Int {
        switch operation {
        case "json:decode":
            return 2 * request.count + Int(hs_json_cost(request.baseAddress?.assumingMemoryBound(to: UInt8.self), request.count))
        case "json:encode":
            return 6 * request.count
        default:
            return 3 * request.count
        }
    }

    /// `json:encode` and `json:decode`, which the sandbox answers itself: JSON text is made
    /// and read by the same writer and parser as everywhere else.
    static func json(_ operation: String, _ value: JSONValue) -> Result<JSONValue, HostCallError>? {
        switch operation {
        case "json:encode":
            return .success(.string(value.compactString()))
        case "json:decode":
            guard case .string(let text) = value else {
                return .failure(HostCallError(errorType: "JSONDecodeError", errorMessage: "json.decode expects a string, got a \(value.typeName)"))
            }
            do { return .success(try JSONValue.parse(text)) } catch {
                return .failure(HostCallError(errorType: "JSONDecodeError", errorMessage: "\(error.line):\(error.column): \(error.message)"))
            }
        default:
            return nil
        }
    }

    fileprivate func emit(_ kind: Int32, _ text: String) {
        let kind: ScriptOutputKind = switch Int(kind) {
        case HS_EMIT_WARNING: .warning
        case HS_EMIT_DEBUG: .debug
        case HS_EMIT_INFO: .info
        case HS_EMIT_WARN: .warn
        case HS_EMIT_ERROR: .error
        default: .print
        }
        output?(kind, text)
    }
}

/// The C side's HSEmitFunction. It runs inside Lua calls and only hands the text over.
private func luaSandboxEmit(_ context: UnsafeMutableRawPointer?, _ kind: Int32, _ text: UnsafePointer<CChar>?, _ length: Int) {
    guard let context, let text else { return }
    let sandbox = Unmanaged<LuaSandbox>.fromOpaque(context).takeUnretainedValue()
    let string = String(decoding: UnsafeRawBufferPointer(start: text, count: length), as: UTF8.self)
    sandbox.emit(kind, string)
}

/// The C side's HSNowFunction: the sandbox's clock, in seconds since the Unix epoch.
private func luaSandboxNow(_ context: UnsafeMutableRawPointer?) -> Double {
    guard let context else { return Date().timeIntervalSince1970 }
    return Unmanaged<LuaSandbox>.fromOpaque(context).takeUnretainedValue().now().timeIntervalSince1970
}

/// The C side's HSHostCallFunction. It runs inside a Lua call and only passes the request on.
private func luaSandboxHostCall(_ context: UnsafeMutableRawPointer?, _ operation: UnsafePointer<CChar>?, _ length: Int,
                                _ request: UnsafePointer<UInt8>?, _ requestLength: Int) -> Int32 {
    guard let context, let operation else { return 1 }
    let sandbox = Unmanaged<LuaSandbox>.fromOpaque(context).takeUnretainedValue()
    let name = String(decoding: UnsafeRawBufferPointer(start: operation, count: length), as: UTF8.self)
    return sandbox.answer(name, request: UnsafeRawBufferPointer(start: request, count: requestLength))
}

/// The process's `strcoll`, which liblua's string comparisons call: the C library's until the
/// deadline of the window open on the calling thread has passed, then an immediate answer that
/// ends the comparison (`hs_strcoll`, `Sources/CLua/hs_watchdog.h`; docs/sandbox.md, "The
/// deadline"). It lives in this file because the C headers' variables (the watchdog, its flag)
/// exist once for each object file; `package` gives it the global symbol the linker exports.
@_cdecl("strcoll")
package func luaSandboxStrcoll(_ a: UnsafePointer<CChar>, _ b: UnsafePointer<CChar>) -> Int32 {
    hs_strcoll(a, b)
}

/// A host API call that failed: the error the script sees, `{errorType, errorMessage}`.
public struct HostCallError: Error, Sendable, Equatable {
    public var errorType: String
    public var errorMessage: String

    public init(errorType: String, errorMessage: String) {
        self.errorType = errorType
        self.errorMessage = errorMessage
    }

    public static func unavailable(_ operation: String) -> HostCallError {
        HostCallError(errorType: "UnknownOperationException", errorMessage: "The host offers no operation '\(operation)' here.")
    }

    var object: JSONValue { ["errorType": .string(errorType), "errorMessage": .string(errorMessage)] }
}
