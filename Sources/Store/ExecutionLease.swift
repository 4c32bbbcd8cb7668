/// The rules by which one process at a time runs a RUNNING execution, so that an execution
/// whose process died is noticed and continued by another, and never by two.
///
/// A process runs an execution as its `owner` until the lease's expiry, which it keeps
/// renewing while it runs (wall-clock epoch milliseconds: leases are between processes, and
/// a virtual clock is one process's). The execution is free to claim when no one holds it,
/// when its lease has expired, or when its owner is known to be gone (a process of this
/// machine that no longer exists); the claim is one transaction, so of two processes that
/// claim it at once exactly one gets it. Its end is stored only by its owner: a process that
/// lost the lease to another (it stalled past its expiry) stores nothing more of it.
public enum ExecutionLease {
    /// Whether `claimant` may take `record` as of `now`; `isGone` says whether an owner's
    /// process has ended.
    public static func isClaimable(_ record: ExecutionRecord, by claimant: String, now: Int64,
                                   isGone: (String) -> Bool) -> Bool {
        guard record.status == "RUNNING", record.owner != claimant else { return false }
        guard let owner = record.owner else { return true }
        return (record.leaseExpiry ?? 0) <= now || isGone(owner)
    }

    /// Why `record`'s end may not be stored over `stored`: another owner holds it now.
    static func lost(_ stored: ExecutionRecord, to record: ExecutionRecord) -> StoreError? {
        guard let holder = stored.owner, holder != record.owner else { return nil }
        return StoreError(message: "the execution \(record.executionArn) is run by \(holder) now: its end here is not stored")
    }

    /// The claimed record: held by `owner` until `expiry`.
    static func claimed(_ record: ExecutionRecord, by owner: String, until expiry: Int64) -> ExecutionRecord {
        var claimed = record
        claimed.owner = owner
        claimed.leaseExpiry = expiry
        return claimed
    }
}
