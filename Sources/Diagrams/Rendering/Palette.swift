/// The colours of a diagram, and how text is written in each language.
///
/// The colours: A path is coloured as the Step Functions console's graph view
/// colours it: green succeeded, red failed, orange caught error, blue in progress, grey
/// cancelled, white not reached; `host` adds yellow for a state that succeeded after retries.
package enum Palette {
    /// A fill, a line (border or edge) and a text colour.
    package struct Colours: Equatable {
        package var fill: String
        package var line: String
        package var text: String
    }

    /// States of a diagram without an execution.
    package static let plain = Colours(fill: "#ffffff", line: "#545b64", text: "#16191f")
    /// Start and End.
    package static let terminal = Colours(fill: "#232f3e", line: "#232f3e", text: "#ffffff")
    /// Edges of a diagram without an execution, and the frames of clusters.
    static let edge = "#545b64"
    static let frame = "#879596"
    /// The font every label uses; SVG viewers take the first they have.
    static let font = "Helvetica,Arial,sans-serif"

    package static func colours(_ status: PathStatus?) -> Colours {
        switch status {
        case nil: plain
        case .succeeded?: Colours(fill: "#c5ebbd", line: "#1d8102", text: "#16191f")
        case .retried?: Colours(fill: "#fff0a6", line: "#b38f00", text: "#16191f")
        case .caught?: Colours(fill: "#ffd0a1", line: "#ec7211", text: "#16191f")
        case .failed?: Colours(fill: "#f9c0b8", line: "#d13212", text: "#16191f")
        case .inProgress?: Colours(fill: "#bcdcf5", line: "#0073bb", text: "#16191f")
        case .cancelled?: Colours(fill: "#d5dbdb", line: "#545b64", text: "#16191f")
        case .notReached?: Colours(fill: "#ffffff", line: "#c4c9cc", text: "#879596")
        // Coverage: what the tests used green, what they did not a strong magenta that no
        // execution status uses, drawn thick.
        case .covered?: Colours(fill: "#c5ebbd", line: "#1d8102", text: "#16191f")
        case .uncovered?: Colours(fill: "#fbd3ef", line: "#c7057e", text: "#16191f")
        }
    }

    /// Whether an edge of this status is drawn thick: the path the execution took.
    static func isTaken(_ status: PathStatus?) -> Bool {
        switch status {
        case .succeeded?, .retried?, .caught?, .failed?, .uncovered?: true
        default: false
        }
    }
}

extension Edge {
    /// The label with the number of traversals when the path took the edge more than once.
    var displayLabel: String? {
        guard let traversals, traversals > 1 else { return label }
        return label.map { "\($0) ×\(traversals)" } ?? "×\(traversals)"
    }
}

// MARK: - Writing text

extension String {
    /// A DOT string: `"` and `\` escaped, lines separated by `\n` (centred).
    var dotQuoted: String {
        var result = "\""
        for character in self {
            switch character {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": break
            default: result.append(character)
            }
        }
        return result + "\""
    }

    /// Text inside a DOT HTML-like label: `&`, `<`, `>` and `"` as entities, lines as `<br/>`.
    var htmlEscaped: String {
        var result = ""
        for character in self {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "\n": result += "<br/>"
            case "\r": break
            default: result.append(character)
            }
        }
        return result
    }

    /// Text inside a Mermaid string: characters that would end it or be read as HTML or
    /// Markdown written as Mermaid's entity codes (`#quot;`, `#60;`), lines as `<br>`.
    var mermaidEscaped: String {
        var result = ""
        for character in self {
            switch character {
            case "\"": result += "#quot;"
            case "#": result += "#35;"
            case "<": result += "#60;"
            case ">": result += "#62;"
            case "&": result += "#38;"
            case "`": result += "#96;"
            case "\n": result += "<br>"
            case "\r": break
            default: result.append(character)
            }
        }
        return result
    }

    /// A YAML double-quoted scalar, for Mermaid's title.
    var yamlQuoted: String {
        var result = "\""
        for character in self {
            switch character {
            case "\"", "\\": result += "\\" + String(character)
            case "\n", "\r": result += " "
            default: result.append(character)
            }
        }
        return result + "\""
    }
}
