/// A Map Run's tolerated failures: "If you specify both values, the workflow fails when it
/// exceeds either value"; with neither, any failed child fails the Map Run, as the default
/// percentage is 0 (Step Functions' "Tolerated failure threshold for Distributed Map state").
struct MapRunTolerance: Sendable {
    var count: Int?
    var percentage: Double?
    var total: Int

    /// The cause of `States.ExceedToleratedFailureThreshold`, as the inline Map gives it
    /// (unsure: no recording at hand shows a Map Run that exceeded its threshold).
    static let exceededCause = "The specified tolerated failure threshold was exceeded"

    /// Whether `failures` failed (or timed out, or aborted) children are within the threshold.
    func tolerates(_ failures: Int) -> Bool {
        guard failures > 0 else { return true }
        if count == nil && percentage == nil { return false }
        if let count, failures > count { return false }
        // "the total number of failed or timed out items divided by the total number of items".
        if let percentage, Double(failures) * 100 / Double(max(total, 1)) > percentage { return false }
        return true
    }

    /// Whether the ended children's failures exceed the threshold.
    func isExceeded(by results: [ExecutionResult?]) -> Bool {
        !tolerates(results.filter { $0 != nil && $0?.status != .succeeded }.count)
    }
}
