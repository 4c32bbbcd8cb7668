import JSONValue

/// One entry of PutEvents' request.
public struct PutEventsEntry: Sendable, Equatable {
    public var source: String?
    public var detailType: String?
    /// The detail's JSON text.
    public var detail: String?
    public var resources: [String]
    /// Epoch seconds; nil means the time of the call.
    public var time: Double?
    public var eventBusName: String?
    public var traceHeader: String?

    public init(source: String?, detailType: String?, detail: String?, resources: [String] = [], time: Double? = nil,
                eventBusName: String? = nil, traceHeader: String? = nil) {
        self.source = source
        self.detailType = detailType
        self.detail = detail
        self.resources = resources
        self.time = time
        self.eventBusName = eventBusName
        self.traceHeader = traceHeader
    }

    /// "If specified, the Time parameter is 14 bytes. The Source and DetailType parameters are
    /// the number of bytes for their UTF-8 encoded forms. If specified, the Detail parameter is
    /// the number of bytes for its UTF-8 encoded form. If specified, each entry of the
    /// Resources parameter is the number of bytes for its UTF-8 encoded forms." (Calculating
    /// PutEvents event entry size)
    public var size: Int {
        (time == nil ? 0 : 14) + (source?.utf8.count ?? 0) + (detailType?.utf8.count ?? 0) + (detail?.utf8.count ?? 0)
            + resources.reduce(0) { $0 + $1.utf8.count }
    }
}

/// What PutEvents answers for one entry: the event's id, or why the entry failed.
public enum PutEventsResultEntry: Sendable, Equatable {
    case stored(eventId: String)
    case failed(errorCode: String, errorMessage: String)

    public var json: JSONValue {
        switch self {
        case .stored(let id): ["EventId": .string(id)]
        case .failed(let code, let message): ["ErrorCode": .string(code), "ErrorMessage": .string(message)]
        }
    }

    /// `{"FailedEntryCount": N, "Entries": [...]}`, one entry a request entry, in order.
    public static func answer(_ entries: [PutEventsResultEntry]) -> JSONValue {
        let failed = entries.filter { if case .failed = $0 { true } else { false } }.count
        return ["FailedEntryCount": .int(Int64(failed)), "Entries": .array(entries.map(\.json))]
    }
}
