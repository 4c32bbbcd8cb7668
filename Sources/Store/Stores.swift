/// The stores each owner of data reaches its data through: executions and their histories,
/// log events, events, table items, topic messages. `HostDatabase` (SQLite, shared by every
/// process of a workspace) is one implementation, `MemoryStore` (one process, for tests)
/// another; a database shared by several machines could be a third.
///
/// Each protocol states its conflict rules: what happens when two writers meet. Every
/// implementation keeps them, and none leaves half a write behind: each method is one
/// transaction.

/// Executions, their history events and the invocations they made.
///
/// - An execution ARN is unique: `insert` of an ARN that exists changes nothing and returns
///   false (`ExecutionAlreadyExists`).
/// - A history event is unique by (execution ARN, id), an invocation by (execution ARN,
///   sequence): writing one that exists changes nothing, so a writer that retries a batch
///   never duplicates an event.
/// - `finish` writes the execution's final state last, with the events not yet written, so a
///   reader never sees an ended execution without its whole history.
/// - A stored end is final: `finish` of an execution that is not RUNNING, or not stored,
///   fails and stores nothing.
/// - One process at a time runs a RUNNING execution, by the rules of `ExecutionLease`: a claim
///   is one step, so of two claimants one gets it, and `finish` from an owner that lost the
///   execution to another stores nothing.
/// - `write` does several of `insert`, `append` and `finish` in one transaction (a group
///   commit), each by its own rules and with its own outcome; when the transaction fails,
///   none of them is stored.
public protocol ExecutionStore: Sendable {
    func insert(_ execution: ExecutionRecord) throws(StoreError) -> Bool
    func append(_ events: [HistoryEventRecord], invocations: [InvocationRecord]) throws(StoreError)
    func finish(_ execution: ExecutionRecord, events: [HistoryEventRecord], invocations: [InvocationRecord]) throws(StoreError)
    /// Each write's outcome, in order: `insert`'s answer, true for the others, or the error
    /// `finish` would throw.
    func write(_ writes: [ExecutionWrite]) throws(StoreError) -> [Result<Bool, StoreError>]
    /// Newest first; of one machine and with one status when given; at most `limit`.
    func executions(machineName: String?, status: String?, limit: Int?) throws(StoreError) -> [ExecutionRecord]
    func execution(arn: String) throws(StoreError) -> ExecutionRecord?
    /// Every execution with this name (of any machine), newest first.
    func executions(named name: String) throws(StoreError) -> [ExecutionRecord]
    /// In id order.
    func history(of executionArn: String) throws(StoreError) -> [HistoryEventRecord]
    func historyCount(of executionArn: String) throws(StoreError) -> Int
    /// The events whose id is greater than `id`, in id order; at most `limit` of them. A reader
    /// that remembers the last id it got misses none and gets none twice, since ids only grow.
    func history(of executionArn: String, after id: Int64, limit: Int?) throws(StoreError) -> [HistoryEventRecord]
    /// How many executions each machine has in each status (machines with none are absent).
    func executionCounts() throws(StoreError) -> [ExecutionCount]
    /// In the order they were made.
    func invocations(of executionArn: String) throws(StoreError) -> [InvocationRecord]
    /// Takes a RUNNING execution for `owner` until `expiry` when `ExecutionLease` allows it;
    /// the claimed record, or nil.
    func claim(executionArn: String, owner: String, until expiry: Int64, now: Int64,
               isGone: (String) -> Bool) throws(StoreError) -> ExecutionRecord?
    /// Extends the lease of every RUNNING execution `owner` holds; their ARNs.
    func renewLeases(owner: String, until expiry: Int64) throws(StoreError) -> [String]
    /// Lets go of every execution `owner` holds; they stay RUNNING.
    func releaseLeases(owner: String) throws(StoreError)
    /// Every RUNNING execution, oldest first.
    func runningExecutions() throws(StoreError) -> [ExecutionRecord]

    // A Distributed Map's Map Runs belong to the execution that started them; they are
    // written with its writes (`ExecutionWrite.mapRun`, which replaces what was stored).

    func mapRun(arn: String) throws(StoreError) -> MapRunRecord?
    /// The Map Runs `executionArn` started, oldest first.
    func mapRuns(executionArn: String) throws(StoreError) -> [MapRunRecord]
    /// The child executions of a Map Run, newest first; with one status when given.
    func executions(mapRunArn: String, status: String?) throws(StoreError) -> [ExecutionRecord]
}

/// How many executions of one machine have one status.
public struct ExecutionCount: Sendable, Equatable {
    public var machineName: String
    public var status: String
    public var count: Int

