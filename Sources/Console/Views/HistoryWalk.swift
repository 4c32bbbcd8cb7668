import Diagrams
import Engine
import Foundation
import JSONValue
import StatesLanguage
import Workspace

/// Everything the execution page takes from a history, read in one walk over it: the path the
/// graph colours, each state's details, the Map states' iterations, the events of the page
/// shown, and the TaskScheduled events of the tokens still waiting. The history is read from
/// the store in chunks, so that an execution of 25,000 events never has them all in memory.
struct HistoryWalk {
    /// Events read from the store at once.
    static let chunkSize = 2_000

    var details = StateDetails()
    var maps = MapSummary()
    var path: ExecutionPath?
    /// The last event's id; 0 for an empty history.
    var lastEventId = 0
    var firstTimestamp: Date?
    /// The events with ids in `page`, in id order.
    var pageEvents: [HistoryEvent] = []
    /// The TaskScheduled event whose parameters hold each waiting token.
    var scheduling: [String: Int] = [:]

    /// Walks the history of `executionArn`, keeping the events whose id is in `page`; with
    /// `machine`, the path it took; `waitingTokens` are looked for in TaskScheduled events.
    init(executionArn: String, stepFunctions: StepFunctions, machine: StateMachine?, page: ClosedRange<Int>,
         waitingTokens: [String]) throws(ExecutionLookupError) {
        var reader = machine.map(ExecutionPathReader.init(machine:))
        while true {
            let chunk = try stepFunctions.history(ofExecutionNamed: executionArn, after: lastEventId, limit: Self.chunkSize)
            for event in chunk {
                reader?.read(event)
                details.read(event)
                maps.read(event)
                if firstTimestamp == nil { firstTimestamp = event.timestamp }
                if page.contains(event.id) { pageEvents.append(event) }
                if !waitingTokens.isEmpty, event.type == .taskScheduled {
                    let text = event.details.map { JSONValue.object($0).compactString() } ?? ""
                    for token in waitingTokens where text.contains(token) { scheduling[token] = event.id }
                }
                lastEventId = event.id
            }
            if chunk.count < Self.chunkSize { break }
        }
        path = reader?.finish()
    }
}
