import JSONValue

extension Policy {
    /// Parses a policy document, reporting every problem at once, each with its place.
    ///
    /// Three shapes are accepted: a document `{"Version": "2012-10-17", "Statement": [...]}`
    /// (`Statement` may also be one statement object, as IAM allows), a bare array of
    /// statements, or one statement object. Statements are checked as IAM checks an
    /// identity-based policy: `Effect` is `Allow` or `Deny`; exactly one of `Action` and
    /// `NotAction` and one of `Resource` and `NotResource`, each a string or a non-empty array
    /// of strings; an optional alphanumeric `Sid`, unique in the policy; nothing else.
    ///
    /// `Condition` is refused, not ignored: `host` has no request context to test it against,
    /// and dropping it would let an `Allow` allow more (or a `Deny` deny more) than written.
    ///
    /// - Parameters:
    ///   - value: The policy as parsed JSON.
    ///   - file: The file name that starts each problem line.
    ///   - document: The parsed text the policy came from, for lines and columns.
    ///   - path: Where the policy sits inside `document`, such as `["policy"]` for the
    ///     `policy` member of a function's sidecar; empty when the document is the policy.
    public init(
        _ value: JSONValue, file: String? = nil, document: JSONDocument? = nil, at path: [JSONPathComponent] = []
    ) throws(PolicyError) {
        var parser = PolicyParser(formatter: PolicyProblemFormatter(file: file, document: document, base: path))
        let statements = parser.policy(value)
        if !parser.problems.isEmpty { throw PolicyError(problems: parser.problems) }
        self.init(statements: statements)
    }
}

/// Reads a policy's JSON into statements, collecting problems instead of stopping at the first.
private struct PolicyParser {
    let formatter: PolicyProblemFormatter
    var problems: [String] = []
    /// The `Sid`s seen so far: "In IAM, the Sid value must be unique within a JSON policy."
    var sids: Set<String> = []
    /// "If you do not include a Version element, the value defaults to 2008-10-17".
    var version = "2008-10-17"

    static let documentElements = ["Version", "Statement"]
    static let statementElements = ["Sid", "Effect", "Action", "NotAction", "Resource", "NotResource"]

    mutating func problem(_ message: String, at path: [JSONPathComponent], atKey: Bool = false) {
        problems.append(formatter.line(message, at: path, atKey: atKey))
    }

    /// The statements of a document, a bare statement array or a lone statement.
    mutating func policy(_ value: JSONValue) -> [PolicyStatement] {
        switch value {
        case .array:
            return statements(value, at: [])
        case .object(let members) where members.keys.contains(where: { ["Version", "Statement", "Id"].contains($0) }):
            return document(members)
        case .object:
            return statements(value, at: [])
        default:
            problem("a policy must be an object with \"Statement\", an array of statements or one statement, "
                + "not \(value.typeName)", at: [])
            return []
        }
    }

    mutating func document(_ members: JSONObject) -> [PolicyStatement] {
        for key in members.keys where !Self.documentElements.contains(key) {
            if key == "Id" {
                // Grammar notes: "The id_block is optional in resource-based policies. It must
                // *not* be included in identity-based policies."
                problem("\"Id\" must not be included in an identity-based policy", at: [.key(key)], atKey: true)
            } else {
                unknownElement(key, of: "a policy", known: Self.documentElements, at: [.key(key)])
            }
        }
        if let value = members["Version"] {
            // Grammar: <version_block> = "Version" : ("2008-10-17" | "2012-10-17")
            if let text = value.stringValue, text == "2012-10-17" || text == "2008-10-17" {
                version = text
            } else {
                problem("\"Version\" must be \"2012-10-17\" or \"2008-10-17\", not \(Self.shown(value))", at: ["Version"])
            }
        }
        guard let statement = members["Statement"] else {
            problem("a policy needs a \"Statement\"", at: [])
            return []
        }
        return statements(statement, at: ["Statement"])
    }

    /// A `Statement` value: an array of statements or, as IAM also accepts, one statement.
    mutating func statements(_ value: JSONValue, at path: [JSONPathComponent]) -> [PolicyStatement] {
        switch value {
        case .array(let items) where items.isEmpty:
            problem("a policy needs at least one statement", at: path)
            return []
        case .array(let items):
            return items.indices.compactMap { statement(items[$0], at: path + [.index($0)]) }
        case .object:
            return statement(value, at: path).map { [$0] } ?? []
        default:
            problem("statements must be an array of objects or one object, not \(value.typeName)", at: path)
            return []
        }
    }

