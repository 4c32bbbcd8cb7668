/// A Parallel state's own field: "The Parallel state ("Type": "Parallel") can be used to add
/// separate branches of execution in your state machine."
public struct ParallelState: Sendable {
    /// `Branches`: "An array of objects that specify state machines to execute in parallel."
    /// "States in a branch can only transition to other states in the same branch."
    public var branches: [StateMachine]

    /// Makes a Parallel state from its branches.
    public init(branches: [StateMachine]) { self.branches = branches }
}
