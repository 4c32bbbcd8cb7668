import XCTest
@testable import Workspace

/// Step Functions' ARNs as StartExecution and DescribeExecution read them (docs/history.md,
/// "ARNs and defaults"): anything else is InvalidArn, with the message AWS gives.
final class StatesArnTests: XCTestCase {
    private func refusal(_ text: String, _ kind: StatesArn.Kind) -> String? {
        do { _ = try StatesArn(text, kind: kind); return nil } catch {
            XCTAssertEqual(error.code, .invalidArn)
            return error.message
        }
    }

    func testTheParts() throws {
        let machine = try StatesArn("arn:aws:states:us-east-1:123456789012:stateMachine:orders", kind: .stateMachine)
        XCTAssertEqual([machine.partition, machine.region, machine.account, machine.machineName], ["aws", "us-east-1", "123456789012", "orders"])
        XCTAssertNil(machine.executionName)
        let execution = try StatesArn("arn:aws-cn:states:cn-north-1:111122223333:execution:orders:run-1", kind: .execution)
        XCTAssertEqual([execution.partition, execution.region, execution.account, execution.machineName, execution.executionName],
                       ["aws-cn", "cn-north-1", "111122223333", "orders", "run-1"])
        let mapRun = try StatesArn("arn:aws:states:us-east-1:123456789012:mapRun:orders/Items:7f3a", kind: .mapRun)
        XCTAssertEqual([mapRun.machineName, mapRun.executionName], ["orders/Items", "7f3a"])
        let accented = try StatesArn("arn:aws:states:us-east-1:123456789012:execution:commandes:été", kind: .execution)
        XCTAssertEqual(accented.executionName, "été")
    }

    func testWhatIsRefused() {
        for text in ["not-an-arn", "", "arn:aws:states:us-east-1:123456789012", "ARN:aws:states:us-east-1:1:stateMachine:m",
                     "arn:gcp:states:us-east-1:1:stateMachine:m", "arn:aws:lambda:us-east-1:1:stateMachine:m"] {
            XCTAssertEqual(refusal(text, .stateMachine), "Invalid Arn: '\(text)'")
        }
        XCTAssertEqual(refusal("arn:aws:states:us-east-1:1:execution:m:e", .stateMachine),
                       "Invalid Arn: 'Resource type not valid in this context: execution'")
        XCTAssertEqual(refusal("arn:aws:states:us-east-1:1:stateMachine:m", .execution),
                       "Invalid Arn: 'Resource type not valid in this context: stateMachine'")
        // The resource type is checked before the number of parts.
        XCTAssertEqual(refusal("arn:aws:states:us-east-1:1:express:m:e:id", .execution),
                       "Invalid Arn: 'Resource type not valid in this context: express'")
        for text in ["arn:aws:states:us-east-1:1:stateMachine:m:extra", "arn:aws:states::1:stateMachine:m",
                     "arn:aws:states:us-east-1::stateMachine:m", "arn:aws:states:us-east-1:1:stateMachine:"] {
            XCTAssertEqual(refusal(text, .stateMachine), "Invalid Arn: '\(text)'")
        }
        for text in ["arn:aws:states:us-east-1:1:execution:m", "arn:aws:states:us-east-1:1:execution:m:",
                     "arn:aws:states:us-east-1:1:execution::e", "arn:aws:states:us-east-1:1:execution:m:e:f:g:h"] {
            XCTAssertEqual(refusal(text, .execution), "Invalid Arn: '\(text)'")
        }
    }

    /// Parts are split between characters: a colon that a combining mark follows is one
    /// character with it, not a separator.
    func testAColonWithACombiningMarkDoesNotSeparate() {
        let text = "arn:aws:states:us-east-1:1:execution:m:\u{301}e"
        XCTAssertEqual(refusal(text, .execution), "Invalid Arn: '\(text)'")
    }
}