    mutating func statement(_ value: JSONValue, at path: [JSONPathComponent]) -> PolicyStatement? {
        guard case .object(let members) = value else {
            problem("a statement must be an object, not \(value.typeName)", at: path)
            return nil
        }
        for key in members.keys where !Self.statementElements.contains(key) {
            let place = path + [.key(key)]
            switch key {
            case "Condition":
                problem("\"Condition\" is not supported: host tests no condition keys, and ignoring the condition "
                    + "would make this statement cover more than written; remove it and narrow \"Resource\" instead",
                    at: place, atKey: true)
            case "Principal", "NotPrincipal":
                // IAM's own error for this is "Policy document should not specify a principal."
                problem("\"\(key)\" must not be included in an identity-based policy: the policy applies to "
                    + "the function it belongs to", at: place, atKey: true)
            default:
                unknownElement(key, of: "a statement", known: Self.statementElements, at: place)
            }
        }
        let sid = self.sid(members["Sid"], at: path + ["Sid"])
        let effect = self.effect(members["Effect"], at: path)
        let actions = patterns(members, "Action", "NotAction", at: path, ignoresCase: true, check: Self.actionProblem)
        let resources = patterns(members, "Resource", "NotResource", at: path, ignoresCase: false) { [version] in
            Self.resourceProblem($0, version: version)
        }
        guard let effect, let actions, let resources else { return nil }
        return PolicyStatement(sid: sid, effect: effect, actions: actions, resources: resources)
    }

    mutating func sid(_ value: JSONValue?, at path: [JSONPathComponent]) -> String? {
        guard let value else { return nil }
        guard let sid = value.stringValue else {
            problem("\"Sid\" must be a string, not \(value.typeName)", at: path)
            return nil
        }
        // "The Sid element supports ASCII uppercase letters (A-Z), lowercase letters (a-z), and
        // numbers (0-9)."
        if !sid.unicodeScalars.allSatisfy({ ("A"..."Z").contains($0) || ("a"..."z").contains($0) || ("0"..."9").contains($0) }) {
            problem("\"Sid\" \(Self.shown(value)) may hold only the letters A-Z and a-z and the digits 0-9", at: path)
        } else if !sids.insert(sid).inserted {
            problem("\"Sid\" \(Self.shown(value)) is already used by another statement; a Sid must be unique within a policy",
                at: path)
        }
        return sid
    }

    mutating func effect(_ value: JSONValue?, at path: [JSONPathComponent]) -> PolicyStatement.Effect? {
        guard let value else {
            problem("a statement needs an \"Effect\" (\"Allow\" or \"Deny\")", at: path)
            return nil
        }
        // Grammar: <effect_block> = "Effect" : ("Allow" | "Deny"), spelled exactly so.
        guard let text = value.stringValue, let effect = PolicyStatement.Effect(rawValue: text) else {
            problem("\"Effect\" must be \"Allow\" or \"Deny\", not \(Self.shown(value))", at: path + ["Effect"])
            return nil
        }
        return effect
    }

    /// The `Action`/`NotAction` or `Resource`/`NotResource` element: "Statements must include
    /// either an Action or NotAction element" and "either a Resource or a NotResource element".
    mutating func patterns(
        _ members: JSONObject, _ plain: String, _ negated: String, at path: [JSONPathComponent],
        ignoresCase: Bool, check: (String) -> String?
    ) -> PatternList? {
        switch (members[plain], members[negated]) {
        case (nil, nil):
            problem("a statement needs \"\(plain)\" or \"\(negated)\"", at: path)
            return nil
        case (.some, .some):
            problem("a statement has either \"\(plain)\" or \"\(negated)\", not both", at: path + [.key(negated)], atKey: true)
            return nil
        case (let value?, nil):
            return list(value, key: plain, at: path + [.key(plain)], negated: false, ignoresCase: ignoresCase, check: check)
        case (nil, let value?):
            return list(value, key: negated, at: path + [.key(negated)], negated: true, ignoresCase: ignoresCase, check: check)
        }
    }

