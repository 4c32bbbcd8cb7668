import Foundation
import JSONValue

/// A topic declared in `topics/<Name>.json`: an SNS topic or an IoT (MQTT) topic.
///
/// ```json
/// {"Type": "sns", "Subscriptions": [{"Protocol": "lambda", "Endpoint": "notify"}]}
/// ```
public struct TopicDefinition: Sendable, Equatable {
    /// Which service the topic belongs to.
    public enum Kind: String, Sendable, Equatable {
        case sns
        case iot
    }

    /// The topic's name: the file's name without `.json`.
    public var name: String
    /// SNS or IoT.
    public var kind: Kind
    /// `arn:aws:sns:<region>:<account>:<name>` or `arn:aws:iot:<region>:<account>:topic/<name>`.
    public var arn: String
    /// Who receives what is published (SNS topics only).
    public var subscriptions: [TopicSubscription]
}

/// A Lambda subscription of an SNS topic.
public struct TopicSubscription: Sendable, Equatable {
    /// `lambda`: the only protocol host delivers.
    public var `protocol`: String
    /// The function as written: a name or an ARN.
    public var endpoint: String
    /// The function the endpoint names.
    public var functionName: String
    /// `<topic ARN>:<id>`, the same for the same topic and endpoint every time.
    public var subscriptionArn: String
}

/// The topics a workspace declares, one `topics/<Name>.json` a topic.
public struct TopicCatalog: Sendable {
    /// The `topics/` folder.
    public let directory: URL
    /// The region of the topics' ARNs.
    public let region: String
    /// The account of the topics' ARNs.
    public let account: String

    /// The catalog of the workspace at `root`.
    public init(root: URL, region: String = "us-east-1", account: String = "123456789012") {
        directory = root.appendingPathComponent("topics")
        self.region = region
        self.account = account
    }

    /// The declared topics' names, sorted; whether or not their files are valid.
    public func names() -> [String] {
        DefinitionProblems.names(in: directory)
    }

    /// The topic `name`, or nil when no file declares it; throws every problem of a file
    /// that declares it badly.
    public func topic(_ name: String) throws(CatalogError) -> TopicDefinition? {
        guard names().contains(name) else { return nil }
        let file = "topics/\(name).json"
        let text = try DefinitionProblems.read(directory.appendingPathComponent("\(name).json"), file: file)
        return try Self.parse(text, name: name, file: file, region: region, account: account)
    }

    /// Every declared topic, by name; throws the problems of all bad files at once.
    public func list() throws(CatalogError) -> [TopicDefinition] {
        var topics: [TopicDefinition] = []
        var problems: [String] = []
        for name in names() {
            do {
                if let topic = try topic(name) { topics.append(topic) }
            } catch {
                problems += error.problems
            }
        }
        if !problems.isEmpty { throw CatalogError(problems: problems) }
        return topics
    }

