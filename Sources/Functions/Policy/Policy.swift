/// A function's identity-based policy: the IAM-style statements that decide which host APIs
/// (`states:DescribeExecution`, `dynamodb:UpdateItem`, `sns:Publish`, ...) it may call on which
/// resources.
///
/// ```json
/// {"Version": "2012-10-17",
///  "Statement": [{"Effect": "Allow", "Action": "dynamodb:UpdateItem",
///                 "Resource": "arn:aws:dynamodb:us-east-1:123456789012:table/ingest"}]}
/// ```
///
/// Evaluation follows IAM's rules for a request that only identity-based policies apply to
/// (see `evaluate(action:resource:)`); parsing accepts what IAM accepts for such a policy, minus
/// `Condition`, which `host` refuses rather than ignores (see `Policy+Parsing.swift`).
public struct Policy: Sendable, Equatable {
    /// The statements, in the order they were written. Order never changes a decision.
    var statements: [PolicyStatement]

    /// A policy from statements already checked.
    init(statements: [PolicyStatement]) {
        self.statements = statements
    }

    /// The policy of a function that has none: it may call nothing. "By default, all requests
    /// are implicitly denied" (IAM, Policy evaluation logic).
    public static let denyAll = Policy(statements: [])

    /// Decides whether the policy lets a caller perform `action` (`service:Operation`, such as
    /// `states:GetExecutionHistory`) on `resource` (an ARN).
    ///
    /// IAM, Policy evaluation logic: "By default, all requests are implicitly denied", "An
    /// explicit allow in an identity-based or resource-based policy overrides this default" and
    /// "An explicit deny in any policy overrides any allows." So one applicable `Deny` decides
    /// at once, whatever comes before or after it; otherwise one applicable `Allow` allows.
    public func evaluate(action: String, resource: String) -> PolicyDecision {
        var allowed = false
        for statement in statements where statement.applies(action: action, resource: resource) {
            switch statement.effect {
            case .deny: return .explicitlyDenied
            case .allow: allowed = true
            }
        }
        return allowed ? .allowed : .implicitlyDenied
    }
}

/// What a policy decides for one request, in IAM's three outcomes.
public enum PolicyDecision: Sendable, Equatable {
    /// An `Allow` statement applies and no `Deny` statement does.
    case allowed
    /// No statement applies: "An implicit denial occurs when there is no applicable Deny
    /// statement but also no applicable Allow statement."
    case implicitlyDenied
    /// A `Deny` statement applies: "If policies that apply to a request include an Allow
    /// statement and a Deny statement, the Deny statement trumps the Allow statement."
    case explicitlyDenied
}

/// A policy document that cannot be used: one line a problem, every problem at once.
///
/// With a `JSONDocument` each line reads `FILE:LINE:COLUMN: error: MESSAGE`, the way compilers
/// and the rest of `host` print them; without one, the place is a JSON path instead:
/// `FILE: error: MESSAGE (at $.Statement[1].Effect)`.
public struct PolicyError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The problems, each a complete line.
    public var problems: [String]

    /// Makes an error from problem lines.
    public init(problems: [String]) {
        self.problems = problems
    }

    /// The problems, one a line.
    public var description: String { problems.joined(separator: "\n") }
}

/// The message of the `AccessDeniedException` AWS gives when an identity-based policy denies a
/// call, word for word.
///
/// IAM, Troubleshoot access denied error messages: "Most access denied error messages appear in
/// the format `User user is not authorized to perform action on resource because context`" and
/// "When a policy explicitly denies access because the policy contains a Deny statement, then
/// AWS includes the phrase `with an explicit deny in a type policy` in the access denied error
/// message. When the policy implicitly denies access, then AWS includes the phrase `because no
/// type policy allows the action action`". Its examples for identity-based policies:
///
/// ```
/// User: arn:aws:iam::123456789012:user/JohnDoe is not authorized to perform:
/// codecommit:ListRepositories because no identity-based policy allows the codecommit:ListRepositories action
/// User: arn:aws:iam::123456789012:user/JohnDoe is not authorized to perform:
/// codedeploy:ListDeployments on resource: arn:aws:codedeploy:us-east-1:123456789012:deploymentgroup:* with an explicit deny in an identity-based policy
/// ```
///
/// (the line break after "perform:" is the page's, the message has a space there), and no
/// closing period. `host` always names the resource, as the services behind its host APIs do.
/// A newer form ends the explicit case with `: POLICY-ARN`; a function's sidecar policy has no
/// ARN, so the message ends after "policy".
///
/// - Parameters:
///   - principal: Who called, for a function its role session (`lambdaRolePrincipal`).
///   - action: The action as the caller asked for it, such as `states:GetExecutionHistory`.
///   - resource: The ARN the call was about.
///   - decision: `.implicitlyDenied` or `.explicitlyDenied`. An allowed call has no denial
///     message; asking for one is a programming error, answered (in release builds) with the
///     implicit wording.
public func accessDeniedMessage(principal: String, action: String, resource: String, decision: PolicyDecision) -> String {
    let head = "User: \(principal) is not authorized to perform: \(action) on resource: \(resource)"
    switch decision {
    case .explicitlyDenied:
        return head + " with an explicit deny in an identity-based policy"
    case .implicitlyDenied:
        return head + " because no identity-based policy allows the \(action) action"
    case .allowed:
        assertionFailure("an allowed call has no access denied message")
        return head + " because no identity-based policy allows the \(action) action"
    }
}

/// The principal a Lambda function's calls are made as: its execution role's session, which
/// Lambda names after the function. A function `error_handler` in account `123456789012` with
/// the role `error_handler-role` calls as
/// `arn:aws:sts::123456789012:assumed-role/error_handler-role/error_handler`, the shape of
/// "Example role session ARN: arn:aws:sts::111122223333:assumed-role/examplerole/examplerolesessionname".
public func lambdaRolePrincipal(function: String, account: String) -> String {
    "arn:aws:sts::\(account):assumed-role/\(function)-role/\(function)"
}

/// One statement of a policy, checked: an effect, the actions and the resources it covers.
struct PolicyStatement: Sendable, Equatable {
    /// `Allow` or `Deny`, the only values of the `Effect` element.
    enum Effect: String, Sendable, Equatable {
        case allow = "Allow"
        case deny = "Deny"
    }

    /// The statement's `Sid`, when it has one; it never changes a decision.
    var sid: String?
    var effect: Effect
    /// From `Action` (`negated == false`) or `NotAction` (`negated == true`).
    var actions: PatternList
    /// From `Resource` (`negated == false`) or `NotResource` (`negated == true`).
    var resources: PatternList

    /// Whether the statement covers the request: both its action and its resource match.
    func applies(action: String, resource: String) -> Bool {
        actions.matches(action) && resources.matches(resource)
    }
}

/// The patterns of one `Action`/`NotAction` or `Resource`/`NotResource` element.
struct PatternList: Sendable, Equatable {
    /// The element's values, in the order written; never empty.
    var patterns: [WildcardPattern]
    /// Whether the list came from `NotAction` or `NotResource`.
    var negated: Bool

    /// Whether `subject` is covered. A plain list covers what any of its patterns matches;
    /// IAM's `NotAction` "explicitly matches everything *except* the specified list of
    /// actions", and `NotResource` "explicitly matches all resources ... except for the
    /// resources listed in the statement".
    func matches(_ subject: String) -> Bool {
        patterns.contains { $0.matches(subject) } != negated
    }
}
