import Foundation

/// A Map Run as it stands, in the terms of DescribeMapRun (API reference): its settings, its
/// status and how many of its items and child executions are pending, running and ended
/// each way (docs/distributed-map.md, "What `host` keeps").
public struct MapRunProgress: Sendable, Equatable {
    /// DescribeMapRun's `status`.
    public enum Status: String, Sendable, CaseIterable {
        case running = "RUNNING"
        case succeeded = "SUCCEEDED"
        case failed = "FAILED"
        case aborted = "ABORTED"
    }

    public var mapRunArn: String
    /// The parent execution, which started the Map Run.
    public var executionArn: String
    /// The labelled state machine the children run, `arn:...:stateMachine:MACHINE/LABEL`.
    public var stateMachineArn: String
    public var status: Status
    public var startDate: Date
    public var stopDate: Date?
    /// 0: no limit.
    public var maxConcurrency: Int
    /// 0 when not set, as DescribeMapRun reports it.
    public var toleratedFailureCount: Int
    /// 0 when not set ("The default percentage value is zero").
    public var toleratedFailurePercentage: Double
    /// `MapRunItemCounts`.
    public var itemCounts: MapRunCounts
    /// `MapRunExecutionCounts`.
    public var executionCounts: MapRunCounts

    public init(mapRunArn: String, executionArn: String, stateMachineArn: String, status: Status = .running, startDate: Date,
                stopDate: Date? = nil, maxConcurrency: Int, toleratedFailureCount: Int, toleratedFailurePercentage: Double,
                itemCounts: MapRunCounts, executionCounts: MapRunCounts) {
        self.mapRunArn = mapRunArn
        self.executionArn = executionArn
        self.stateMachineArn = stateMachineArn
        self.status = status
        self.startDate = startDate
        self.stopDate = stopDate
        self.maxConcurrency = maxConcurrency
        self.toleratedFailureCount = toleratedFailureCount
        self.toleratedFailurePercentage = toleratedFailurePercentage
        self.itemCounts = itemCounts
        self.executionCounts = executionCounts
    }

    /// A child started, with its `items` (one, or a batch's).
    mutating func childStarted(items: Int = 1) {
        itemCounts.start(items)
        executionCounts.start()
    }

    /// A child with `items` ended with `status`.
    mutating func childEnded(_ status: ExecutionStatus, items: Int = 1) {
        itemCounts.end(status, items)
        executionCounts.end(status)
    }
}
