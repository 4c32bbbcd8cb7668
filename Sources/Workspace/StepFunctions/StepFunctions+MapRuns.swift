import Engine
import JSONValue
import Store

/// The Map Runs of Distributed Maps (docs/distributed-map.md): ListMapRuns, DescribeMapRun,
/// and ListExecutions of one Map Run's children.
extension StepFunctions {
    /// DescribeMapRun: InvalidArn for what is no Map Run's ARN, ResourceNotFound for one
    /// that is not stored.
    public func describeMapRun(arn: String) throws(ServiceError) -> MapRunDescription {
        _ = try StatesArn(arn, kind: .mapRun)
        let record = workspace.hasDatabase ? try storeCall { () throws(StoreError) in try workspace.stores().executions.mapRun(arn: arn) } : nil
        guard let record, let description = MapRunDescription(record) else {
            throw ServiceError(.resourceNotFound, "Resource not found: '\(arn)'")
        }
        return description
    }

    /// ListMapRuns: the Map Runs the execution started, in the order they started;
    /// "maxResults ... default is 100 and the maximum allowed page size is 1000".
    public func listMapRuns(executionArn: String, maxResults: Int? = nil, nextToken: String? = nil) throws(ServiceError) -> Page<MapRunDescription> {
        let record = try storedExecution(arn: executionArn)
        let mapRuns = try storeCall { () throws(StoreError) in try workspace.stores().executions.mapRuns(executionArn: record.executionArn) }
        return try Page.of(mapRuns.compactMap(MapRunDescription.init), maxResults: maxResults, nextToken: nextToken, defaultSize: 100)
    }

    /// ListExecutions of a Map Run's children (its `mapRunArn`), newest first; each item
    /// carries the `mapRunArn` and its `itemCount`, as AWS gives them only then.
    public func listExecutions(mapRunArn: String, statusFilter: ExecutionStatus? = nil, maxResults: Int? = nil,
                               nextToken: String? = nil) throws(ServiceError) -> Page<ExecutionSummary> {
        let children = try mapRunChildren(mapRunArn: mapRunArn, status: statusFilter).map { Self.childSummary($0, mapRunArn) }
        return try Page.of(children, maxResults: maxResults, nextToken: nextToken, defaultSize: 100)
    }

    /// The children of a stored Map Run as `host executions list --map-run` lists them, newest
    /// first: with `status` only those, at most `maxItems` of them.
    public func storedExecutions(mapRunArn: String, status: ExecutionStatus? = nil, maxItems: Int? = nil) throws(ServiceError) -> [ListedExecution] {
        let children = try mapRunChildren(mapRunArn: mapRunArn, status: status)
        return children.prefix(maxItems ?? children.count).map { record in
            ListedExecution(summary: Self.childSummary(record, mapRunArn), isOrphaned: workspace.isOrphaned(record))
        }
    }

    /// The children of a stored Map Run, newest first; with `status` only those.
    private func mapRunChildren(mapRunArn: String, status: ExecutionStatus?) throws(ServiceError) -> [ExecutionRecord] {
        _ = try describeMapRun(arn: mapRunArn)
        return try storeCall { () throws(StoreError) in
            try workspace.stores().executions.executions(mapRunArn: mapRunArn, status: status?.rawValue)
        }
    }

    private static func childSummary(_ record: ExecutionRecord, _ mapRunArn: String) -> ExecutionSummary {
        var summary = ExecutionSummary(record)
        summary.mapRunArn = mapRunArn
        // Each child runs one item (`host` has no ItemBatcher yet).
        summary.itemCount = 1
        return summary
    }

    /// The Map Runs of the execution `reference` names, in the order they started.
    public func mapRuns(ofExecutionNamed reference: String) throws(ExecutionLookupError) -> [MapRunDescription] {
        let record = try workspace.storedExecution(reference)
        do {
            return try workspace.stores().executions.mapRuns(executionArn: record.executionArn).compactMap(MapRunDescription.init)
        } catch {
            throw .store(error)
        }
    }
}
