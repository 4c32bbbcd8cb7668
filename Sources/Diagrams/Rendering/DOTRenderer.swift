import StatesLanguage

extension Diagram {
    /// The diagram in Graphviz's DOT language, which `dot -Tsvg` lays out: a line a node, a
    /// cluster frame or an edge, the nodes first (each inside its cluster), then the edges.
    package func dot() -> String {
        var writer = DOTWriter()
        writer.write(self)
        return writer.lines.joined(separator: "\n") + "\n"
    }
}

private struct DOTWriter {
    var lines: [String] = []

    mutating func write(_ diagram: Diagram) {
        let font = Palette.font.dotQuoted
        lines.append("digraph \(diagram.title.dotQuoted) {")
        lines.append("  graph [label=\(diagram.title.dotQuoted), labelloc=t, fontname=\(font), fontsize=14, nodesep=0.35, ranksep=0.4]")
        lines.append("  node [fontname=\(font), fontsize=11, style=filled, fillcolor=\(Palette.plain.fill.dotQuoted), "
            + "color=\(Palette.plain.line.dotQuoted), fontcolor=\(Palette.plain.text.dotQuoted)]")
        lines.append("  edge [fontname=\(font), fontsize=9, color=\(Palette.edge.dotQuoted), fontcolor=\(Palette.edge.dotQuoted), arrowsize=0.7]")
        for item in diagram.root.items { write(item, indent: "  ", showsPath: diagram.showsPath) }
        for edge in diagram.edges { write(edge) }
        if diagram.showsPath { writeLegend(diagram.legend) }
        lines.append("}")
    }

    private mutating func write(_ item: Cluster.Item, indent: String, showsPath: Bool) {
        switch item {
        case .node(let node):
            lines.append(indent + "\(node.id) [\(attributes(node, showsPath: showsPath))]")
        case .cluster(let cluster):
            lines.append(indent + "subgraph \(cluster.id) {")
            var frame = ["label=\((cluster.label ?? "").dotQuoted)"]
            switch cluster.kind {
            case .state:
                let colours = cluster.status.map(Palette.colours)
                frame += ["style=\"rounded,dashed\"", "color=\((colours?.line ?? Palette.edge).dotQuoted)",
                          "penwidth=\(Palette.isTaken(cluster.status) ? "2" : "1")"]
            case .scope, .machine:
                frame += ["style=\"rounded,dotted\"", "color=\(Palette.frame.dotQuoted)", "fontcolor=\(Palette.frame.dotQuoted)", "fontsize=9"]
            }
            lines.append(indent + "  graph [\(frame.joined(separator: ", "))]")
            for member in cluster.items { write(member, indent: indent + "  ", showsPath: showsPath) }
            lines.append(indent + "}")
        }
    }

    private func attributes(_ node: Node, showsPath: Bool) -> String {
        switch node.kind {
        case .start, .end:
            let colours = Palette.terminal
            return "label=\(node.title.dotQuoted), shape=oval, fillcolor=\(colours.fill.dotQuoted), color=\(colours.line.dotQuoted), "
                + "fontcolor=\(colours.text.dotQuoted), fontsize=10"
        case .join:
            let colours = Palette.colours(node.status)
            return "label=\"\", shape=point, width=0.12, color=\(colours.line.dotQuoted), fillcolor=\(colours.line.dotQuoted)"
        case .state(let type):
            var attributes = ["label=\(htmlLabel(node))"] + shape(type)
            if showsPath {
                let colours = Palette.colours(node.status)
                attributes += ["fillcolor=\(colours.fill.dotQuoted)", "color=\(colours.line.dotQuoted)", "fontcolor=\(colours.text.dotQuoted)"]
                if Palette.isTaken(node.status) { attributes.append("penwidth=2") }
            }
            return attributes.joined(separator: ", ")
        }
    }

    /// The name in bold, the definition's lines small, the execution's small and in italics.
    private func htmlLabel(_ node: Node) -> String {
        var parts = ["<b>\(node.title.htmlEscaped)</b>"]
        parts += node.details.map { "<font point-size=\"9\">\($0.htmlEscaped)</font>" }
        parts += node.notes.map { "<font point-size=\"9\"><i>\($0.htmlEscaped)</i></font>" }
        return "<" + parts.joined(separator: "<br/>") + ">"
    }

    /// Each type its shape: Task a rounded box, Pass a box, Wait a hexagon, Choice a diamond,
    /// Succeed a double ellipse and Fail a double octagon (the ends), Parallel a
    /// parallelogram and Map a stack (the heads of their clusters).
    private func shape(_ type: StateType) -> [String] {
        switch type {
        case .task: ["shape=box", "style=\"rounded,filled\""]
        case .pass: ["shape=box"]
        case .wait: ["shape=hexagon"]
        case .choice: ["shape=diamond"]
        case .succeed: ["shape=ellipse", "peripheries=2"]
        case .fail: ["shape=doubleoctagon"]
        case .parallel: ["shape=parallelogram"]
        case .map: ["shape=box3d"]
        }
    }

    private mutating func write(_ edge: Edge) {
        var attributes: [String] = []
        if let label = edge.displayLabel { attributes.append("label=\(label.dotQuoted)") }
        if edge.kind == .catch { attributes.append("style=dashed") }
        if let status = edge.status {
            let colour = Palette.colours(status).line
            attributes += ["color=\(colour.dotQuoted)", "fontcolor=\(colour.dotQuoted)"]
            if Palette.isTaken(status) { attributes.append("penwidth=2.5") }
        }
        let list = attributes.isEmpty ? "" : " [\(attributes.joined(separator: ", "))]"
        lines.append("  \(edge.from) -> \(edge.to)\(list)")
    }

    /// A table of the colours, under the title.
    private mutating func writeLegend(_ statuses: [PathStatus]) {
        var cells = ["<td border=\"0\"><b>Legend</b></td>"]
        for status in statuses {
            let colours = Palette.colours(status)
            cells.append("<td bgcolor=\"\(colours.fill)\" color=\"\(colours.line)\"><font color=\"\(colours.text)\">\(status.caption)</font></td>")
        }
        let taken = Palette.colours(.succeeded).line, caught = Palette.colours(.caught).line
        if statuses.contains(.uncovered) {
            let uncovered = Palette.colours(.uncovered).line
            cells.append("<td border=\"0\"><font color=\"\(uncovered)\"><b>—— not taken</b></font></td>")
        } else {
            cells.append("<td border=\"0\"><font color=\"\(taken)\"><b>—— path</b></font></td>")
        }
        cells.append("<td border=\"0\"><font color=\"\(caught)\"><b>- - - catch</b></font></td>")
        let table = "<table border=\"0\" cellborder=\"1\" cellspacing=\"4\" cellpadding=\"3\"><tr>\(cells.joined())</tr></table>"
        lines.append("  legend [shape=plaintext, style=\"\", fontsize=10, label=<\(table)>]")
        lines.append("  { rank=source; legend }")
    }
}
