import JSONValue

/// One problem in a definition: where it is (its JSON path, and line and column when the
/// definition came from text), what is wrong, and how bad it is.
public struct Diagnostic: Sendable, Equatable, CustomStringConvertible {
    public var path: [JSONPathComponent]
    public var location: SourceLocation?
    public var message: String
    public var severity: Severity

    /// How a problem stands in the way.
    public enum Severity: String, Sendable, Equatable {
        /// The definition is invalid: AWS would refuse it too.
        case error
        /// The definition is valid, but uses something `host` does not run yet; it cannot run.
        case unsupported
    }

    public init(path: [JSONPathComponent], location: SourceLocation?, message: String, severity: Severity = .error) {
        self.path = path
        self.location = location
        self.message = message
        self.severity = severity
    }

    /// `$.States['Call API'].Next`: the path as a JSONPath, for people to find the place.
    public var pathDescription: String { path.jsonPathDescription }

    /// `LINE:COLUMN: error: MESSAGE (at PATH)` (or `unsupported:`); prefix it with the file
    /// name to print it.
    public var description: String {
        "\(location?.description ?? "1:1"): \(severity.rawValue): \(message) (at \(pathDescription))"
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
        record(message, at: path, atKey: atKey, severity: .error)
    }

    /// Records a problem with one character of the string at `path`: the one at
    /// `scalarOffset` Unicode scalars into its decoded text, located where the file writes it
    /// (escapes included), or else the string's start.
    public mutating func error(_ message: String, at path: [JSONPathComponent], scalarOffset: Int) {
        let location = document?.location(of: path, scalarOffset: scalarOffset) ?? document?.location(of: path)
        diagnostics.append(Diagnostic(path: path, location: location, message: message, severity: .error))
    }

    /// Records something valid that `host` does not run yet (see `Diagnostic.Severity`).
    public mutating func unsupported(_ message: String, at path: [JSONPathComponent], atKey: Bool = false) {
        record(message, at: path, atKey: atKey, severity: .unsupported)
    }

    private mutating func record(_ message: String, at path: [JSONPathComponent], atKey: Bool, severity: Diagnostic.Severity) {
        var location = atKey ? document?.keyLocation(of: path) : nil
        if location == nil { location = document?.location(of: path) }
        // A missing member is reported where its object starts.
        var parent = path
        while location == nil && !parent.isEmpty {
            parent.removeLast()
            location = document?.location(of: parent)
        }
        diagnostics.append(Diagnostic(path: path, location: location, message: message, severity: severity))
    }

    /// Whether no problem was recorded, of either severity.
    public var isEmpty: Bool { diagnostics.isEmpty }

    /// Whether some problem makes the definition invalid.
    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}
