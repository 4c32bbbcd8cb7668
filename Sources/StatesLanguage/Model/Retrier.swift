/// One element of `Retry`: which errors it handles and how it waits between attempts.
public struct Retrier: Sendable, Hashable {
    /// `ErrorEquals`: "A non-empty array of strings that match error names."
    public var errorEquals: [String]
    /// `IntervalSeconds`: "the number of seconds before the first retry attempt" (default 1).
    public var intervalSeconds: Int
    /// `MaxAttempts`: "the maximum number of retry attempts" (default 3; 0 means never retry).
    public var maxAttempts: Int
    /// `BackoffRate`: "The multiplier by which the retry interval increases" (default 2.0).
    public var backoffRate: Double
    /// `MaxDelaySeconds`: the longest interval a retry waits, whatever the backoff gives.
    public var maxDelaySeconds: Int?
    /// `JitterStrategy` (default NONE).
    public var jitterStrategy: JitterStrategy
    /// `Comment`.
    public var comment: String?

    /// Makes a retrier; the defaults are AWS's.
    public init(
        errorEquals: [String], intervalSeconds: Int = 1, maxAttempts: Int = 3, backoffRate: Double = 2.0,
        maxDelaySeconds: Int? = nil, jitterStrategy: JitterStrategy = .none, comment: String? = nil
    ) {
        self.errorEquals = errorEquals
        self.intervalSeconds = intervalSeconds
        self.maxAttempts = maxAttempts
        self.backoffRate = backoffRate
        self.maxDelaySeconds = maxDelaySeconds
        self.jitterStrategy = jitterStrategy
        self.comment = comment
    }

    /// `JitterStrategy`: "FULL" randomises each interval between 0 and the computed delay.
    public enum JitterStrategy: String, Sendable, Hashable, CaseIterable {
        case full = "FULL"
        case none = "NONE"
    }
}
