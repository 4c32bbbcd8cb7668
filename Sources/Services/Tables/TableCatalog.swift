import Foundation
import JSONValue

/// The tables a workspace declares: one `tables/<Name>.json` a table, in CreateTable's shape.
public struct TableCatalog: Sendable {
    /// The `tables/` folder.
    public let directory: URL

    /// The catalog of the workspace at `root`.
    public init(root: URL) {
        directory = root.appendingPathComponent("tables")
    }

    /// The declared tables' names, sorted; whether or not their files are valid.
    public func names() -> [String] {
        DefinitionProblems.names(in: directory)
    }

    /// The table `name`, or nil when no file declares it; throws every problem of a file
    /// that declares it badly.
    public func table(_ name: String) throws(CatalogError) -> TableDefinition? {
        guard names().contains(name) else { return nil }
        let file = "tables/\(name).json"
        let text = try DefinitionProblems.read(directory.appendingPathComponent("\(name).json"), file: file)
        return try Self.parse(text, name: name, file: file)
    }

    /// Every declared table; throws the problems of all bad files at once.
    public func tables() throws(CatalogError) -> [TableDefinition] {
        var tables: [TableDefinition] = []
        var problems: [String] = []
        for name in names() {
            do {
                if let table = try table(name) { tables.append(table) }
            } catch {
                problems += error.problems
            }
        }
        if !problems.isEmpty { throw CatalogError(problems: problems) }
        return tables
    }

    /// CreateTable's members; those host has no use for are accepted and ignored.
    static let fields = ["KeySchema", "AttributeDefinitions", "TableName", "BillingMode", "ProvisionedThroughput",
                         "OnDemandThroughput", "StreamSpecification", "SSESpecification", "Tags", "TableClass",
                         "DeletionProtectionEnabled", "WarmThroughput", "ResourcePolicy",
                         "GlobalSecondaryIndexes", "LocalSecondaryIndexes"]

    /// Reads a table definition; every problem is reported at once, each with its place.
    public static func parse(_ text: String, name: String, file: String) throws(CatalogError) -> TableDefinition {
        let document = try DefinitionProblems.parse(text, file: file)
        var problems = DefinitionProblems(file: file, document: document)
        guard case .object(let members) = document.value else {
            throw CatalogError(problems: ["\(file):1:1: error: a table definition must be a JSON object (CreateTable's request)"])
        }
        // "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+" (CreateTable, TableName).
        if !(3...255).contains(name.utf8.count) || !name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "_.-".contains($0)) }) {
            problems.add([], "the table name '\(name)' must be 3 to 255 characters from a-z, A-Z, 0-9, '_', '-' and '.'")
        }
        for key in members.keys where !fields.contains(key) {
            problems.add([.key(key)], "unknown field '\(key)' (CreateTable's fields: \(fields.joined(separator: ", ")))", key: true)
        }
        for key in ["GlobalSecondaryIndexes", "LocalSecondaryIndexes"] where members[key] != nil {
            problems.add([.key(key)], "host does not support secondary indexes", key: true)
        }
        if let tableName = members["TableName"], tableName != .string(name) {
            problems.add(["TableName"], "TableName must be the file's name, '\(name)'")
        }
        let definitions = attributeDefinitions(members["AttributeDefinitions"], &problems)
        let keys = keySchema(members["KeySchema"], &problems)
        var key: [KeyAttribute] = []
        for (index, attribute) in keys.enumerated() {
            if let type = definitions[attribute] {
                key.append(KeyAttribute(name: attribute, type: type))
            } else {
                problems.add(["KeySchema", .index(index), "AttributeName"],
                             "the key attribute '\(attribute)' is not defined in AttributeDefinitions")
            }
        }
        if !keys.isEmpty && definitions.count > 0 && Set(definitions.keys) != Set(keys) && key.count == keys.count {
            problems.add(["AttributeDefinitions"],
                         "Number of attributes in KeySchema does not exactly match number of attributes defined in AttributeDefinitions")
        }
        guard problems.lines.isEmpty, let partition = key.first else {
            throw CatalogError(problems: problems.lines.isEmpty ? ["\(file):1:1: error: the table has no key"] : problems.lines)
        }
        return TableDefinition(name: name, partitionKey: partition, sortKey: key.count > 1 ? key[1] : nil)
    }

    /// AttributeDefinitions: names to types.
    private static func attributeDefinitions(_ value: JSONValue?, _ problems: inout DefinitionProblems) -> [String: String] {
        guard let value else {
            problems.add([], "missing 'AttributeDefinitions': the key attributes' names and types")
            return [:]
        }
        guard case .array(let elements) = value, !elements.isEmpty else {
            problems.add(["AttributeDefinitions"], "'AttributeDefinitions' must be a non-empty array")
            return [:]
        }
        var definitions: [String: String] = [:]
        for (i, element) in elements.enumerated() {
            let at: [JSONPathComponent] = ["AttributeDefinitions", .index(i)]
            guard case .string(let name)? = element["AttributeName"], !name.isEmpty else {
                problems.add(element["AttributeName"] == nil ? at : at + ["AttributeName"], "'AttributeName' must be a non-empty string")
                continue
            }
            guard case .string(let type)? = element["AttributeType"], ["S", "N", "B"].contains(type) else {
                problems.add(element["AttributeType"] == nil ? at : at + ["AttributeType"], "'AttributeType' must be S, N or B")
                continue
            }
            if definitions[name] != nil {
                problems.add(at + ["AttributeName"], "Cannot have two attributes with the same name: '\(name)'")
            }
            definitions[name] = type
        }
        return definitions
    }

    /// KeySchema: the partition key's name, then the sort key's when there is one.
    private static func keySchema(_ value: JSONValue?, _ problems: inout DefinitionProblems) -> [String] {
        guard let value else {
            problems.add([], "missing 'KeySchema': the partition key (HASH) and optional sort key (RANGE)")
            return []
        }
        guard case .array(let elements) = value, (1...2).contains(elements.count) else {
            problems.add(["KeySchema"], "'KeySchema' must be an array of one HASH and at most one RANGE element")
            return []
        }
        var names: [String] = []
        for (i, element) in elements.enumerated() {
            let at: [JSONPathComponent] = ["KeySchema", .index(i)]
            let expected = i == 0 ? "HASH" : "RANGE"
            guard case .string(let name)? = element["AttributeName"], !name.isEmpty else {
                problems.add(element["AttributeName"] == nil ? at : at + ["AttributeName"], "'AttributeName' must be a non-empty string")
                continue
            }
            guard element["KeyType"] == .string(expected) else {
                problems.add(element["KeyType"] == nil ? at : at + ["KeyType"],
                             i == 0 ? "Invalid KeySchema: The first KeySchemaElement is not a HASH key type"
                                    : "Invalid KeySchema: The second KeySchemaElement is not a RANGE key type")
                continue
            }
            if names.contains(name) {
                problems.add(at + ["AttributeName"], "Both the Hash Key and the Range Key element in the KeySchema have the same name")
            }
            names.append(name)
        }
        return names.count == elements.count ? names : []
    }
}

