import StatesLanguage

extension Diagram {
    /// The diagram as a Mermaid flowchart, which GitHub and many Markdown viewers draw: the
    /// nodes (each inside its subgraph), the edges (catchers dotted), then the colours as
    /// classes and link styles.
    package func mermaid() -> String {
        var writer = MermaidWriter()
        writer.write(self)
        return writer.lines.joined(separator: "\n") + "\n"
    }
}

private struct MermaidWriter {
    var lines: [String] = []

    mutating func write(_ diagram: Diagram) {
        lines += ["---", "title: \(diagram.title.yamlQuoted)", "---", "flowchart TD"]
        for item in diagram.root.items { write(item, indent: "  ") }
        for edge in diagram.edges {
            let arrow = edge.kind == .catch ? "-.->" : "-->"
            let label = edge.displayLabel.map { "|\(quoted($0))|" } ?? ""
            lines.append("  \(edge.from) \(arrow)\(label) \(edge.to)")
        }
        if diagram.showsPath {
            lines.append("  subgraph legend [\"Legend\"]")
            for status in diagram.legend { lines.append("    legend_\(status.rawValue)[\(quoted(status.caption))]") }
            lines.append("  end")
        }
        writeStyles(diagram)
    }

    private mutating func write(_ item: Cluster.Item, indent: String) {
        switch item {
        case .node(let node):
            lines.append(indent + node.id + shaped(node))
        case .cluster(let cluster):
            lines.append(indent + "subgraph \(cluster.id) [\(quoted(cluster.label ?? " "))]")
            for member in cluster.items { write(member, indent: indent + "  ") }
            lines.append(indent + "end")
        }
    }

    /// The node's text in the brackets of its shape: Task rounded, Pass a rectangle, Wait a
    /// hexagon, Choice a rhombus, Succeed and Fail (the ends) and Start and End stadiums,
    /// Parallel a parallelogram and Map a subroutine box.
    private func shaped(_ node: Node) -> String {
        let lines = ["<b>\(node.title.mermaidEscaped)</b>"] + node.details.map(\.mermaidEscaped) + node.notes.map { "<i>\($0.mermaidEscaped)</i>" }
        let text = "\"" + lines.joined(separator: "<br>") + "\""
        switch node.kind {
        case .start, .end: return "([\(quoted(node.title))])"
        case .join: return "((\" \"))"
        case .state(let type):
            switch type {
            case .task: return "(\(text))"
            case .pass: return "[\(text)]"
            case .wait: return "{{\(text)}}"
            case .choice: return "{\(text)}"
            case .succeed, .fail: return "([\(text)])"
            case .parallel: return "[/\(text)/]"
            case .map: return "[[\(text)]]"
            }
        }
    }

    private mutating func writeStyles(_ diagram: Diagram) {
        let terminal = Palette.terminal
        lines.append("  classDef terminal fill:\(terminal.fill),stroke:\(terminal.line),color:\(terminal.text)")
        lines.append("  class start,finish terminal")
        var members: [PathStatus: [String]] = [:]
        for node in diagram.nodes {
            if let status = node.status, node.kind != .start, node.kind != .end { members[status, default: []].append(node.id) }
        }
        for status in diagram.legend { members[status, default: []].append("legend_\(status.rawValue)") }
        for status in PathStatus.allCases {
            guard let ids = members[status] else { continue }
            let colours = Palette.colours(status)
            let width = Palette.isTaken(status) ? ",stroke-width:2px" : ""
            lines.append("  classDef \(status.rawValue) fill:\(colours.fill),stroke:\(colours.line),color:\(colours.text)\(width)")
            lines.append("  class \(ids.joined(separator: ",")) \(status.rawValue)")
        }
        writeFrames(diagram.root)
        // Edges are styled by their index, in the order they were written.
        var byStatus: [PathStatus: [Int]] = [:]
        for (index, edge) in diagram.edges.enumerated() {
            if let status = edge.status { byStatus[status, default: []].append(index) }
        }
        for status in PathStatus.allCases {
            guard let indexes = byStatus[status] else { continue }
            let colour = Palette.colours(status).line
            let width = Palette.isTaken(status) ? "3px" : "1px"
            lines.append("  linkStyle \(indexes.map(String.init).joined(separator: ",")) stroke:\(colour),stroke-width:\(width),color:\(colour)")
        }
    }

    /// Parallel and Map frames dashed in their state's colour, branches and processors dotted.
    private mutating func writeFrames(_ cluster: Cluster) {
        for item in cluster.items {
            guard case .cluster(let inner) = item else { continue }
            switch inner.kind {
            case .state:
                let line = inner.status.map { Palette.colours($0).line } ?? Palette.edge
                lines.append("  style \(inner.id) fill:none,stroke:\(line),stroke-width:\(Palette.isTaken(inner.status) ? 2 : 1)px,stroke-dasharray:6 3")
            case .scope, .machine:
                lines.append("  style \(inner.id) fill:none,stroke:\(Palette.frame),stroke-dasharray:2 2")
            }
            writeFrames(inner)
        }
    }

    /// A Mermaid string.
    private func quoted(_ text: String) -> String { "\"" + text.mermaidEscaped + "\"" }
}