    /// Grammar: ("*" | [<action_string>, ...]) where "If the element takes an array ... but
    /// only one value is included, the brackets are optional".
    mutating func list(
        _ value: JSONValue, key: String, at path: [JSONPathComponent], negated: Bool, ignoresCase: Bool,
        check: (String) -> String?
    ) -> PatternList? {
        let items: [(value: JSONValue, path: [JSONPathComponent])]
        switch value {
        case .string: items = [(value, path)]
        case .array(let values) where !values.isEmpty: items = values.enumerated().map { ($1, path + [.index($0)]) }
        default:
            problem("\"\(key)\" must be a string or a non-empty array of strings, not \(Self.shown(value))", at: path)
            return nil
        }
        var patterns: [WildcardPattern] = []
        for item in items {
            guard let text = item.value.stringValue else {
                problem("each value of \"\(key)\" must be a string, not \(item.value.typeName)", at: item.path)
                continue
            }
            if let message = check(text) { problem(message, at: item.path) } else {
                patterns.append(WildcardPattern(text, ignoresCase: ignoresCase))
            }
        }
        return patterns.count == items.count ? PatternList(patterns: patterns, negated: negated) : nil
    }

    mutating func unknownElement(_ key: String, of owner: String, known: [String], at path: [JSONPathComponent]) {
        let near = known.first { $0.lowercased() == key.lowercased() }.map { "; did you mean \"\($0)\"?" }
        problem("unknown element \"\(key)\" in \(owner)"
            + (near ?? " (known: \(known.joined(separator: ", ")))"), at: path, atKey: true)
    }

    /// "Consists of a service namespace, a colon, and the name of an action" (grammar notes);
    /// IAM refuses others with "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb,
    /// ec2, etc." and "Actions/Condition can contain only one colon."
    static func actionProblem(_ action: String) -> String? {
        if action == "*" { return nil }
        let parts = action.split(separator: ":", omittingEmptySubsequences: false)
        if parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty { return nil }
        return "action \"\(action)\" must be \"*\" or a service prefix, one colon and an action name, "
            + "such as \"states:DescribeExecution\""
    }

    /// IAM refuses a resource that is no ARN with "Resource X must be in ARN format or "*"."
    /// Policy variables (`${aws:username}`) are only variables under Version 2012-10-17
    /// ("Otherwise, you cannot use features such as policy variables"), and host has no
    /// request context to fill them from, so there they are refused.
    static func resourceProblem(_ resource: String, version: String) -> String? {
        if resource != "*" && !resource.hasPrefix("arn:") {
            return "resource \"\(resource)\" must be in ARN format or \"*\""
        }
        if version == "2012-10-17" && resource.contains("${") {
            return "resource \"\(resource)\" uses a policy variable, which host does not fill in; write the ARN out"
        }
        return nil
    }

    /// A value for a message: a string in quotes, anything else by its JSON type.
    static func shown(_ value: JSONValue) -> String {
        if case .string(let text) = value { return "\"\(text)\"" }
        return value.typeName
    }
}

/// Turns a problem at a path of a policy into a line of a `PolicyError`.
private struct PolicyProblemFormatter: Sendable {
    /// The file name to start each line with, when known.
    let file: String?
    /// The parsed text the policy came from, for lines and columns.
    let document: JSONDocument?
    /// Where the policy sits in `document`: `["policy"]` in a function's sidecar.
    let base: [JSONPathComponent]

    /// The line for `message` about the value at `path` (relative to the policy), or with
    /// `atKey` about the member's key, as for an element that should not be there.
    func line(_ message: String, at path: [JSONPathComponent], atKey: Bool) -> String {
        let full = base + path
        let prefix = file.map { "\($0):" } ?? ""
        guard let document else {
            return "\(prefix)\(prefix.isEmpty ? "" : " ")error: \(message) (at \(Self.describe(full)))"
        }
        var location = atKey ? document.keyLocation(of: full) : nil
        // A missing member is reported where the object that lacks it starts.
        var parent = full
        while location == nil {
            location = document.location(of: parent)
            if parent.isEmpty { break }
            parent.removeLast()
        }
        return "\(prefix)\(location?.description ?? "1:1"): error: \(message)"
    }

    /// `$.Statement[0].Action[2]`: a path as a JSONPath, for people to find the place.
    static func describe(_ path: [JSONPathComponent]) -> String {
        path.reduce("$") { text, component in
            switch component {
            case .index(let i): return text + "[\(i)]"
            case .key(let key):
                let plain = !key.isEmpty && key.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }
                    && !(key.first?.isNumber ?? false)
                if plain { return text + ".\(key)" }
                return text + "['" + key.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "\\'") + "']"
            }
        }
    }
}
