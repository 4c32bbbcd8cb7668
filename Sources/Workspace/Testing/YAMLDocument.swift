import JSONValue
import Yams

/// A YAML workflow test file as the JSON value it stands for, with the place of each value and
/// key. Plain scalars take the types YAML 1.1's core schema resolves (null, booleans, integers,
/// floats), quoted ones stay strings; a mapping's keys must be scalars, and each once. An alias
/// stands for a copy of the value its anchor names, as Yams composes it.
struct YAMLDocument: LocatedDocument {
    let value: JSONValue
    private let locations: [[JSONPathComponent]: SourceLocation]
    private let keyLocations: [[JSONPathComponent]: SourceLocation]

    /// A problem with its place, in the form `host test` prints problems.
    struct Problem: Error {
        var location: SourceLocation?
        var message: String
    }

    static func parse(_ text: String) throws(Problem) -> YAMLDocument {
        let root: Node?
        do { root = try Yams.compose(yaml: text) } catch let error as YamlError {
            throw Problem(location: Self.location(of: error), message: "not valid YAML: \(Self.summary(of: error))")
        } catch {
            throw Problem(location: nil, message: "not valid YAML: \(error)")
        }
        guard let root else { throw Problem(location: SourceLocation(line: 1, column: 1), message: "the file is empty") }
        var builder = Builder()
        let value = try builder.convert(root, at: [])
        return YAMLDocument(value: value, locations: builder.locations, keyLocations: builder.keyLocations)
    }

    func location(of path: [JSONPathComponent]) -> SourceLocation? { locations[path] }
    func keyLocation(of path: [JSONPathComponent]) -> SourceLocation? { keyLocations[path] }

    private struct Builder {
        var locations: [[JSONPathComponent]: SourceLocation] = [:]
        var keyLocations: [[JSONPathComponent]: SourceLocation] = [:]

        mutating func convert(_ node: Node, at path: [JSONPathComponent]) throws(Problem) -> JSONValue {
            let place = node.mark.map { SourceLocation(line: $0.line, column: $0.column) }
            locations[path] = place
            switch node {
            case .scalar(let scalar):
                return Self.scalar(scalar)
            case .sequence(let sequence):
                var items: [JSONValue] = []
                for (index, item) in sequence.enumerated() { items.append(try convert(item, at: path + [.index(index)])) }
                return .array(items)
            case .mapping(let mapping):
                var members: JSONObject = [:]
                for (key, member) in mapping {
                    guard case .scalar(let name) = key else {
                        throw Problem(location: key.mark.map { SourceLocation(line: $0.line, column: $0.column) },
                                      message: "a key must be a plain string (at \(path.jsonPathDescription))")
                    }
                    let here = path + [.key(name.string)]
                    if members[name.string] != nil {
                        throw Problem(location: key.mark.map { SourceLocation(line: $0.line, column: $0.column) },
                                      message: "duplicate key '\(name.string)' (at \(here.jsonPathDescription))")
                    }
                    keyLocations[here] = key.mark.map { SourceLocation(line: $0.line, column: $0.column) }
                    members[name.string] = try convert(member, at: here)
                }
                return .object(members)
            case .alias:
                // Yams composes an alias as the node it refers to; one left over is refused.
                throw Problem(location: place, message: "a YAML alias host cannot resolve: write the value out (at \(path.jsonPathDescription))")
            }
        }

        private static func scalar(_ scalar: Node.Scalar) -> JSONValue {
            guard scalar.style == .any || scalar.style == .plain else { return .string(scalar.string) }
            let node = Node.scalar(scalar)
            if node.null != nil { return .null }
            if let bool = node.bool { return .bool(bool) }
            if let int = node.int { return .int(Int64(int)) }
            if let double = node.float { return .double(double) }
            return .string(scalar.string)
        }
    }

    private static func location(of error: YamlError) -> SourceLocation? {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
            return SourceLocation(line: mark.line, column: mark.column)
        default:
            return nil
        }
    }

    private static func summary(of error: YamlError) -> String {
        switch error {
        case .scanner(_, let problem, _, _), .parser(_, let problem, _, _), .composer(_, let problem, _, _):
            return problem
        default:
            return "\(error)"
        }
    }
}