    public init(machineName: String, status: String, count: Int) {
        self.machineName = machineName
        self.status = status
        self.count = count
    }
}

/// One write of `ExecutionStore.write`.
public enum ExecutionWrite: Sendable {
    case insert(ExecutionRecord)
    case append(events: [HistoryEventRecord], invocations: [InvocationRecord])
    case finish(ExecutionRecord, events: [HistoryEventRecord], invocations: [InvocationRecord])
    /// A Map Run as it is now: its start, its counts as its children end, its end.
    case mapRun(MapRunRecord)
}

/// Log groups, streams and events.
///
/// - Appending creates the groups and streams the events name; a stream's first and last
///   event times and its size only grow.
/// - Events are kept in the order they were appended; readers get them by time, ties in that
///   order, so two writers' events interleave by time and never vanish.
public protocol LogEventStore: Sendable {
    func append(_ events: [NewLogEvent], ingestionTime: Int64) throws(StoreError)
    /// Groups whose name starts with `prefix`, by name.
    func logGroups(prefix: String?) throws(StoreError) -> [LogGroupRecord]
    /// A group's streams, by name or newest last event first.
    func logStreams(group: String, byLastEvent: Bool) throws(StoreError) -> [LogStreamRecord]
    func logEvents(_ query: LogEventQuery) throws(StoreError) -> [LogEventRecord]
    /// The largest id an event of any group has been given (0 for none): every event stored
    /// later has a larger one, so a follower starts after it.
    func lastLogEventID() throws(StoreError) -> Int64
    /// Sets (nil: removes) a group's retention; false when there is no such group.
    func setRetention(group: String, days: Int?) throws(StoreError) -> Bool
    /// Drops the events older than their group's retention allows, as of `now`.
    func deleteExpiredLogEvents(now: Int64) throws(StoreError)
    /// CreateLogGroup; false when it exists.
    func createLogGroup(_ name: String, creationTime: Int64) throws(StoreError) -> Bool
    /// CreateLogStream in an existing group; false when the stream exists. (Callers check the
    /// group first: without one, nothing is created.)
    func createLogStream(group: String, name: String, creationTime: Int64) throws(StoreError) -> Bool
    /// DeleteLogGroup, with its streams and events; false when there is no such group.
    func deleteLogGroup(_ name: String) throws(StoreError) -> Bool
}

/// The event bus's events and dead letters.
///
/// - An event id is unique: inserting an id that exists fails, since ids are UUIDs and a
///   repeat means a bug. Dead letters only accumulate.
public protocol EventStore: Sendable {
    func insert(_ event: EventRecord) throws(StoreError)
    /// Several events in one transaction: all of them, or none when one fails.
    func insert(_ events: [EventRecord]) throws(StoreError)
    func insert(_ deadLetter: DeadLetterRecord) throws(StoreError)
    /// Oldest first, from `since` on, with one status when given.
    func events(since: Int64?, status: String?) throws(StoreError) -> [EventRecord]
    func event(id: String) throws(StoreError) -> EventRecord?
    /// In the order they were stored.
    func deadLetters() throws(StoreError) -> [DeadLetterRecord]
}

/// The items of the DynamoDB-like tables.
///
/// - `changeTableItem` reads an item and writes its change in one step: no other write comes
///   between, so conditional writes from two processes serialise (DynamoDB's item-level
///   atomicity).
public protocol TableItemStore: Sendable {
    func tableItem(table: String, key: TableItemKey) throws(StoreError) -> String?
    /// Reads several items and writes their changes in one step (TransactWriteItems): every
    /// change, one per key in order, or none.
    func changeTableItems<Outcome>(_ keys: [TableItemAddress],
                                   _ decide: (_ current: [String?]) -> ([TableItemChange], Outcome)) throws(StoreError) -> Outcome
    /// One partition's items in a sort key range, in sort key order (or reversed).
    func queryTableItems(_ query: TableItemQuery) throws(StoreError) -> [TableItemRecord]
    /// A table's items in key order, after `after` when given.
    func scanTableItems(table: String, after: TableItemKey?, limit: Int?) throws(StoreError) -> [TableItemRecord]
    @discardableResult
    func deleteTableItems(table: String) throws(StoreError) -> Int
}

extension TableItemStore {
    /// Reads one item (nil when there is none), lets `decide` choose what to do with it, and
    /// does that in the same step: no other write comes between the read and the write.
    public func changeTableItem<Outcome>(table: String, key: TableItemKey,
                                         _ decide: (_ current: String?) -> (TableItemChange, Outcome)) throws(StoreError) -> Outcome {
        try changeTableItems([TableItemAddress(table: table, key: key)]) { current in
            let (change, outcome) = decide(current[0])
            return ([change], outcome)
        }
    }
}