/// A table declared in `tables/<Name>.json`, in CreateTable's shape:
///
/// ```json
/// {"KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}, {"AttributeName": "ts", "KeyType": "RANGE"}],
///  "AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"}, {"AttributeName": "ts", "AttributeType": "N"}]}
/// ```
public struct TableDefinition: Sendable, Equatable {
    /// The table's name: the file's name without `.json`.
    public var name: String
    /// The partition key (`HASH`).
    public var partitionKey: KeyAttribute
    /// The sort key (`RANGE`), when the table has one.
    public var sortKey: KeyAttribute?

    /// A table keyed by `partitionKey`, and by `sortKey` within a partition when given.
    public init(name: String, partitionKey: KeyAttribute, sortKey: KeyAttribute? = nil) {
        self.name = name
        self.partitionKey = partitionKey
        self.sortKey = sortKey
    }

    /// The key attributes, partition key first.
    public var keyAttributes: [KeyAttribute] { [partitionKey] + (sortKey.map { [$0] } ?? []) }

    /// `arn:aws:dynamodb:<region>:<account>:table/<name>`
    public func arn(region: String = "us-east-1", account: String = "123456789012") -> String {
        "arn:aws:dynamodb:\(region):\(account):table/\(name)"
    }
}

/// A key attribute: its name and its scalar type.
public struct KeyAttribute: Sendable, Equatable {
    /// The attribute's name.
    public var name: String
    /// `S`, `N` or `B`.
    public var type: String

    /// A key attribute named `name` of type `S`, `N` or `B`.
    public init(name: String, type: String) {
        self.name = name
        self.type = type
    }
}

/// Files of a catalog that cannot be used: one line a problem, `FILE:LINE:COLUMN: error: MESSAGE`.
public struct CatalogError: Error, Sendable, Equatable, CustomStringConvertible {
    /// One line a problem: `FILE:LINE:COLUMN: error: MESSAGE`.
    public var problems: [String]

    /// An error of these problem lines.
    public init(problems: [String]) { self.problems = problems }

    /// The problems, one a line.
    public var description: String { problems.joined(separator: "\n") }
}

/// Collects a definition file's problems, each at the place it is about.
struct DefinitionProblems {
    let file: String
    let document: JSONDocument
    private(set) var lines: [String] = []

    init(file: String, document: JSONDocument) {
        self.file = file
        self.document = document
    }

    /// A problem with the value at `path` (or with the key of its member, with `key`).
    mutating func add(_ path: [JSONPathComponent], _ message: String, key: Bool = false) {
        let location = (key ? document.keyLocation(of: path) : nil) ?? document.location(of: path)
        lines.append("\(file):\(location?.description ?? "1:1"): error: \(message)")
    }

    /// Parses `text`; a syntax error is the file's one problem.
    static func parse(_ text: String, file: String) throws(CatalogError) -> JSONDocument {
        do { return try JSONDocument.parse(text) } catch {
            throw CatalogError(problems: ["\(file):\(error.line):\(error.column): error: \(error.message)"])
        }
    }

    /// Reads `url` for a catalog: its text, or the problem of a file that cannot be read.
    static func read(_ url: URL, file: String) throws(CatalogError) -> String {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            let reason = FileManager.default.fileExists(atPath: url.path) ? "cannot be read" : "no such file"
            throw CatalogError(problems: ["\(file):1:1: error: \(reason)"])
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// The names of the `*.json` files of `directory`, sorted, without the extension.
    static func names(in directory: URL) -> [String] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return files.filter { $0.hasSuffix(".json") && !$0.hasPrefix(".") }.map { String($0.dropLast(5)) }.sorted()
    }
}
