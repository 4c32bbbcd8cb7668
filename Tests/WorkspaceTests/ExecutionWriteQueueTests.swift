import Store
import Synchronization
@testable import Workspace
import XCTest

/// The timer the executions that wait to write their events share (`ExecutionWriteQueue.gather`).
final class ExecutionWriteQueueTests: XCTestCase {
    /// What is gathered while the timer is armed runs with it, once each and in the order it
    /// came, whatever delay it asked for; what comes after the timer fired arms it again.
    func testActionsGatheredWhileTheTimerIsArmedRunWithIt() {
        let memory = MemoryStore()
        let queue = ExecutionWriteQueue(store: memory, ownership: ExecutionOwnership(store: memory))
        let order = Mutex<[Int]>([])
        let together = expectation(description: "both gathered actions ran")
        together.expectedFulfillmentCount = 2
        // Half a second: long enough that the next call comes while this timer is armed.
        queue.gather(within: .milliseconds(500)) {
            order.withLock { $0.append(1) }
            together.fulfill()
        }
        // Not an hour later: the first one's timer is armed.
        queue.gather(within: .seconds(3600)) {
            order.withLock { $0.append(2) }
            together.fulfill()
        }
        wait(for: [together], timeout: 60)
        let again = expectation(description: "an action gathered after the timer fired ran")
        queue.gather(within: .milliseconds(20)) {
            order.withLock { $0.append(3) }
            again.fulfill()
        }
        wait(for: [again], timeout: 60)
        XCTAssertEqual(order.withLock { $0 }, [1, 2, 3])
    }
}
