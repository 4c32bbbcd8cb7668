import Engine
import StatesLanguage

/// The path an execution took through its machine, read from its history: for each state, how
/// often it ran, how each visit ended, what was retried and caught, and which way it was left.
///
/// Make one with `ExecutionPath(history:machine:)`; the history is the GetExecutionHistory
/// events of one execution of `machine`, in any order.
package struct ExecutionPath: Sendable {
    /// What happened in each state, by the state's name (names are unique in a whole machine).
    package var states: [String: StateRecord]
    /// The execution's status, from its last event; RUNNING when it has not ended.
    package var status: ExecutionStatus

    package init(states: [String: StateRecord], status: ExecutionStatus) {
        self.states = states
        self.status = status
    }

    /// What happened in `name`; an empty record for a state the execution never entered.
    package subscript(name: String) -> StateRecord { states[name] ?? StateRecord() }
}

/// Everything the visits of one state came to.
package struct StateRecord: Sendable, Equatable {
    /// Visits (StateEntered events).
    package var entered = 0
    /// Visits that began their scope: the execution's first state, a branch's or an iteration's.
    package var starts = 0
    /// Visits left normally without a retry, and after at least one retry.
    package var succeeded = 0
    package var succeededAfterRetry = 0
    /// Visits left through a catcher, with the errors they caught (in order, once each).
    package var caught = 0
    package var caughtErrors: [String] = []
    /// Visits that failed, with their errors (in order, once each).
    package var failed = 0
    package var failedErrors: [String] = []
    /// Visits stopped before their end, and visits still running.
    package var cancelled = 0
    package var running = 0
    /// Retries, by the error that caused them ("" when the history does not name it), in the
    /// order they first happened.
    package var retries: [ErrorCount] = []
    /// A Map state's iterations, and how many of them failed.
    package var iterations = 0
    package var failedIterations = 0
    /// How the visits left, and how often each way.
    package var exits: [Exit: Int] = [:]

    package init() {}

    /// Retries of every error.
    package var retryCount: Int { retries.reduce(0) { $0 + $1.count } }

    /// The state's colour: the most telling of its visits' outcomes.
    package var status: PathStatus {
        if failed > 0 { return .failed }
        if caught > 0 { return .caught }
        if running > 0 { return .inProgress }
        if cancelled > 0 { return .cancelled }
        if succeededAfterRetry > 0 || retryCount > 0 { return .retried }
        if entered > 0 { return .succeeded }
        return .notReached
    }

    mutating func countRetry(_ error: String) {
        if let index = retries.firstIndex(where: { $0.error == error }) {
            retries[index].count += 1
        } else {
            retries.append(ErrorCount(error: error, count: 1))
        }
    }
}

/// An error's name and how often it happened.
package struct ErrorCount: Sendable, Equatable {
    package var error: String
    package var count: Int

    package init(error: String, count: Int) {
        self.error = error
        self.count = count
    }
}

/// Which way a visit left its state.
package enum Exit: Sendable, Hashable {
    /// `Next`.
    case next
    /// The Choice rule at this index of `Choices`.
    case choice(Int)
    /// A Choice state's `Default`.
    case defaultRule
    /// The catcher at this index of `Catch`.
    case catcher(Int)
    /// The end of its machine, branch or iteration (`"End": true`, Succeed, Fail).
    case end
}

extension EventType {
    /// Events that say a state's work failed: a retrier or catcher may handle what follows.
    var isStateFailure: Bool {
        switch self {
        case .lambdaFunctionFailed, .lambdaFunctionTimedOut, .lambdaFunctionScheduleFailed, .lambdaFunctionStartFailed,
             .taskFailed, .taskTimedOut, .taskStateAborted, .parallelStateFailed, .mapStateFailed:
            true
        default:
            false
        }
    }

    /// Events that begin an attempt at a state's work: a second one in a visit is a retry.
    var startsAttempt: Bool {
        switch self {
        case .lambdaFunctionScheduled, .taskScheduled, .parallelStateStarted, .mapStateStarted: true
        default: false
        }
    }

    var isStateEntered: Bool { rawValue.hasSuffix("StateEntered") }
    var isStateExited: Bool { rawValue.hasSuffix("StateExited") }
}

extension StateMachine {
    /// Every state of the machine and of its branches and item processors, by name.
    var statesByName: [String: State] {
        var all: [String: State] = [:]
        func add(_ machine: StateMachine) {
            for state in machine.states {
                if all[state.name] == nil { all[state.name] = state }
                switch state.kind {
                case .parallel(let parallel): parallel.branches.forEach(add)
                case .map(let map): add(map.itemProcessor)
                default: break
                }
            }
        }
        add(self)
        return all
    }
}
