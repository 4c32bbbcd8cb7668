/// One scope of variable bindings: a block, a lambda call, a tuple of a path. Lookups walk
/// outward to the root frame, which holds the caller's bindings; built-in functions come last.
///
/// A frame holds a handful of names (a lambda's parameters, a block's variables): the first
/// two are kept in the frame itself and the rest in arrays, searched in order, which costs
/// less than allocating and hashing.
///
/// A frame is used by one evaluation on one thread, and none of its methods calls out while
/// it changes the frame, so its storage skips run-time exclusivity checks.
final class Frame {
    @exclusivity(unchecked) private var name0: String?
    @exclusivity(unchecked) private var value0: Value = .undefined
    @exclusivity(unchecked) private var name1: String?
    @exclusivity(unchecked) private var value1: Value = .undefined
    @exclusivity(unchecked) private var names: [String] = []
    @exclusivity(unchecked) private var values: [Value] = []
    /// How many names the frame binds: a lambda's frame can be reused for its next call only
    /// while it binds nothing but the parameters (see `Evaluator.lambdaFrame`).
    @exclusivity(unchecked) private(set) var count = 0
    let parent: Frame?

    init(parent: Frame?) {
        self.parent = parent
    }

    func bind(_ name: String, _ value: Value) {
        if name0 == nil || name0 == name {
            if name0 == nil { count += 1 }
            name0 = name
            value0 = value
        } else if name1 == nil || name1 == name {
            if name1 == nil { count += 1 }
            name1 = name
            value1 = value
        } else if let index = names.firstIndex(of: name) {
            values[index] = value
        } else {
            names.append(name)
            values.append(value)
            count += 1
        }
    }

    /// Names are compared by length first: most names that differ differ in length, and that
    /// costs less than comparing their text.
    private func local(_ name: String, length: Int) -> Value? {
        if let name0, name0.utf8.count == length, name0 == name { return value0 }
        if let name1, name1.utf8.count == length, name1 == name { return value1 }
        if !names.isEmpty, let index = names.firstIndex(of: name) { return values[index] }
        return nil
    }

    /// The nearest binding of `name`, or nil when no frame binds it.
    func lookup(_ name: String) -> Value? {
        let length = name.utf8.count
        if let value = local(name, length: length) { return value }
        var frame = parent
        while let current = frame {
            if let value = current.local(name, length: length) { return value }
            frame = current.parent
        }
        return nil
    }

    /// A frame binding every member of a tuple (`@`, focus and index variables, ancestors).
    static func fromTuple(_ tuple: ObjectBox, parent: Frame) -> Frame {
        let frame = Frame(parent: parent)
        for (key, value) in tuple.members { frame.bind(key, value) }
        return frame
    }
}
