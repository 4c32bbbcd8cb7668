/// One scope of variable bindings: a block, a lambda call, a tuple of a path. Lookups walk
/// outward to the root frame, which holds the caller's bindings; built-in functions come last.
final class Frame {
    private var bindings: [String: Value]
    let parent: Frame?

    init(parent: Frame?, bindings: [String: Value] = [:]) {
        self.parent = parent
        self.bindings = bindings
    }

    func bind(_ name: String, _ value: Value) {
        bindings[name] = value
    }

    /// The nearest binding of `name`, or nil when no frame binds it.
    func lookup(_ name: String) -> Value? {
        var frame: Frame? = self
        while let current = frame {
            if let value = current.bindings[name] { return value }
            frame = current.parent
        }
        return nil
    }

    /// A frame binding every member of a tuple (`@`, focus and index variables, ancestors).
    static func fromTuple(_ tuple: ObjectBox, parent: Frame) -> Frame {
        Frame(parent: parent, bindings: Dictionary(uniqueKeysWithValues: tuple.members.map { ($0.key, $0.value) }))
    }
}
