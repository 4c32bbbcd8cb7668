import Clocks
import Engine
import Foundation
import JSONValue
import StatesLanguage
import Store

extension Workspace {
    /// From now on, an execution this workspace starts or resumes parks when its top-level
    /// path enters a Wait of `seconds` or more (`RunningExecution`): it holds no memory but its
    /// handle until the Wait ends, and then continues from its stored history. Only on real
    /// time (a virtual clock's waits pass at once). `host serve` parks waits, so that many
    /// executions waiting cost little; a Wait's events and end time are the same either way.
    public func parkWaits(longerThan seconds: Double) {
        guard clock is SystemClock else { return }
        opened.withLock { $0.parkThreshold = seconds }
    }

    var parkThreshold: Double? { opened.withLock { $0.parkThreshold } }

    /// The one timer of this process's parked executions, made once.
    var parkedExecutions: ParkedExecutions {
        if let parked = opened.withLock({ $0.parkedExecutions }) { return parked }
        let parked = ParkedExecutions()
        return opened.withLock { opened in
            if let existing = opened.parkedExecutions { return existing }
            opened.parkedExecutions = parked
            return parked
        }
    }

    /// Prepares a parked execution of this process to continue from its stored history; as
    /// `prepareResumption`, without claiming it: this process holds it already.
    func prepareContinuation(of executionArn: String) throws(ResumeError) -> PreparedExecution {
        let record: ExecutionRecord?
        do throws(StoreError) {
            let ownership = try ownership()
            guard !ownership.isReleased else { throw StoreError(message: "this process has let its executions go") }
            record = try stores().executions.execution(arn: executionArn)
        } catch { throw .store(error) }
        guard let record else { throw .store(StoreError(message: "Execution Does Not Exist: '\(executionArn)'")) }
        return try prepareResumption(of: record, claimed: record)
    }
}
