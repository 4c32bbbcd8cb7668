import StatesLanguage

/// A drawing of a state machine, before it is written in any language: nodes, the clusters that
/// hold them (Parallel branches, a Map's item processor) and the edges between them, each
/// marked with what an execution did there when the diagram shows one.
///
/// Make one with `Diagram(machine:name:path:)`; write it with `dot()` or `mermaid()`.
package struct Diagram: Sendable {
    /// The caption: the machine's name, and the execution's name and status when there is one.
    package var title: String
    /// The whole machine: Start, its states, End.
    package var root: Cluster
    /// Every edge, in the order of the definition.
    package var edges: [Edge]
    /// The statuses the legend explains; empty when the diagram shows no execution.
    package var legend: [PathStatus]

    /// Whether the diagram shows an execution's path.
    package var showsPath: Bool { !legend.isEmpty }

    package init(title: String, root: Cluster, edges: [Edge], legend: [PathStatus]) {
        self.title = title
        self.root = root
        self.edges = edges
        self.legend = legend
    }

    /// Every node, depth first, in the order they are drawn.
    package var nodes: [Node] { root.allNodes }
}

/// One box of the diagram: a state, the Start and End marks, or the point where a Parallel's
/// branches or a Map's iterations join.
package struct Node: Sendable, Equatable {
    /// What the node stands for, which decides its shape.
    package enum Kind: Sendable, Equatable {
        case start
        case end
        case join
        case state(StateType)
    }

    /// An identifier made of ASCII letters, digits and `_`, unique in the diagram.
    package var id: String
    package var kind: Kind
    /// The state's name ("Start", "End"; empty for a join).
    package var title: String
    /// Lines from the definition: the type and what it does, the retriers.
    package var details: [String]
    /// Lines about the execution: runs, retries, errors caught or failed with.
    package var notes: [String]
    /// What the execution did here; nil when the diagram shows no execution.
    package var status: PathStatus?

    package init(id: String, kind: Kind, title: String, details: [String] = [], notes: [String] = [], status: PathStatus? = nil) {
        self.id = id
        self.kind = kind
        self.title = title
        self.details = details
        self.notes = notes
        self.status = status
    }
}

/// A transition the definition allows.
package struct Edge: Sendable, Equatable {
    /// Which field of the definition the edge comes from.
    package enum Kind: Sendable, Equatable {
        /// `StartAt` of the machine, a branch or an item processor.
        case start
        /// `Next`.
        case next
        /// A Choice rule's `Next`.
        case choice
        /// A Choice state's `Default`.
        case defaultRule
        /// A catcher's `Next`: drawn apart (dashed).
        case `catch`
        /// `"End": true`, a Succeed or a Fail state: the end of the machine, branch or iteration.
        case end
    }

    package var from: String
    package var to: String
    package var kind: Kind
    /// The rule (Choice), the error names (Catch), or nil.
    package var label: String?
    /// How often the execution took the edge; nil when the diagram shows no execution.
    package var traversals: Int?
    /// `.succeeded` for an edge taken normally, `.caught` for a catcher taken, `.failed` for a
    /// Fail state's end taken, `.notReached` for an edge not taken; nil without an execution.
    package var status: PathStatus?

    package init(from: String, to: String, kind: Kind, label: String? = nil, traversals: Int? = nil, status: PathStatus? = nil) {
        self.from = from
        self.to = to
        self.kind = kind
        self.label = label
        self.traversals = traversals
        self.status = status
    }
}

/// A group of nodes drawn in one frame: the whole machine, a Parallel or Map state, one of a
/// Parallel's branches or a Map's item processor.
package struct Cluster: Sendable {
    /// What the cluster stands for.
    package enum Kind: Sendable, Equatable {
        /// The top level (not framed).
        case machine
        /// A Parallel or Map state: its node, its branches or processor, and its join.
        case state(StateType)
        /// A Parallel branch or a Map's item processor.
        case scope
    }

    /// One member of a cluster.
    package enum Item: Sendable {
        case node(Node)
        case cluster(Cluster)
    }

    package var id: String
    package var kind: Kind
    /// The caption ("branch 1", "item processor"), or nil.
    package var label: String?
    /// The state's status for a Parallel or Map cluster.
    package var status: PathStatus?
    package var items: [Item]

    package init(id: String, kind: Kind, label: String? = nil, status: PathStatus? = nil, items: [Item] = []) {
        self.id = id
        self.kind = kind
        self.label = label
        self.status = status
        self.items = items
    }

    /// The nodes of the cluster and of the clusters inside it, depth first.
    package var allNodes: [Node] {
        items.flatMap { item -> [Node] in
            switch item {
            case .node(let node): [node]
            case .cluster(let cluster): cluster.allNodes
            }
        }
    }
}

/// What an execution did in a state (or along an edge), as the Step Functions console's graph
/// view colours it.
package enum PathStatus: String, Sendable, CaseIterable {
    /// Every visit left the state normally, without a retry.
    case succeeded
    /// The state's work failed and was retried, and the state was then left normally.
    case retried
    /// An error was caught: the state was left through one of its catchers.
    case caught
    /// The state failed (a Fail state, or an error no catcher handled).
    case failed
    /// The state was entered and has not been left (the execution is running).
    case inProgress
    /// The state was stopped before it ended: the execution was aborted, or a sibling branch failed.
    case cancelled
    /// The execution never entered the state.
    case notReached
    /// Coverage (`host graph --coverage`): a test entered the state, or took the transition.
    case covered
    /// Coverage: no test entered the state, or took the transition; highlighted.
    case uncovered

    /// The words the legend uses.
    package var caption: String {
        switch self {
        case .succeeded: "succeeded"
        case .retried: "retried"
        case .caught: "caught error"
        case .failed: "failed"
        case .inProgress: "in progress"
        case .cancelled: "cancelled"
        case .notReached: "not reached"
        case .covered: "covered"
        case .uncovered: "not covered"
        }
    }
}
