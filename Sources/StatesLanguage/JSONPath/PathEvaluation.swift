import JSONValue

/// One evaluation of a path over a document, following Jayway's rules for what counts as
/// "not found" and what is an error.
///
/// Jayway skips what it cannot follow once the path has become indefinite (a wildcard,
/// filter or slice came before), but fails while the path so far is definite: a missing
/// member in the middle is `Missing property in path $['no']`, an index on a non-array is
/// `Filter: [0] can only be applied to arrays. …`. A missing last member is no error here;
/// the caller reports `No results for path: …` when a definite path found nothing.
struct PathEvaluation {
    let steps: [JSONPath.Step]
    /// The document `$` means inside filters.
    let document: JSONValue
    /// `upstreamDefinite[i]`: whether every step before step `i` is definite.
    private let upstreamDefinite: [Bool]
    /// The matches, in document order.
    private(set) var results: [JSONValue] = []

    init(path: JSONPath, document: JSONValue) {
        steps = path.steps
        self.document = document
        var flags: [Bool] = []
        var definiteSoFar = true
        for index in path.steps.indices {
            flags.append(definiteSoFar)
            definiteSoFar = definiteSoFar && path.isStepDefinite(at: index)
        }
        upstreamDefinite = flags
    }

    /// Applies step `index` and the ones after it to `model`, found at `path` (normal form).
    mutating func visit(_ index: Int, _ model: JSONValue, _ path: String) throws(PathMiss) {
        guard index < steps.count else { return results.append(model) }
        let isLeaf = index == steps.count - 1
        switch steps[index] {
        case .property(let names):
            guard case .object(let members) = model else {
                if upstreamDefinite[index] { throw Self.notAnObject(steps[index], path, model) }
                return
            }
            if names.count == 1 {
                try property(names[0], of: members, index, path, tokenDefinite: true)
            } else if isLeaf {
                // Jayway's "multi property merge case": the named members that exist, as one object.
                var merged = JSONObject()
                for name in names { if let value = members[name] { merged[name] = value } }
                results.append(.object(merged))
            } else {
                for name in names { try property(name, of: members, index, path, tokenDefinite: false) }
            }
        case .wildcard:
            switch model {
            case .object(let members):
                for (key, value) in members { try visit(index + 1, value, path + "['\(key)']") }
            case .array(let elements):
                for (position, element) in elements.enumerated() { try visit(index + 1, element, path + "[\(position)]") }
            default:
                return
            }
        case .index(let indexes):
            guard let elements = try array(model, index, path) else { return }
            for position in indexes { try element(position, of: elements, index, path) }
        case .slice(let from, let to):
            guard let elements = try array(model, index, path) else { return }
            for position in Self.slicePositions(from: from, to: to, count: elements.count) {
                try element(position, of: elements, index, path)
            }
        case .filter(let expression):
            switch model {
            case .object:
                if expression.accepts(model, root: document) { try visit(index + 1, model, path) }
            case .array(let elements):
                for (position, item) in elements.enumerated() where expression.accepts(item, root: document) {
                    try visit(index + 1, item, path + "[\(position)]")
                }
            default:
                if upstreamDefinite[index] {
                    throw PathMiss(message: "Filter: [?] can not be applied to primitives. Current context is: \(JavaText.string(of: model))")
                }
            }
        case .scan:
            try scan(index, model, path)
        }
    }

    /// One member, by Jayway's `handleObjectProperty`: a missing last member is simply no
    /// match; a missing member in the middle of a definite path is an error.
    private mutating func property(
        _ name: String, of members: JSONObject, _ index: Int, _ path: String, tokenDefinite: Bool
    ) throws(PathMiss) {
        let memberPath = path + "['\(name)']"
        guard let value = members[name] else {
            if index < steps.count - 1 && upstreamDefinite[index] && tokenDefinite {
                throw PathMiss(message: "Missing property in path " + memberPath)
            }
            return
        }
        try visit(index + 1, value, memberPath)
    }

    /// The elements when `model` is an array; nil (skip) or an error otherwise.
    private func array(_ model: JSONValue, _ index: Int, _ path: String) throws(PathMiss) -> [JSONValue]? {
        if case .array(let elements) = model { return elements }
        guard upstreamDefinite[index] else { return nil }
        if model == .null { throw PathMiss(message: "The path \(path) is null") }
        throw PathMiss(message: "Filter: \(steps[index].normalizedText) can only be applied to arrays. Current context is: \(JavaText.string(of: model))")
    }

    /// One element: a negative position counts from the end; one out of range is no match.
    private mutating func element(_ position: Int, of elements: [JSONValue], _ index: Int, _ path: String) throws(PathMiss) {
        let effective = position < 0 ? elements.count + position : position
        guard elements.indices.contains(effective) else { return }
        try visit(index + 1, elements[effective], path + "[\(position)]")
    }

    /// The positions a slice visits, exactly as Jayway's `ArrayPathToken` computes them: a
    /// negative start of `[from:]` and a negative end of `[:to]` count from the end, while
    /// `[from:to]` walks `from..<min(count, to)` and resolves each negative position on its own.
    static func slicePositions(from: Int?, to: Int?, count: Int) -> [Int] {
        switch (from, to) {
        case (let from?, nil):
            let start = max(0, from < 0 ? count + from : from)
            return count == 0 || start >= count ? [] : Array(start..<count)
        case (let from?, let to?):
            let end = min(count, to)
            return from >= end || count == 0 ? [] : Array(from..<end)
        case (nil, let to?):
            guard count > 0 else { return [] }
            let end = min(count, to < 0 ? count + to : to)
            return end > 0 ? Array(0..<end) : []
        case (nil, nil):
            return Array(0..<count)
        }
    }

    /// `..`: applies the next step at `model` and at every node below it, parents before
    /// children, members in order. The next step applies only where it can: a name at
    /// objects that have it, an index or slice at arrays, a filter at objects (so an object in
    /// an array is tested once, as Jayway's scan does).
    private mutating func scan(_ index: Int, _ model: JSONValue, _ path: String) throws(PathMiss) {
        let target = index + 1
        let applies: Bool = switch (steps[target], model) {
        case (.property(let names), .object(let members)): names.count > 1 || members[names[0]] != nil
        case (.index, .array), (.slice, .array), (.filter, .object): true
        case (.wildcard, .object), (.wildcard, .array): true
        default: false
        }
        if applies { try visit(target, model, path) }
        switch model {
        case .object(let members):
            for (key, value) in members { try scan(index, value, path + "['\(key)']") }
        case .array(let elements):
            for (position, element) in elements.enumerated() { try scan(index, element, path + "[\(position)]") }
        default:
            break
        }
    }

    /// Jayway's message for a member asked of something that is not an object.
    static func notAnObject(_ step: JSONPath.Step, _ path: String, _ model: JSONValue) -> PathMiss {
        PathMiss(message: "Expected to find an object with property \(step.normalizedText) in path \(path) but found '\(JavaText.className(of: model))'. This is not a json object according to the JsonProvider: '\(JavaText.jsonProvider)'.")
    }
}
