import Functions
import JSONValue
import XCTest

/// Policy decisions, each expected result taken from an example in IAM's documentation (the
/// page is named above each test) or from the rule it states.
final class PolicyEvaluationTests: XCTestCase {
    /// IAM JSON policy elements: Resource — "The following example refers to a specific Amazon
    /// SQS queue." One Allow statement covering the request allows it.
    func testAnAllowStatementThatCoversTheRequestAllows() throws {
        let policy = try parsePolicy(#"""
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sqs:SendMessage",
              "Resource": "arn:aws:sqs:us-east-2:123456789012:queue1"}]}
            """#)
        XCTAssertEqual(policy.evaluate(action: "sqs:SendMessage", resource: "arn:aws:sqs:us-east-2:123456789012:queue1"), .allowed)
        XCTAssertEqual(policy.evaluate(action: "sqs:SendMessage", resource: "arn:aws:sqs:us-east-2:123456789012:queue2"),
            .implicitlyDenied, "another queue is not covered")
        XCTAssertEqual(policy.evaluate(action: "sqs:ReceiveMessage", resource: "arn:aws:sqs:us-east-2:123456789012:queue1"),
            .implicitlyDenied, "another action is not covered")
    }

    /// The difference between explicit and implicit denies — "The AllowGetList statement allows
    /// read-only access to IAM actions that begin with the prefixes Get and List. All other
    /// actions in IAM, such as iam:CreatePolicy are implicitly denied. The DenyReports statement
    /// explicitly denies access to IAM reports by denying access to actions that include the
    /// Report suffix, such as iam:GetOrganizationsAccessReport."
    func testTheDocumentationsAllowGetListAndDenyReportsPolicy() throws {
        let policy = try parsePolicy(Self.allowGetListDenyReports)
        XCTAssertEqual(policy.evaluate(action: "iam:GetUser", resource: "arn:aws:iam::123456789012:user/Bob"), .allowed)
        XCTAssertEqual(policy.evaluate(action: "iam:ListUsers", resource: "*"), .allowed)
        XCTAssertEqual(policy.evaluate(action: "iam:CreatePolicy", resource: "*"), .implicitlyDenied)
        XCTAssertEqual(policy.evaluate(action: "iam:GetOrganizationsAccessReport", resource: "*"), .explicitlyDenied,
            "Get* allows it, and the Deny wins")
    }

    /// Same page: "If someone adds another policy to this principal to grant them access to IAM
    /// reports, such as iam:GenerateCredentialReport, report-related requests are still denied
    /// because of this explicit deny." The Deny wins wherever it stands among the statements.
    func testAnExplicitDenyWinsOverAnyAllowInAnyOrder() throws {
        let allowReports = #"{"Effect": "Allow", "Action": "iam:GenerateCredentialReport", "Resource": "*"}"#
        let denyReports = #"{"Effect": "Deny", "Action": "iam:*Report", "Resource": "*"}"#
        for statements in [[allowReports, denyReports], [denyReports, allowReports]] {
            let policy = try parsePolicy("[" + statements.joined(separator: ",") + "]")
            XCTAssertEqual(policy.evaluate(action: "iam:GenerateCredentialReport", resource: "*"), .explicitlyDenied)
        }
    }

    /// Policy evaluation logic — "By default, all requests are implicitly denied". A function
    /// without a policy may call nothing.
    func testDenyAllDeniesEverythingImplicitly() {
        XCTAssertEqual(Policy.denyAll.evaluate(action: "states:DescribeExecution", resource: "*"), .implicitlyDenied)
        XCTAssertEqual(Policy.denyAll.evaluate(action: "sns:Publish", resource: "arn:aws:sns:us-east-1:123456789012:status"),
            .implicitlyDenied)
    }

    /// IAM JSON policy elements: Action — "the following Action element applies to all S3
    /// actions: "s3:*"" and "the following Action element applies to all IAM actions that
    /// include the string AccessKey, including CreateAccessKey, DeleteAccessKey, ListAccessKeys,
    /// and UpdateAccessKey: "iam:*AccessKey*"".
    func testActionWildcards() throws {
        let all = try parsePolicy(#"{"Effect": "Allow", "Action": "states:*", "Resource": "*"}"#)
        XCTAssertEqual(all.evaluate(action: "states:DescribeExecution", resource: "*"), .allowed)
        XCTAssertEqual(all.evaluate(action: "states:GetExecutionHistory", resource: "*"), .allowed)
        XCTAssertEqual(all.evaluate(action: "dynamodb:GetItem", resource: "*"), .implicitlyDenied)

        let accessKeys = try parsePolicy(#"{"Effect": "Allow", "Action": "iam:*AccessKey*", "Resource": "*"}"#)
        for name in ["CreateAccessKey", "DeleteAccessKey", "ListAccessKeys", "UpdateAccessKey"] {
            XCTAssertEqual(accessKeys.evaluate(action: "iam:" + name, resource: "*"), .allowed, name)
        }
        XCTAssertEqual(accessKeys.evaluate(action: "iam:ListUsers", resource: "*"), .implicitlyDenied)

        let gets = try parsePolicy(#"{"Effect": "Allow", "Action": "dynamodb:Get*", "Resource": "*"}"#)
        XCTAssertEqual(gets.evaluate(action: "dynamodb:GetItem", resource: "*"), .allowed)
        XCTAssertEqual(gets.evaluate(action: "dynamodb:PutItem", resource: "*"), .implicitlyDenied)
        XCTAssertEqual(gets.evaluate(action: "dynamodb:BatchGetItem", resource: "*"), .implicitlyDenied,
            "the pattern is anchored at both ends")

        let one = try parsePolicy(#"{"Effect": "Allow", "Action": "sns:Publis?", "Resource": "*"}"#)
        XCTAssertEqual(one.evaluate(action: "sns:Publish", resource: "*"), .allowed)
        XCTAssertEqual(one.evaluate(action: "sns:Publis", resource: "*"), .implicitlyDenied, "? is exactly one character")
    }

    /// IAM JSON policy elements: Action — "The prefix and the action name are case insensitive.
    /// For example, iam:ListAccessKeys is the same as IAM:listaccesskeys."
    func testActionsCompareWithoutRegardToCase() throws {
        let lower = try parsePolicy(#"{"Effect": "Allow", "Action": "IAM:listaccesskeys", "Resource": "*"}"#)
        XCTAssertEqual(lower.evaluate(action: "iam:ListAccessKeys", resource: "*"), .allowed)
        let mixed = try parsePolicy(#"{"Effect": "Allow", "Action": "States:Get*History", "Resource": "*"}"#)
        XCTAssertEqual(mixed.evaluate(action: "STATES:getexecutionhistory", resource: "*"), .allowed)
    }

    /// IAM JSON policy elements: Resource — "In the Resource element, the IAM user name is case
    /// sensitive." ARNs are compared exactly.
    func testResourcesCompareWithRegardToCase() throws {
        let policy = try parsePolicy(#"{"Effect": "Allow", "Action": "iam:GetUser", "Resource": "arn:aws:iam::123456789012:user/Bob"}"#)
        XCTAssertEqual(policy.evaluate(action: "iam:GetUser", resource: "arn:aws:iam::123456789012:user/Bob"), .allowed)
        XCTAssertEqual(policy.evaluate(action: "iam:GetUser", resource: "arn:aws:iam::123456789012:user/bob"), .implicitlyDenied)
    }

    /// IAM JSON policy elements: Resource — "An asterisk (*) represents any combination of
    /// characters and a question mark (?) represents any single character", "all IAM users
    /// whose path is /accounting", "all items within a specific Amazon S3 bucket", and the star
    /// "can expand to match beyond the colon boundaries".
    func testResourceWildcardsMatchAcrossColonsAndSlashes() throws {
        let executions = try parsePolicy(#"{"Effect": "Allow", "Action": "states:*", "Resource": "arn:aws:states:*:*:execution:ingest:*"}"#)
        XCTAssertEqual(executions.evaluate(action: "states:DescribeExecution",
            resource: "arn:aws:states:eu-west-1:210987654321:execution:ingest:run-1"), .allowed)
        XCTAssertEqual(executions.evaluate(action: "states:DescribeExecution",
            resource: "arn:aws:states:us-east-1:123456789012:execution:ingest-v2:run-1"), .implicitlyDenied)
        XCTAssertEqual(executions.evaluate(action: "states:DescribeExecution",
            resource: "arn:aws:states:us-east-1:123456789012:stateMachine:ingest"), .implicitlyDenied)

        let accounting = try parsePolicy(#"{"Effect": "Allow", "Action": "iam:*", "Resource": "arn:aws:iam::123456789012:user/accounting/*"}"#)
        XCTAssertEqual(accounting.evaluate(action: "iam:GetUser", resource: "arn:aws:iam::123456789012:user/accounting/Ann"), .allowed)
        XCTAssertEqual(accounting.evaluate(action: "iam:GetUser", resource: "arn:aws:iam::123456789012:user/accounting/eu/Bo"),
            .allowed, "* also takes slashes")
        XCTAssertEqual(accounting.evaluate(action: "iam:GetUser", resource: "arn:aws:iam::123456789012:user/marketing/Cy"),
            .implicitlyDenied)

        let region = try parsePolicy(#"{"Effect": "Allow", "Action": "states:*", "Resource": "arn:aws:states:us-east-1:123456789012:*"}"#)
        XCTAssertEqual(region.evaluate(action: "states:DescribeExecution",
            resource: "arn:aws:states:us-east-1:123456789012:execution:ingest:run-1"), .allowed, "* also takes colons")

        let single = try parsePolicy(#"{"Effect": "Allow", "Action": "dynamodb:*", "Resource": "arn:aws:dynamodb:us-east-1:123456789012:table/ingest-?"}"#)
        XCTAssertEqual(single.evaluate(action: "dynamodb:GetItem", resource: "arn:aws:dynamodb:us-east-1:123456789012:table/ingest-1"),
            .allowed)
        XCTAssertEqual(single.evaluate(action: "dynamodb:GetItem", resource: "arn:aws:dynamodb:us-east-1:123456789012:table/ingest-10"),
            .implicitlyDenied)
        XCTAssertEqual(single.evaluate(action: "dynamodb:GetItem", resource: "arn:aws:dynamodb:us-east-1:123456789012:table/ingest-"),
            .implicitlyDenied)
    }

    /// IAM JSON policy elements: NotAction — "The following example allows users to access every
    /// action in every AWS service except for IAM." Nothing else allows IAM actions, so they
    /// are denied implicitly, not explicitly.
    func testNotActionWithAllowAllowsEverythingElse() throws {
        let policy = try parsePolicy(#"{"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"}"#)
        XCTAssertEqual(policy.evaluate(action: "sns:Publish", resource: "arn:aws:sns:us-east-1:123456789012:status"), .allowed)
        XCTAssertEqual(policy.evaluate(action: "iam:CreateUser", resource: "*"), .implicitlyDenied)
    }

    /// IAM JSON policy elements: NotResource — the HRPayroll policy "explicitly denies access to
    /// all Amazon S3 resources other than the listed resources" and, as the page says, needs an
    /// Allow statement "to permit access to the listed resources".
    func testNotResourceWithDenyDeniesEverythingElse() throws {
        let policy = try parsePolicy(#"""
            {"Version": "2012-10-17", "Statement": [
              {"Effect": "Deny", "Action": "s3:*",
               "NotResource": ["arn:aws:s3:::HRBucket/Payroll", "arn:aws:s3:::HRBucket/Payroll/*"]},
              {"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}
            """#)
        XCTAssertEqual(policy.evaluate(action: "s3:GetObject", resource: "arn:aws:s3:::HRBucket/Payroll/2024.csv"), .allowed)
        XCTAssertEqual(policy.evaluate(action: "s3:ListBucket", resource: "arn:aws:s3:::HRBucket/Payroll"), .allowed)
        XCTAssertEqual(policy.evaluate(action: "s3:GetObject", resource: "arn:aws:s3:::HRBucket/Marketing/plan.txt"),
            .explicitlyDenied)
        XCTAssertEqual(policy.evaluate(action: "ec2:StartInstances", resource: "*"), .implicitlyDenied,
            "the Deny covers S3 actions only, and nothing allows EC2")
    }

    /// The example from the page "The difference between explicit and implicit denies".
    static let allowGetListDenyReports = #"""
        {
            "Version": "2012-10-17",
            "Statement": [
                {"Sid": "AllowGetList", "Effect": "Allow", "Action": ["iam:Get*", "iam:List*"], "Resource": "*"},
                {"Sid": "DenyReports", "Effect": "Deny", "Action": "iam:*Report", "Resource": "*"}
            ]
        }
        """#
}

/// Parses policy text the way a sidecar's is parsed: through a `JSONDocument`, with a file name.
func parsePolicy(_ text: String, file: String = "policy.json") throws -> Policy {
    let document = try JSONDocument.parse(text)
    return try Policy(document.value, file: file, document: document)
}
