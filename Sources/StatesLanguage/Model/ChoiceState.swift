import JSONValue

/// A Choice state's own fields: "A Choice state ("Type": "Choice") adds conditional logic to a
/// state machine." Choice states have no `End` and use `Next` only inside `Choices`.
public struct ChoiceState: Sendable {
    /// `Choices`: the top-level rules, tried in order.
    public var choices: [Choice]
    /// `Default`: "The name of the state to transition to if no Choice Rule evaluates to true."
    public var defaultNext: String?

    /// Makes a Choice state.
    public init(choices: [Choice], defaultNext: String? = nil) {
        self.choices = choices
        self.defaultNext = defaultNext
    }

    /// One element of `Choices`: a rule and where to go when it matches.
    public struct Choice: Sendable {
        /// The condition.
        public var rule: ChoiceRule
        /// `Next`: "the value of this field must match a state name in the state machine."
        public var next: String
        /// `Assign`: variables set when this rule is the one that matches.
        public var assign: Payload?
        /// `Output` (JSONata): the state's output when this rule matches.
        public var output: JSONValue?
        /// `Comment`.
        public var comment: String?

        /// Makes a top-level rule.
        public init(rule: ChoiceRule, next: String, assign: Payload? = nil, output: JSONValue? = nil, comment: String? = nil) {
            self.rule = rule
            self.next = next
            self.assign = assign
            self.output = output
            self.comment = comment
        }
    }

    /// The first top-level rule that matches, or nil.
    public func firstMatch(input: JSONValue, context: JSONValue, variables: WorkflowVariables = WorkflowVariables()) throws(StatesError) -> Choice? {
        try firstMatchIndex(input: input, context: context, variables: variables).map { choices[$0] }
    }

    /// The index in `Choices` of the first top-level rule that matches, or nil.
    public func firstMatchIndex(input: JSONValue, context: JSONValue, variables: WorkflowVariables = WorkflowVariables()) throws(StatesError) -> Int? {
        for (index, choice) in choices.enumerated() where try choice.rule.matches(input: input, context: context, variables: variables) {
            return index
        }
        return nil
    }

    /// The state to go to: the `Next` of the first matching rule, else `Default`, else nil.
    ///
    /// Nil is "no match and no Default". "If no Choices evaluate to true when the workflow runs,
    /// and no Default is provided, the state machine will throw an error due to a failure to
    /// transition out of the state." The engine reports it (States.Runtime, docs/errors.md),
    /// adding the cause's "An error occurred while executing the state ..." prefix itself.
    public func evaluate(input: JSONValue, context: JSONValue) throws(StatesError) -> String? {
        try firstMatch(input: input, context: context)?.next ?? defaultNext
    }
}