    /// Reads a topic definition; every problem is reported at once, each with its place.
    public static func parse(_ text: String, name: String, file: String, region: String = "us-east-1",
                             account: String = "123456789012") throws(CatalogError) -> TopicDefinition {
        let document = try DefinitionProblems.parse(text, file: file)
        var problems = DefinitionProblems(file: file, document: document)
        guard case .object(let members) = document.value else {
            throw CatalogError(problems: ["\(file):1:1: error: a topic definition must be a JSON object such as {\"Type\": \"sns\"}"])
        }
        for key in members.keys where key != "Type" && key != "Subscriptions" {
            problems.add([.key(key)], "unknown field '\(key)' (known: Type, Subscriptions)", key: true)
        }
        let kind: TopicDefinition.Kind?
        switch members["Type"] {
        case .string(let type)?:
            kind = TopicDefinition.Kind(rawValue: type)
            if kind == nil { problems.add(["Type"], "'Type' must be \"sns\" or \"iot\"") }
        case nil:
            kind = nil
            problems.add([], "missing 'Type': \"sns\" or \"iot\"")
        default:
            kind = nil
            problems.add(["Type"], "'Type' must be \"sns\" or \"iot\"")
        }
        // "Topic names must be made up of only uppercase and lowercase ASCII letters,
        // numbers, underscores, and hyphens, and must be between 1 and 256 characters long"
        // (SNS CreateTopic).
        if kind == .sns, !(1...256).contains(name.count) || !name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }) {
            problems.add([], "the SNS topic name '\(name)' must be 1 to 256 ASCII letters, digits, '_' or '-'")
        }
        let arn = kind == .iot ? "arn:aws:iot:\(region):\(account):topic/\(name)" : "arn:aws:sns:\(region):\(account):\(name)"
        var subscriptions: [TopicSubscription] = []
        if let value = members["Subscriptions"] {
            if kind == .iot {
                problems.add(["Subscriptions"], "an IoT topic has no subscriptions; only SNS topics deliver to functions")
            } else if case .array(let elements) = value {
                for (i, element) in elements.enumerated() {
                    if let subscription = Self.subscription(element, at: ["Subscriptions", .index(i)], topicArn: arn, &problems) {
                        subscriptions.append(subscription)
                    }
                }
            } else {
                problems.add(["Subscriptions"], "'Subscriptions' must be an array of {\"Protocol\": \"lambda\", \"Endpoint\": FUNCTION}")
            }
        }
        guard problems.lines.isEmpty, let kind else { throw CatalogError(problems: problems.lines) }
        return TopicDefinition(name: name, kind: kind, arn: arn, subscriptions: subscriptions)
    }

    private static func subscription(_ value: JSONValue, at path: [JSONPathComponent], topicArn: String,
                                     _ problems: inout DefinitionProblems) -> TopicSubscription? {
        guard case .object(let members) = value else {
            problems.add(path, "a subscription must be an object such as {\"Protocol\": \"lambda\", \"Endpoint\": \"notify\"}")
            return nil
        }
        for key in members.keys where key != "Protocol" && key != "Endpoint" {
            problems.add(path + [.key(key)], "unknown field '\(key)' (known: Protocol, Endpoint)", key: true)
        }
        guard members["Protocol"] == "lambda" else {
            problems.add(members["Protocol"] == nil ? path : path + ["Protocol"], "'Protocol' must be \"lambda\": host delivers to functions only")
            return nil
        }
        guard case .string(let endpoint)? = members["Endpoint"], let function = functionName(endpoint) else {
            problems.add(members["Endpoint"] == nil ? path : path + ["Endpoint"], "'Endpoint' must be a function's name or ARN")
            return nil
        }
        return TopicSubscription(protocol: "lambda", endpoint: endpoint, functionName: function,
                                 subscriptionArn: "\(topicArn):\(stableID(topicArn + "\u{0}" + endpoint))")
    }

    /// The function a Lambda endpoint names: `name` or
    /// `arn:aws:lambda:<region>:<account>:function:<name>[:<qualifier>]`.
    static func functionName(_ endpoint: String) -> String? {
        let parts = endpoint.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        let name = parts.count == 1 ? parts[0] : parts.count >= 7 && parts[0] == "arn" && parts[5] == "function" ? parts[6] : ""
        let valid = (1...64).contains(name.count) && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
        return valid ? name : nil
    }

    /// A UUID-shaped id derived from `text` (two 64-bit FNV-1a hashes), so that a
    /// subscription keeps its ARN from one run to the next, as a real one does.
    static func stableID(_ text: String) -> String {
        func fnv(_ seed: UInt64) -> UInt64 {
            text.utf8.reduce(seed) { ($0 ^ UInt64($1)) &* 0x100000001b3 }
        }
        let hex = String(format: "%016llx%016llx", fnv(0xcbf29ce484222325), fnv(0x84222325cbf29ce4))
        let c = Array(hex)
        return [c[0..<8], c[8..<12], c[12..<16], c[16..<20], c[20..<32]].map { String($0) }.joined(separator: "-")
    }
}
