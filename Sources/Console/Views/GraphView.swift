import Diagrams

/// A diagram of `host graph` (Diagrams) as the values the `cluster` template draws: the same
/// nodes, clusters, transitions and status colours, as HTML a browser lays out without Graphviz.
enum GraphView {
    /// The root cluster's values. Every key is set on every level (false or empty when it does
    /// not apply), so that no section reads a value of an enclosing one.
    static func values(of diagram: Diagram) -> [String: Any] {
        var edgesFrom: [String: [Edge]] = [:]
        for edge in diagram.edges { edgesFrom[edge.from, default: []].append(edge) }
        let titles = Dictionary(diagram.nodes.map { ($0.id, $0.kind == .join ? "join" : $0.title) }, uniquingKeysWith: { first, _ in first })
        return cluster(diagram.root, edgesFrom: edgesFrom, titles: titles)
    }

    /// The legend's entries.
    static func legend(of diagram: Diagram) -> [[String: Any]] {
        diagram.legend.map { ["key": $0.rawValue, "caption": $0.caption] }
    }

    /// The node id of each state, by the state's name.
    static func stateIds(of diagram: Diagram) -> [String: String] {
        var ids: [String: String] = [:]
        for node in diagram.nodes {
            if case .state = node.kind, ids[node.title] == nil { ids[node.title] = node.id }
        }
        return ids
    }

    private static func cluster(_ cluster: Cluster, edgesFrom: [String: [Edge]], titles: [String: String]) -> [String: Any] {
        let items: [[String: Any]] = cluster.items.map { item in
            switch item {
            case .node(let node): ["node": self.node(node, edges: edgesFrom[node.id] ?? [], titles: titles), "cluster": false]
            case .cluster(let inner): ["node": false, "cluster": self.cluster(inner, edgesFrom: edgesFrom, titles: titles)]
            }
        }
        return [
            "clusterKind": kindName(cluster.kind),
            "clusterHasStatus": cluster.status != nil, "clusterStatus": cluster.status?.rawValue ?? "",
            "clusterHasLabel": cluster.label != nil, "clusterLabel": cluster.label ?? "",
            "items": items,
        ]
    }

    private static func node(_ node: Node, edges: [Edge], titles: [String: String]) -> [String: Any] {
        let kind = switch node.kind {
        case .start: "start"
        case .end: "end"
        case .join: "join"
        case .state(let type): "state \(type.rawValue)"
        }
        return [
            "nodeId": node.id, "nodeKind": kind, "nodeTitle": node.kind == .join ? "⋯" : node.title,
            "nodeHasStatus": node.status != nil, "nodeStatus": node.status?.rawValue ?? "",
            "nodeNotes": node.notes,
            "nodeEdges": edges.map { edge -> [String: Any] in
                let label = edge.label.map { label in edge.traversals.map { $0 > 1 ? "\(label) ×\($0)" : label } ?? label }
                return [
                    "edgeKind": edgeKindName(edge.kind), "edgeTo": titles[edge.to] ?? edge.to,
                    "edgeTaken": edge.traversals.map { $0 > 0 } ?? false,
                    "edgeHasLabel": label != nil, "edgeLabel": label ?? "",
                ]
            },
        ]
    }

    private static func kindName(_ kind: Cluster.Kind) -> String {
        switch kind {
        case .machine: "machine"
        case .scope: "scope"
        case .state(let type): type.rawValue
        }
    }

    private static func edgeKindName(_ kind: Edge.Kind) -> String {
        switch kind {
        case .start: "start"
        case .next: "next"
        case .choice: "choice"
        case .defaultRule: "default"
        case .catch: "catch"
        case .end: "end"
        }
    }
}
