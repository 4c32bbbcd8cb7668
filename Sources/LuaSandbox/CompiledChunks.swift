import Synchronization

/// Chunks compiled from text once per process, kept as Lua's own dump of the function
/// (`lua_dump` with its debug information) and loaded from there by later interpreters.
///
/// A cold start parses the prelude and the function's script again in every new interpreter,
/// which cost most of the cold start's instructions (docs/profiles/lua.md). The dump is made
/// from a function the sandbox compiled from the text itself (mode "t", with the goto limit
/// and the deadline checks of `hs_load_chunk`), so loading it gives the same function: the
/// same constants, lines, local names and chunk name, hence the same messages and
/// tracebacks. Binary chunks come only from this cache; a script's `load` stays text only
/// (docs/sandbox.md#load-text-only). Entries are found by chunk name and the whole text, so a
/// script edited on disk is compiled afresh.
enum CompiledChunks {
    struct Key: Hashable {
        var chunkName: String
        var code: String
    }

    /// At most this many bytes of dumps are kept; past it the cache starts again empty.
    static let byteLimit = 16 << 20

    private struct Store {
        var dumps: [Key: [UInt8]] = [:]
        var bytes = 0
    }

    private static let store = Mutex(Store())

    static func dump(for key: Key) -> [UInt8]? {
        store.withLock { $0.dumps[key] }
    }

    static func keep(_ dump: [UInt8], for key: Key) {
        store.withLock { store in
            if store.bytes + dump.count > byteLimit {
                store.dumps.removeAll()
                store.bytes = 0
            }
            if store.dumps.updateValue(dump, forKey: key) == nil { store.bytes += dump.count }
        }
    }
}
