import Functions
import JSONValue
import XCTest

/// The least-privilege role policy of seed 000 (the main state machine's error handler), with
/// its placeholders filled in, and the messages a denied call gets.
final class PolicySeedTests: XCTestCase {
    /// The seed's "IAM Role Permission" block as written, placeholders and all.
    static let seedPolicy = #"""
        { "Version": "2012-10-17", "Statement": [
          { "Action": "states:DescribeStateMachine",
            "Resource": [ "INGEST_STATE_MACHINE_ARN", "ANALYSIS_STATE_MACHINE_ARN" ], "Effect": "Allow" },
          { "Action": [ "states:DescribeExecution", "states:GetExecutionHistory" ],
            "Resource": [ "INGEST_STATE_MACHINE_EXECUTIONS", "ANALYSIS_STATE_MACHINE_EXECUTIONS" ], "Effect": "Allow" },
          { "Action": [ "dynamodb:Scan", "dynamodb:Query", "dynamodb:UpdateItem", "dynamodb:DeleteItem" ],
            "Resource": "INGEST_TABLE", "Effect": "Allow" },
          { "Action": "iot:Publish", "Resource": "IOT_STATUS_TOPIC", "Effect": "Allow" },
          { "Action": "sns:Publish", "Resource": "SNS_STATUS_TOPIC", "Effect": "Allow" } ] }
        """#

    static let filledIn = [
        "INGEST_STATE_MACHINE_ARN": "arn:aws:states:us-east-1:123456789012:stateMachine:ingest",
        "ANALYSIS_STATE_MACHINE_ARN": "arn:aws:states:us-east-1:123456789012:stateMachine:analysis",
        "INGEST_STATE_MACHINE_EXECUTIONS": "arn:aws:states:us-east-1:123456789012:execution:ingest:*",
        "ANALYSIS_STATE_MACHINE_EXECUTIONS": "arn:aws:states:us-east-1:123456789012:execution:analysis:*",
        "INGEST_TABLE": "arn:aws:dynamodb:us-east-1:123456789012:table/ingest",
        "IOT_STATUS_TOPIC": "arn:aws:iot:us-east-1:123456789012:topic/status",
        "SNS_STATUS_TOPIC": "arn:aws:sns:us-east-1:123456789012:status",
    ]

    static let execution = "arn:aws:states:us-east-1:123456789012:execution:ingest:2f0c6a1e-run"
    static let table = "arn:aws:dynamodb:us-east-1:123456789012:table/ingest"

    func seedPolicy() throws -> Policy {
        var text = Self.seedPolicy
        // Longest first, so INGEST_STATE_MACHINE_ARN is not replaced inside a longer name.
        for (name, arn) in Self.filledIn.sorted(by: { $0.key.count > $1.key.count }) {
            text = text.split(separator: name, omittingEmptySubsequences: false).joined(separator: arn)
        }
        return try parsePolicy(text, file: "functions/error_handler.json")
    }

    /// Everything the handler does: read the failed execution and its history, update the
    /// status on the ingest table, publish the status to SNS and to IoT.
    func testEverythingTheErrorHandlerNeedsIsAllowed() throws {
        let policy = try seedPolicy()
        XCTAssertEqual(policy.evaluate(action: "states:DescribeExecution", resource: Self.execution), .allowed)
        XCTAssertEqual(policy.evaluate(action: "states:GetExecutionHistory", resource: Self.execution), .allowed)
        XCTAssertEqual(policy.evaluate(action: "states:GetExecutionHistory",
            resource: "arn:aws:states:us-east-1:123456789012:execution:analysis:x"), .allowed)
        XCTAssertEqual(policy.evaluate(action: "states:DescribeStateMachine",
            resource: "arn:aws:states:us-east-1:123456789012:stateMachine:ingest"), .allowed)
        XCTAssertEqual(policy.evaluate(action: "dynamodb:UpdateItem", resource: Self.table), .allowed)
        XCTAssertEqual(policy.evaluate(action: "sns:Publish", resource: "arn:aws:sns:us-east-1:123456789012:status"), .allowed)
        XCTAssertEqual(policy.evaluate(action: "iot:Publish", resource: "arn:aws:iot:us-east-1:123456789012:topic/status"), .allowed)
    }

    /// Least privilege: what the policy does not list stays implicitly denied.
    func testWhatTheSeedDoesNotListIsImplicitlyDenied() throws {
        let policy = try seedPolicy()
        XCTAssertEqual(policy.evaluate(action: "dynamodb:PutItem", resource: Self.table), .implicitlyDenied)
        XCTAssertEqual(policy.evaluate(action: "dynamodb:GetItem", resource: Self.table), .implicitlyDenied)
        XCTAssertEqual(policy.evaluate(action: "dynamodb:UpdateItem",
            resource: "arn:aws:dynamodb:us-east-1:123456789012:table/other"), .implicitlyDenied)
        XCTAssertEqual(policy.evaluate(action: "states:DescribeExecution",
            resource: "arn:aws:states:us-east-1:123456789012:execution:billing:run"), .implicitlyDenied)
        XCTAssertEqual(policy.evaluate(action: "states:DescribeExecution",
            resource: "arn:aws:states:us-east-1:123456789012:stateMachine:ingest"), .implicitlyDenied,
            "executions are allowed on execution ARNs, not on the machine's ARN")
        XCTAssertEqual(policy.evaluate(action: "sns:Publish", resource: "arn:aws:sns:us-east-1:123456789012:alerts"),
            .implicitlyDenied)
        XCTAssertEqual(policy.evaluate(action: "iot:Publish", resource: "arn:aws:iot:us-east-1:123456789012:topic/status/x"),
            .implicitlyDenied)
    }

    /// The seed as written names placeholders, not ARNs: all seven are reported, each at its
    /// line and column, as IAM would refuse them ("Resource X must be in ARN format or "*".").
    func testTheSeedWithItsPlaceholdersIsRefusedWithEveryPlace() throws {
        XCTAssertThrowsError(try parsePolicy(Self.seedPolicy, file: "error_handler.json")) { error in
            XCTAssertEqual((error as? PolicyError)?.problems, [
                #"error_handler.json:3:19: error: resource "INGEST_STATE_MACHINE_ARN" must be in ARN format or "*""#,
                #"error_handler.json:3:47: error: resource "ANALYSIS_STATE_MACHINE_ARN" must be in ARN format or "*""#,
                #"error_handler.json:5:19: error: resource "INGEST_STATE_MACHINE_EXECUTIONS" must be in ARN format or "*""#,
                #"error_handler.json:5:54: error: resource "ANALYSIS_STATE_MACHINE_EXECUTIONS" must be in ARN format or "*""#,
                #"error_handler.json:7:17: error: resource "INGEST_TABLE" must be in ARN format or "*""#,
                #"error_handler.json:8:42: error: resource "IOT_STATUS_TOPIC" must be in ARN format or "*""#,
                #"error_handler.json:9:42: error: resource "SNS_STATUS_TOPIC" must be in ARN format or "*""#,
            ])
        }
    }

    /// Troubleshoot access denied error messages — the implicit form "because no identity-based
    /// policy allows the ACTION action", here for the handler's role session.
    func testImplicitDenialMessage() throws {
        let principal = lambdaRolePrincipal(function: "error_handler", account: "123456789012")
        XCTAssertEqual(principal, "arn:aws:sts::123456789012:assumed-role/error_handler-role/error_handler")
        let decision = try seedPolicy().evaluate(action: "dynamodb:PutItem", resource: Self.table)
        XCTAssertEqual(accessDeniedMessage(principal: principal, action: "dynamodb:PutItem", resource: Self.table, decision: decision),
            "User: arn:aws:sts::123456789012:assumed-role/error_handler-role/error_handler is not authorized to perform: "
                + "dynamodb:PutItem on resource: arn:aws:dynamodb:us-east-1:123456789012:table/ingest "
                + "because no identity-based policy allows the dynamodb:PutItem action")
    }

    /// Same page, its identity-based explicit example word for word: "User:
    /// arn:aws:iam::123456789012:user/JohnDoe is not authorized to perform:
    /// codedeploy:ListDeployments on resource: arn:aws:codedeploy:us-east-1:123456789012:deploymentgroup:*
    /// with an explicit deny in an identity-based policy".
    func testExplicitDenialMessage() throws {
        let policy = try parsePolicy(#"{"Effect": "Deny", "Action": "codedeploy:List*", "Resource": "*"}"#)
        let resource = "arn:aws:codedeploy:us-east-1:123456789012:deploymentgroup:*"
        let decision = policy.evaluate(action: "codedeploy:ListDeployments", resource: resource)
        XCTAssertEqual(decision, .explicitlyDenied)
        XCTAssertEqual(accessDeniedMessage(principal: "arn:aws:iam::123456789012:user/JohnDoe",
                action: "codedeploy:ListDeployments", resource: resource, decision: decision),
            "User: arn:aws:iam::123456789012:user/JohnDoe is not authorized to perform: codedeploy:ListDeployments "
                + "on resource: arn:aws:codedeploy:us-east-1:123456789012:deploymentgroup:* "
                + "with an explicit deny in an identity-based policy")
    }
}
