/// How a state was left, or why it ran again: what an execution's history does not say
/// exactly (two Choice rules, or a rule and the Default, can lead to the same state; a retry's
/// events do not name the retrier that granted it). Coverage reports are built on it
/// (docs/testing.md, "Coverage").
public enum StateDecision: Sendable, Hashable {
    /// Left by its `Next`.
    case next
    /// Left by the Choice rule at this index of `Choices`.
    case choice(Int)
    /// Left by a Choice state's `Default`.
    case defaultRule
    /// Left through the catcher at this index of `Catch`.
    case catcher(Int)
    /// Run again: the retrier at this index of `Retry` granted a retry.
    case retrier(Int)
    /// Left by `"End": true` or a Succeed state: its machine, branch or iteration ended.
    case end
}

extension ExecutionObserver {
    /// Observers that do not need decisions ignore them.
    public func decided(_ decision: StateDecision, state: String) {}
}

extension HistoryRecorder {
    /// Tells the observer, when there is one, how a state went.
    func decided(_ decision: StateDecision, state: String) {
        observer?.decided(decision, state: state)
    }
}
