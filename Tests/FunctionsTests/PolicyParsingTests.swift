import Functions
import JSONValue
import XCTest

/// Which policy documents are accepted, and how the others are refused: every problem at once,
/// each at its line and column.
final class PolicyParsingTests: XCTestCase {
    /// A document, a bare statement array, a lone statement, and a document whose `Statement`
    /// is one object (IAM JSON policy elements: NotResource writes `"Statement": {...}`) are the
    /// same policy.
    func testTheFourShapesOfAPolicyAreTheSame() throws {
        let statement = #"{"Sid": "Publish1", "Effect": "Allow", "Action": "sns:Publish", "Resource": "arn:aws:sns:us-east-1:123456789012:status"}"#
        let shapes = [
            #"{"Version": "2012-10-17", "Statement": ["# + statement + "]}",
            "[" + statement + "]",
            statement,
            #"{"Version": "2008-10-17", "Statement": "# + statement + "}",
        ]
        let policies = try shapes.map { try parsePolicy($0) }
        for policy in policies {
            XCTAssertEqual(policy, policies[0])
            XCTAssertEqual(policy.evaluate(action: "sns:Publish", resource: "arn:aws:sns:us-east-1:123456789012:status"), .allowed)
        }
        XCTAssertNotEqual(try parsePolicy(#"{"Effect": "Deny", "Action": "sns:Publish", "Resource": "*"}"#), policies[0])
    }

    /// Five mistakes, five lines, each where the mistake is: a misspelt element (at its key),
    /// an Effect in the wrong case, a missing Action, both Resource and NotResource, an empty
    /// array.
    func testEveryProblemIsReportedWithItsPlace() {
        assertProblems(#"""
            {"Version": "2012-10-17",
             "Statement": [
              {"Effect": "Allow", "Acton": "sns:Publish", "Resource": "*"},
              {"Effect": "allow", "Action": "sns:Publish", "Resource": "*"},
              {"Effect": "Deny", "Action": "sns:Publish", "Resource": "*", "NotResource": "*"},
              {"Effect": "Deny", "Action": [], "Resource": "*"}
             ]}
            """#, [
            #"policy.json:3:23: error: unknown element "Acton" in a statement (known: Sid, Effect, Action, NotAction, Resource, NotResource)"#,
            #"policy.json:3:3: error: a statement needs "Action" or "NotAction""#,
            #"policy.json:4:14: error: "Effect" must be "Allow" or "Deny", not "allow""#,
            #"policy.json:5:64: error: a statement has either "Resource" or "NotResource", not both"#,
            #"policy.json:6:32: error: "Action" must be a string or a non-empty array of strings, not array"#,
        ])
    }

    /// `Condition` is refused (host tests no condition keys); `Principal` must not appear in an
    /// identity-based policy (IAM: "Policy document should not specify a principal."), nor `Id`
    /// ("It must *not* be included in identity-based policies").
    func testConditionPrincipalAndIdAreRefused() {
        assertProblems(#"""
            {"Id": "p1", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*",
              "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}}, "Principal": "*"}]}
            """#, [
            #"policy.json:1:2: error: "Id" must not be included in an identity-based policy"#,
            #"policy.json:2:3: error: "Condition" is not supported: host tests no condition keys, and ignoring the "#
                + #"condition would make this statement cover more than written; remove it and narrow "Resource" instead"#,
            #"policy.json:2:66: error: "Principal" must not be included in an identity-based policy: the policy "#
                + "applies to the function it belongs to",
        ])
    }

    /// Values IAM refuses: a Version that is neither of the two, an element name in the wrong
    /// case, an action without a service prefix or with two colons, a resource that is no ARN,
    /// a Sid with other characters or used twice, a value that is no string.
    func testValuesIAMRefuses() {
        assertProblems(#"""
            {"Version": "2012-10-18", "Statement": [
             {"Sid": "A-1", "effect": "Allow", "Action": ["Publish", "sns:a:b"], "Resource": "status"},
             {"Sid": "Two", "Effect": "Allow", "Action": "sns:Publish", "Resource": [7]},
             {"Sid": "Two", "Effect": "Allow", "Action": "sns:Publish", "Resource": "*"}]}
            """#, [
            #"policy.json:1:13: error: "Version" must be "2012-10-17" or "2008-10-17", not "2012-10-18""#,
            #"policy.json:2:17: error: unknown element "effect" in a statement; did you mean "Effect"?"#,
            #"policy.json:2:10: error: "Sid" "A-1" may hold only the letters A-Z and a-z and the digits 0-9"#,
            #"policy.json:2:2: error: a statement needs an "Effect" ("Allow" or "Deny")"#,
            #"policy.json:2:47: error: action "Publish" must be "*" or a service prefix, one colon and an action name, such as "states:DescribeExecution""#,
            #"policy.json:2:58: error: action "sns:a:b" must be "*" or a service prefix, one colon and an action name, such as "states:DescribeExecution""#,
            #"policy.json:2:82: error: resource "status" must be in ARN format or "*""#,
            #"policy.json:3:74: error: each value of "Resource" must be a string, not number"#,
            #"policy.json:4:10: error: "Sid" "Two" is already used by another statement; a Sid must be unique within a policy"#,
        ])
    }

    /// IAM JSON policy elements: Version — under 2008-10-17 "variables such as ${aws:username}
    /// aren't recognized as variables and are instead treated as literal strings"; under
    /// 2012-10-17 they are variables, which host cannot fill in, so it says so.
    func testPolicyVariablesAreRefusedOnlyWhereTheyAreVariables() throws {
        let resource = #"arn:aws:dynamodb:us-east-2:123456789012:table/${aws:username}"#
        let old = try parsePolicy(#"{"Version": "2008-10-17", "Statement": {"Effect": "Allow", "Action": "dynamodb:*", "Resource": ""# + resource + #""}}"#)
        XCTAssertEqual(old.evaluate(action: "dynamodb:GetItem", resource: resource), .allowed, "a literal string")
        assertProblems(#"{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "dynamodb:*", "Resource": ""# + resource + #""}}"#, [
            #"policy.json:1:96: error: resource "\#(resource)" uses a policy variable, which host does not fill in; write the ARN out"#,
        ])
    }

    /// Empty and mistyped containers: no statements, a policy that is no object or array, a
    /// statement that is no object.
    func testEmptyAndMistypedContainers() {
        assertProblems(#"{"Version": "2012-10-17", "Statement": []}"#, [
            "policy.json:1:40: error: a policy needs at least one statement",
        ])
        assertProblems(#"{"Version": "2012-10-17"}"#, [#"policy.json:1:1: error: a policy needs a "Statement""#])
        assertProblems(#""Allow""#, [#"policy.json:1:1: error: a policy must be an object with "Statement", an array of statements or one statement, not string"#])
        assertProblems(#"["sns:Publish"]"#, ["policy.json:1:2: error: a statement must be an object, not string"])
    }

    /// A policy inside a function's sidecar is reported at its place in the sidecar's text; with
    /// no document, the place is a JSON path.
    func testPlacesInsideASidecarAndWithoutADocument() throws {
        let sidecar = try JSONDocument.parse(#"""
            {"timeout": 5,
             "policy": [{"Effect": "Permit", "Action": "sns:Publish", "Resource": "*"}]}
            """#)
        let policy = try XCTUnwrap(sidecar.value["policy"])
        XCTAssertThrowsError(try Policy(policy, file: "functions/notify.json", document: sidecar, at: ["policy"])) { error in
            XCTAssertEqual((error as? PolicyError)?.description,
                #"functions/notify.json:2:24: error: "Effect" must be "Allow" or "Deny", not "Permit""#)
        }
        XCTAssertThrowsError(try Policy(policy, file: "functions/notify.json")) { error in
            XCTAssertEqual((error as? PolicyError)?.problems,
                [#"functions/notify.json: error: "Effect" must be "Allow" or "Deny", not "Permit" (at $[0].Effect)"#])
        }
        XCTAssertThrowsError(try Policy(["Statement": [["Sid": 1]]])) { error in
            XCTAssertEqual((error as? PolicyError)?.problems, [
                #"error: "Sid" must be a string, not number (at $.Statement[0].Sid)"#,
                #"error: a statement needs an "Effect" ("Allow" or "Deny") (at $.Statement[0])"#,
                #"error: a statement needs "Action" or "NotAction" (at $.Statement[0])"#,
                #"error: a statement needs "Resource" or "NotResource" (at $.Statement[0])"#,
            ])
        }
    }

    private func assertProblems(_ text: String, _ expected: [String], file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try parsePolicy(text), file: file, line: line) { error in
            guard let error = error as? PolicyError else { return XCTFail("not a PolicyError: \(error)", file: file, line: line) }
            XCTAssertEqual(error.problems, expected, file: file, line: line)
        }
    }
}
