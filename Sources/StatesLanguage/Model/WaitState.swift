/// A Wait state's own field: "A Wait state ("Type": "Wait") delays the state machine from
/// continuing for a specified time." It has exactly one of `Seconds`, `Timestamp`,
/// `SecondsPath` and `TimestampPath`.
public enum WaitState: Sendable {
    /// `Seconds` (an integer from 0 to 99999999), `SecondsPath`, or a JSONata expression.
    case seconds(Dynamic<Int>)
    /// `Timestamp`, `TimestampPath`, or a JSONata expression: wait until this instant.
    case timestamp(Dynamic<Timestamp>)
}
