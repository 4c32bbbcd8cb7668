/// Reading, writing and projecting an item by document paths.
extension AttributeMap {
    /// The value at `path`, or nil when the item has none there.
    func value(at path: DocumentPath) -> AttributeValue? {
        AttributeValue.map(self).value(at: path.elements[...])
    }

    /// Sets the value at `path`. A list index past the end appends ("If the element does not
    /// already exist, SET will append the new element at the end of the list", Update
    /// expressions). False when the path leads through something missing or of another type.
    mutating func set(_ value: AttributeValue, at path: DocumentPath) -> Bool {
        var whole = AttributeValue.map(self)
        guard whole.set(value, at: path.elements[...]), case .map(let members) = whole else { return false }
        self = members
        return true
    }

    /// Removes the value at `path`; nothing to remove is no error ("If the attributes do not
    /// exist, nothing happens"), a path through something missing or of another type is.
    mutating func remove(at path: DocumentPath) -> Bool {
        var whole = AttributeValue.map(self)
        guard whole.remove(at: path.elements[...]), case .map(let members) = whole else { return false }
        self = members
        return true
    }

    /// Only the parts of the item that `paths` name, nested as in the item: the result of a
    /// projection expression (`RelatedItems[0]` gives `RelatedItems` holding that element).
    func projected(_ paths: [DocumentPath]) -> AttributeMap {
        var root = ProjectionNode()
        for path in paths { root.insert(path.elements[...]) }
        guard case .map(let members)? = root.extract(from: .map(self)) else { return AttributeMap() }
        return members
    }
}

/// The tree of the paths a projection asks for.
private struct ProjectionNode {
    var children: [(PathElement, ProjectionNode)] = []
    /// The whole value is asked for, whatever else is.
    var whole = false

    mutating func insert(_ elements: ArraySlice<PathElement>) {
        guard let first = elements.first else {
            whole = true
            return
        }
        if let index = children.firstIndex(where: { $0.0 == first }) {
            children[index].1.insert(elements.dropFirst())
        } else {
            var child = ProjectionNode()
            child.insert(elements.dropFirst())
            children.append((first, child))
        }
    }

    func extract(from value: AttributeValue) -> AttributeValue? {
        if whole { return value }
        switch value {
        case .map(let members):
            var result = AttributeMap()
            for case (.name(let name), let child) in children {
                if let member = members[name], let part = child.extract(from: member) { result[name] = part }
            }
            return result.isEmpty ? nil : .map(result)
        case .list(let elements):
            let wanted = children.compactMap { element, child -> (Int, ProjectionNode)? in
                guard case .index(let index) = element, index < elements.count else { return nil }
                return (index, child)
            }.sorted { $0.0 < $1.0 }
            let parts = wanted.compactMap { index, child in child.extract(from: elements[index]) }
            return parts.isEmpty ? nil : .list(parts)
        default:
            return nil
        }
    }
}

extension AttributeValue {
    func value(at elements: ArraySlice<PathElement>) -> AttributeValue? {
        guard let first = elements.first else { return self }
        switch (first, self) {
        case (.name(let name), .map(let members)):
            return members[name]?.value(at: elements.dropFirst())
        case (.index(let index), .list(let list)) where index < list.count:
            return list[index].value(at: elements.dropFirst())
        default:
            return nil
        }
    }

    mutating func set(_ value: AttributeValue, at elements: ArraySlice<PathElement>) -> Bool {
        guard let first = elements.first else { return false }
        let rest = elements.dropFirst()
        switch (first, self) {
        case (.name(let name), .map(var members)):
            if rest.isEmpty {
                members[name] = value
            } else {
                guard var child = members[name], child.set(value, at: rest) else { return false }
                members[name] = child
            }
            self = .map(members)
        case (.index(let index), .list(var list)):
            if rest.isEmpty {
                if index < list.count { list[index] = value } else { list.append(value) }
            } else {
                guard index < list.count, list[index].set(value, at: rest) else { return false }
            }
            self = .list(list)
        default:
            return false
        }
        return true
    }

    mutating func remove(at elements: ArraySlice<PathElement>) -> Bool {
        guard let first = elements.first else { return false }
        let rest = elements.dropFirst()
        switch (first, self) {
        case (.name(let name), .map(var members)):
            if rest.isEmpty {
                members[name] = nil
            } else {
                guard var child = members[name], child.remove(at: rest) else { return false }
                members[name] = child
            }
            self = .map(members)
        case (.index(let index), .list(var list)):
            if rest.isEmpty {
                if index < list.count { list.remove(at: index) }
            } else {
                guard index < list.count, list[index].remove(at: rest) else { return false }
            }
            self = .list(list)
        default:
            return false
        }
        return true
    }
}
