/// What the parser reports about the structure it reads, so that a `JSONDocument` can remember
/// where each node starts while `JSONValue.parse` pays nothing for it.
///
/// Events come in document order: a key is reported before its member's value, and every
/// `openContainer` is matched by one `closeContainer`, also for empty containers.
protocol ParseRecording {
    /// A string, number, `true`, `false` or `null` starts at byte `offset`.
    mutating func scalar(at offset: Int)
    /// An array (`isObject == false`) or object starts at byte `offset`.
    mutating func openContainer(isObject: Bool, at offset: Int)
    /// A member key (its opening quote) starts at byte `offset` in the innermost open object.
    mutating func key(_ key: String, at offset: Int)
    /// The innermost open container has ended.
    mutating func closeContainer()
}

/// Records nothing; the specialised parser compiles these calls away.
struct NoRecording: ParseRecording {
    @inline(__always) mutating func scalar(at offset: Int) {}
    @inline(__always) mutating func openContainer(isObject: Bool, at offset: Int) {}
    @inline(__always) mutating func key(_ key: String, at offset: Int) {}
    @inline(__always) mutating func closeContainer() {}
}

/// Where a node and, for objects, each member's key start, as byte offsets.
///
/// Members are kept in source order, duplicates included; `JSONDocument` finds them through
/// the parsed object, whose member order matches unless the object has duplicate keys.
enum LocationNode: Sendable {
    case scalar(start: Int)
    case array(start: Int, elements: [LocationNode])
    case object(start: Int, members: [MemberLocation])

    /// The byte offset where this node starts.
    var start: Int {
        switch self {
        case .scalar(let start), .array(let start, _), .object(let start, _): return start
        }
    }
}

/// A member's key, where the key starts, and the locations of its value.
struct MemberLocation: Sendable {
    var key: String
    var keyStart: Int
    var value: LocationNode
}

/// Builds the `LocationNode` tree that parallels the parsed value.
struct LocationTreeRecorder: ParseRecording {
    private struct Frame {
        var start: Int
        var isObject: Bool
        var elements: [LocationNode] = []
        var members: [MemberLocation] = []
        var pendingKey = ""
        var pendingKeyStart = 0
    }

    private var frames: [Frame] = []
    /// The finished tree, once the top-level value has been read.
    private(set) var root: LocationNode?

    mutating func scalar(at offset: Int) {
        attach(.scalar(start: offset))
    }

    mutating func openContainer(isObject: Bool, at offset: Int) {
        frames.append(Frame(start: offset, isObject: isObject))
    }

    mutating func key(_ key: String, at offset: Int) {
        frames[frames.count - 1].pendingKey = key
        frames[frames.count - 1].pendingKeyStart = offset
    }

    mutating func closeContainer() {
        let frame = frames.removeLast()
        attach(frame.isObject
            ? .object(start: frame.start, members: frame.members)
            : .array(start: frame.start, elements: frame.elements))
    }

    private mutating func attach(_ node: LocationNode) {
        guard !frames.isEmpty else {
            root = node
            return
        }
        let top = frames.count - 1
        if frames[top].isObject {
            frames[top].members.append(MemberLocation(key: frames[top].pendingKey, keyStart: frames[top].pendingKeyStart, value: node))
        } else {
            frames[top].elements.append(node)
        }
    }
}
