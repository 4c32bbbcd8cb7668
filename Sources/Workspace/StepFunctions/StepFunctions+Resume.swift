import Engine
import Foundation
import Store

/// An orphaned execution that `resumeOrphans` could not continue, and why.
public struct UnresumedExecution: Sendable {
    public var executionArn: String
    public var error: ResumeError
}

extension StepFunctions {
    /// Continues, in this process, an execution whose process ended while it was RUNNING
    /// (`Workspace.prepareResumption`). It is registered as the executions started here are:
    /// StopExecution and callbacks reach it.
    public func resumeExecution(arn: String, observers: [any ExecutionObserver] = []) throws(ResumeError) -> RunningExecution {
        let record: ExecutionRecord?
        do { record = try workspace.stores().executions.execution(arn: arn) } catch { throw .store(error) }
        guard let record else { throw .store(StoreError(message: "Execution Does Not Exist: '\(arn)'")) }
        if let running = running[arn] { return running }
        let prepared = try workspace.prepareResumption(of: record, observers: observers)
        let execution: RunningExecution
        do { execution = try workspace.launch(prepared) } catch {
            switch error {
            case .store(let failure): throw .store(failure)
            case .alreadyExists: throw .held(executionArn: arn, owner: nil)
            }
        }
        track(execution)
        return execution
    }

    /// Continues every orphaned execution of the workspace (`Workspace.isOrphaned`); those
    /// it could not, with why. One another process claims first is left to it.
    @discardableResult
    public func resumeOrphans() -> (resumed: [RunningExecution], failed: [UnresumedExecution]) {
        guard workspace.hasDatabase, let records = try? workspace.stores().executions.runningExecutions() else { return ([], []) }
        var resumed: [RunningExecution] = []
        var failed: [UnresumedExecution] = []
        // A Distributed Map's child resumes with its parent, not on its own.
        for record in records where workspace.isOrphaned(record) && running[record.executionArn] == nil && !record.isMapRunChild {
            do throws(ResumeError) { resumed.append(try resumeExecution(arn: record.executionArn)) } catch {
                if case .held = error { continue }
                failed.append(UnresumedExecution(executionArn: record.executionArn, error: error))
            }
        }
        return (resumed, failed)
    }

    /// Keeps `execution` in the registry from now until its end is stored, and its stored end
    /// from then on (`EndedExecutions`).
    func track(_ execution: RunningExecution) {
        running.add(execution)
        execution.whenEnded { [running, ended] in
            // Kept before it leaves the registry, so that DescribeExecution finds it in one or
            // the other, or reads the store, which holds its end by now.
            if let record = execution.endedRecord { ended.add(record) }
            running.remove(execution.executionArn)
        }
    }
}
