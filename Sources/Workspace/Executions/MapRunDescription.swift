import Clocks
import Engine
import Foundation
import JSONValue
import Store

/// A Map Run as DescribeMapRun returns it
/// (https://docs.aws.amazon.com/step-functions/latest/apireference/API_DescribeMapRun.html):
/// members in the order of its response shape, dates in epoch seconds, `stopDate` only once it
/// has ended. `host` never redrives a Map Run, so `redriveCount` is 0 and there is no
/// `redriveDate`.
public struct MapRunDescription: Sendable, Equatable {
    public var progress: MapRunProgress

    public init(_ progress: MapRunProgress) { self.progress = progress }

    /// The Map Run a stored record describes; nil when its counts do not read back.
    init?(_ record: MapRunRecord) {
        guard let items = Self.counts(record.itemCounts), let executions = Self.counts(record.executionCounts),
              let status = MapRunProgress.Status(rawValue: record.status) else { return nil }
        progress = MapRunProgress(
            mapRunArn: record.mapRunArn, executionArn: record.executionArn, stateMachineArn: record.stateMachineArn, status: status,
            startDate: Date(epochMilliseconds: record.startDate), stopDate: record.stopDate.map(Date.init(epochMilliseconds:)),
            maxConcurrency: Int(record.maxConcurrency), toleratedFailureCount: Int(record.toleratedFailureCount),
            toleratedFailurePercentage: record.toleratedFailurePercentage, itemCounts: items, executionCounts: executions)
    }

    /// The record that keeps `progress`.
    static func record(of progress: MapRunProgress) -> MapRunRecord {
        MapRunRecord(
            mapRunArn: progress.mapRunArn, executionArn: progress.executionArn, stateMachineArn: progress.stateMachineArn,
            status: progress.status.rawValue, startDate: progress.startDate.epochMilliseconds,
            stopDate: progress.stopDate?.epochMilliseconds, maxConcurrency: Int64(progress.maxConcurrency),
            toleratedFailureCount: Int64(progress.toleratedFailureCount), toleratedFailurePercentage: progress.toleratedFailurePercentage,
            itemCounts: json(progress.itemCounts).compactString(), executionCounts: json(progress.executionCounts).compactString())
    }

    /// DescribeMapRun's answer.
    public var json: JSONValue {
        var object: JSONObject = [
            "mapRunArn": .string(progress.mapRunArn),
            "executionArn": .string(progress.executionArn),
            "status": .string(progress.status.rawValue),
            "startDate": ExecutionDescription.epochSeconds(progress.startDate.epochMilliseconds),
        ]
        if let stopDate = progress.stopDate { object["stopDate"] = ExecutionDescription.epochSeconds(stopDate.epochMilliseconds) }
        object["maxConcurrency"] = .int(Int64(progress.maxConcurrency))
        object["toleratedFailurePercentage"] = .double(progress.toleratedFailurePercentage)
        object["toleratedFailureCount"] = .int(Int64(progress.toleratedFailureCount))
        object["itemCounts"] = Self.json(progress.itemCounts)
        object["executionCounts"] = Self.json(progress.executionCounts)
        object["redriveCount"] = 0
        return .object(object)
    }

    /// ListMapRuns' item (`MapRunListItem`).
    public var listItem: JSONValue {
        var object: JSONObject = [
            "executionArn": .string(progress.executionArn),
            "mapRunArn": .string(progress.mapRunArn),
            "stateMachineArn": .string(progress.stateMachineArn),
            "startDate": ExecutionDescription.epochSeconds(progress.startDate.epochMilliseconds),
        ]
        if let stopDate = progress.stopDate { object["stopDate"] = ExecutionDescription.epochSeconds(stopDate.epochMilliseconds) }
        return .object(object)
    }

    /// `MapRunItemCounts` / `MapRunExecutionCounts`, members in the API reference's order.
    static func json(_ counts: MapRunCounts) -> JSONValue {
        [
            "pending": .int(Int64(counts.pending)), "running": .int(Int64(counts.running)),
            "succeeded": .int(Int64(counts.succeeded)), "failed": .int(Int64(counts.failed)),
            "timedOut": .int(Int64(counts.timedOut)), "aborted": .int(Int64(counts.aborted)),
            "total": .int(Int64(counts.total)), "resultsWritten": .int(Int64(counts.resultsWritten)),
            "failuresNotRedrivable": .int(Int64(counts.failuresNotRedrivable)), "pendingRedrive": .int(Int64(counts.pendingRedrive)),
        ]
    }

    static func counts(_ text: String) -> MapRunCounts? {
        guard let object = (try? JSONValue.parse(text))?.objectValue else { return nil }
        func count(_ key: String) -> Int? { object[key]?.intValue.map(Int.init) }
        guard let pending = count("pending"), let running = count("running"), let succeeded = count("succeeded"),
              let failed = count("failed"), let timedOut = count("timedOut"), let aborted = count("aborted"),
              let total = count("total") else { return nil }
        return MapRunCounts(pending: pending, running: running, succeeded: succeeded, failed: failed, timedOut: timedOut,
                            aborted: aborted, total: total, resultsWritten: count("resultsWritten") ?? 0,
                            failuresNotRedrivable: count("failuresNotRedrivable") ?? 0, pendingRedrive: count("pendingRedrive") ?? 0)
    }
}
