import JSONValue

/// A parsed test or mock file that can say where each of its values and keys is, so that a
/// problem names its line and column (docs/testing.md). JSON files are `JSONDocument`s, YAML
/// files `YAMLDocument`s; the readers take either.
protocol LocatedDocument: Sendable {
    var value: JSONValue { get }
    func location(of path: [JSONPathComponent]) -> SourceLocation?
    func keyLocation(of path: [JSONPathComponent]) -> SourceLocation?
}

extension JSONDocument: LocatedDocument {}
