import JSONValue

/// One problem in a definition: where it is (its JSON path, and line and column when the
/// definition came from text) and what is wrong.
public struct Diagnostic: Sendable, Equatable, CustomStringConvertible {
    public var path: [JSONPathComponent]
    public var location: SourceLocation?
    public var message: String

    public init(path: [JSONPathComponent], location: SourceLocation?, message: String) {
        self.path = path
        self.location = location
        self.message = message
    }

    /// `$.States['Call API'].Next`: the path as a JSONPath, for people to find the place.
    public var pathDescription: String { path.jsonPathDescription }

    /// `LINE:COLUMN: error: MESSAGE (at PATH)`; prefix it with the file name to print it.
    public var description: String {
        "\(location?.description ?? "1:1"): error: \(message) (at \(pathDescription))"
    }

    /// `FILE:LINE:COLUMN: error: MESSAGE (at PATH)`
    public func formatted(file: String) -> String { "\(file):\(description)" }
}

/// Collects diagnostics, looking up each one's place in the document.
public struct DiagnosticCollector: Sendable {
    public let document: JSONDocument?
    public private(set) var diagnostics: [Diagnostic] = []

    public init(document: JSONDocument?) { self.document = document }

    /// Records a problem with the value at `path` (or, with `atKey`, with the member's key,
    /// for problems such as an unknown field).
    public mutating func error(_ message: String, at path: [JSONPathComponent], atKey: Bool = false) {
        var location = atKey ? document?.keyLocation(of: path) : nil
        if location == nil { location = document?.location(of: path) }
        // A missing member is reported where its object starts.
        var parent = path
        while location == nil && !parent.isEmpty {
            parent.removeLast()
            location = document?.location(of: parent)
        }
        diagnostics.append(Diagnostic(path: path, location: location, message: message))
    }

    public var isEmpty: Bool { diagnostics.isEmpty }
}
