import Events
import Foundation
import Identifiers
import JSONValue
import Store

extension EventBridge {
    /// "The total entry size must be less than 256KB" (Calculating PutEvents event entry size).
    public static let putEventsSizeLimit = 256 * 1024

    /// PutEvents: each entry becomes an event in EventBridge's envelope, put on the workspace's
    /// bus, where the same rules route it as they route the executions' status changes. "By
    /// default, if an individual entry within a request fails, EventBridge continues processing
    /// the rest of the entries": an entry that fails is answered with its ErrorCode and
    /// ErrorMessage, in its place.
    public func putEvents(_ entries: [PutEventsEntry]) throws(ServiceError) -> [PutEventsResultEntry] {
        try Self.checkCount(entries.count, field: "entries", maximum: 10)
        guard entries.reduce(0, { $0 + $1.size }) <= Self.putEventsSizeLimit else {
            throw ServiceError(.validation, "Total size of the entries in the request is over the limit.")
        }
        let bus = try storeCall { () throws(StoreError) in try workspace.eventBus() }
        return entries.map { entry in
            let event: JSONValue
            do throws(EntryFailure) { event = try self.event(of: entry) } catch {
                return .failed(errorCode: error.code, errorMessage: error.message)
            }
            do throws(StoreError) { try bus.put(event) } catch {
                return .failed(errorCode: "InternalFailure", errorMessage: error.message)
            }
            return .stored(eventId: event["id"]?.stringValue ?? "")
        }
    }

    /// The event an entry makes, in EventBridge's envelope ("version", "id", "detail-type",
    /// "source", "account", "time", "region", "resources", "detail"; Event structure
    /// reference), or why the entry fails.
    func event(of entry: PutEventsEntry) throws(EntryFailure) -> JSONValue {
        if let bus = entry.eventBusName, !isDefaultBus(bus) {
            throw EntryFailure(code: "ResourceNotFoundException", message: Self.noBus(bus))
        }
        if let header = entry.traceHeader, !header.isEmpty {
            throw EntryFailure(code: "InvalidArgument", message: "host does not run X-Ray tracing: give no TraceHeader")
        }
        for (field, value) in [("Source", entry.source), ("DetailType", entry.detailType), ("Detail", entry.detail)]
        where value?.isEmpty ?? true {
            throw EntryFailure(code: "InvalidArgument",
                               message: "Parameter \(field) is not valid. Reason: \(field) is a required argument.")
        }
        guard let source = entry.source, let detailType = entry.detailType, let text = entry.detail,
              case .object(let detail)? = try? JSONValue.parse(text) else {
            throw EntryFailure(code: "MalformedDetail", message: "Detail is malformed.")
        }
        // "Customer-generated events can have any value here, as long as it doesn't begin with
        // 'aws.'" (Event structure reference); AWS answers such an entry so.
        if source.hasPrefix("aws.") {
            throw EntryFailure(code: "NotAuthorizedForSourceException", message: "Not authorized for the source.")
        }
        let time = entry.time.map { Date(timeIntervalSince1970: $0) } ?? workspace.now()
        return [
            "version": "0",
            "id": .string(RandomIdentifier.lowercaseHex(RandomIdentifier.timeOrdered())),
            "detail-type": .string(detailType),
            "source": .string(source),
            "account": .string(account),
            "time": .string(time.formatted(Date.ISO8601FormatStyle(timeZone: .gmt))),
            "region": .string(region),
            "resources": .array(entry.resources.map { .string($0) }),
            "detail": .object(detail),
        ]
    }

    /// Why an entry of PutEvents failed: its ErrorCode and ErrorMessage.
    struct EntryFailure: Error {
        var code: String
        var message: String
    }

    /// TestEventPattern, with the pattern engine the bus routes by. "The JSON must follow the
    /// format specified in AWS Events, and the following fields are mandatory: id, account,
    /// source, time, region, resources, detail-type"; an event without one is "Parameter Event
    /// is not valid.", with the field it lacks.
    public func testEventPattern(_ pattern: String, event text: String) throws(ServiceError) -> Bool {
        let pattern = try Self.pattern(pattern)
        guard case .object(let event)? = try? JSONValue.parse(text) else {
            throw ServiceError(.validation, "Parameter Event is not valid. Reason: the event is not a JSON object")
        }
        for field in ["id", "account", "source", "time", "region", "resources", "detail-type"] where event[field] == nil {
            throw ServiceError(.validation, "Parameter Event is not valid. Reason: the event has no '\(field)'")
        }
        return pattern.matches(.object(event))
    }
}