/// Where an item is stored: its table and its key.
public struct TableItemAddress: Sendable, Hashable {
    public var table: String
    public var key: TableItemKey

    public init(table: String, key: TableItemKey) {
        self.table = table
        self.key = key
    }
}

/// Messages published to topics.
///
/// - Each message gets an id larger than every earlier one's, so a reader that remembers the
///   last id it saw never misses one and never sees one twice.
public protocol TopicMessageStore: Sendable {
    @discardableResult
    func appendTopicMessage(_ message: NewTopicMessage) throws(StoreError) -> Int64
    func topicMessages(topic: String?, service: String?, afterID: Int64?, limit: Int?) throws(StoreError) -> [TopicMessageRecord]
}

/// State machines created through the API.
///
/// - A machine's ARN, and so its name, is unique: `insert` of one that exists changes nothing
///   and returns false (`StateMachineAlreadyExists`, unless the caller finds it identical).
/// - `update` and `deleteStateMachine` of a machine that does not exist change nothing and
///   return false; an update replaces the whole record (the last writer wins).
public protocol MachineStore: Sendable {
    func insert(_ machine: StateMachineRecord) throws(StoreError) -> Bool
    func update(_ machine: StateMachineRecord) throws(StoreError) -> Bool
    func deleteStateMachine(arn: String) throws(StoreError) -> Bool
    func stateMachine(arn: String) throws(StoreError) -> StateMachineRecord?
    /// By name.
    func stateMachines() throws(StoreError) -> [StateMachineRecord]
}

/// The tokens of callback tasks.
///
/// - `register` of a token that exists changes nothing (an execution that resumes registers
///   its tokens again).
/// - `change` reads a token and writes what `decide` makes of it in one step, so that of two
///   answers to one token exactly one finds it WAITING; it returns the token as it then is
///   (nil when there is no such token).
public protocol TaskTokenStore: Sendable {
    func register(_ token: TaskTokenRecord) throws(StoreError)
    func taskToken(_ token: String) throws(StoreError) -> TaskTokenRecord?
    func change(token: String, _ decide: (TaskTokenRecord) -> TaskTokenRecord?) throws(StoreError) -> TaskTokenRecord?
    /// The tokens registered or changed since `revision` (each write gives the token a
    /// revision larger than every earlier one), oldest change first.
    func taskTokens(changedAfter revision: Int64) throws(StoreError) -> [TaskTokenRecord]
}

/// Event rules created through the API (EventBridge's PutRule and PutTargets); the rules of
/// `rules/` are files, and not stored.
///
/// - A rule's name is unique.
/// - `changeRule` reads a rule and writes what `decide` makes of it in one step: no other write
///   comes between, so two PutTargets never lose each other's targets, and DeleteRule sees the
///   targets as they are when it deletes.
public protocol RuleStore: Sendable {
    func rule(name: String) throws(StoreError) -> RuleRecord?
    /// By name.
    func rules() throws(StoreError) -> [RuleRecord]
    /// `decide` gets the rule named `name` (nil when there is none); a `.put` record must have
    /// that name.
    func changeRule<Outcome>(name: String, _ decide: (_ current: RuleRecord?) -> (RuleChange, Outcome)) throws(StoreError) -> Outcome
}

/// The events of the bus and the rules that route them, in one store: an emitted batch is
/// stored and the rules read in one transaction, and the rules themselves only when they
/// changed since the bus last read them (`EventBus`), so that a rule put by any process sharing
/// the store routes the very next batch, and a batch costs no read of its own.
///
/// - The rules' revision changes with every put and delete of a rule, by any process.
public protocol EventRoutingStore: EventStore, RuleStore {
    /// Stores `events` (all of them, or none) and reads the rules' revision; the rules too, by
    /// name, when the revision is not `known`.
    func insert(_ events: [EventRecord], readingRulesUnless known: Int64?) throws(StoreError) -> RulesRead
}

/// The rules' revision when an emitted batch was stored, and the rules when they were read.
public struct RulesRead: Sendable, Equatable {
    public var revision: Int64
    /// By name; nil when the revision was the one already known.
    public var rules: [RuleRecord]?

    public init(revision: Int64, rules: [RuleRecord]?) {
        self.revision = revision
        self.rules = rules
    }
}

extension HostDatabase: TaskTokenStore, MachineStore, ExecutionStore, LogEventStore, EventStore, EventRoutingStore, TableItemStore, TopicMessageStore {}
