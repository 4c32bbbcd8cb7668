import Foundation
import JSONValue

extension MachineCoverage {
    /// The coverage file `host test --coverage-json` writes and `host graph --coverage` reads
    /// (docs/testing.md, "Coverage"): `{"machines": [...]}`, one object a machine.
    public static func json(_ machines: [MachineCoverage]) -> JSONValue {
        ["machines": .array(machines.map(\.json))]
    }

    var json: JSONValue {
        func ratio(_ ratio: CoverageRatio) -> JSONValue {
            ["covered": .int(Int64(ratio.covered)), "total": .int(Int64(ratio.total)), "percent": .double(ratio.percent)]
        }
        return [
            "machine": .string(machine),
            "file": .string(file),
            "executions": .int(Int64(executions)),
            "summary": [
                "states": ratio(stateRatio), "transitions": ratio(transitionRatio),
                "retriers": ratio(retrierRatio), "branches": ratio(branchRatio),
            ],
            "states": .array(states.map {
                ["path": .string($0.path), "name": .string($0.name), "type": .string($0.type), "entered": .int(Int64($0.entered))]
            }),
            "transitions": .array(transitions.map {
                ["from": .string($0.from), "field": .string($0.field), "to": .string($0.to), "taken": .int(Int64($0.taken))]
            }),
            "retriers": .array(retriers.map {
                ["state": .string($0.state), "field": .string($0.field), "errorEquals": .array($0.errorEquals.map { .string($0) }),
                 "fired": .int(Int64($0.fired))]
            }),
            "branches": .array(branches.map {
                ["state": .string($0.state), "field": .string($0.field), "startAt": .string($0.startAt), "ran": .int(Int64($0.ran))]
            }),
        ]
    }

    /// Reads a coverage file; every problem at its place (`FILE:LINE:COLUMN`). Unknown members
    /// are refused, as everywhere else.
    public static func read(_ url: URL, file: String) throws(WorkflowTestError) -> [MachineCoverage] {
        guard let data = FileManager.default.contents(atPath: url.path) else { throw WorkflowTestError(["\(file): cannot be read"]) }
        let document: JSONDocument
        do { document = try JSONDocument.parse(String(decoding: data, as: UTF8.self)) } catch {
            throw WorkflowTestError(["\(file):\(error.line):\(error.column): \(error.message)"])
        }
        var reader = CoverageFileReader(document: document, file: file)
        let machines = reader.read()
        guard reader.problems.isEmpty else { throw WorkflowTestError(reader.problems) }
        return machines
    }
}

/// Reads a parsed coverage file, collecting every problem with its place.
private struct CoverageFileReader {
    let document: JSONDocument
    let file: String
    var problems: [String] = []

    init(document: JSONDocument, file: String) {
        self.document = document
        self.file = file
    }

    mutating func read() -> [MachineCoverage] {
        guard let top = object(document.value, at: [], fields: ["machines"]),
              let machines = array(top["machines"], at: ["machines"]) else { return [] }
        return machines.indices.compactMap { machine(machines[$0], at: ["machines", .index($0)]) }
    }

    private mutating func machine(_ value: JSONValue, at: [JSONPathComponent]) -> MachineCoverage? {
        let fields = ["machine", "file", "executions", "summary", "states", "transitions", "retriers", "branches"]
        guard let members = object(value, at: at, fields: fields) else { return nil }
        // The summary is what the lists add up to: written for readers, not read back.
        let states = list(members, "states", at: at, ["path", "name", "type", "entered"]) { item in
            StateCoverage(path: item.string("path"), name: item.string("name"), type: item.string("type"), entered: item.count("entered"))
        }
        let transitions = list(members, "transitions", at: at, ["from", "field", "to", "taken"]) { item in
            TransitionCoverage(from: item.string("from"), field: item.string("field"), to: item.string("to"), taken: item.count("taken"))
        }
        let retriers = list(members, "retriers", at: at, ["state", "field", "errorEquals", "fired"]) { item in
            RetrierCoverage(state: item.string("state"), field: item.string("field"), errorEquals: item.strings("errorEquals"),
                            fired: item.count("fired"))
        }
        let branches = list(members, "branches", at: at, ["state", "field", "startAt", "ran"]) { item in
            BranchCoverage(state: item.string("state"), field: item.string("field"), startAt: item.string("startAt"), ran: item.count("ran"))
        }
        var item = Item(members: members, at: at, reader: self)
        let coverage = MachineCoverage(machine: item.string("machine"), file: item.string("file"), executions: item.count("executions"),
                                       states: states, transitions: transitions, retriers: retriers, branches: branches)
        problems = item.reader.problems
        return coverage
    }

    /// The members of one list item, read with their problems noted.
    struct Item {
        let members: JSONObject
        let at: [JSONPathComponent]
        var reader: CoverageFileReader

        mutating func string(_ key: String) -> String {
            guard case .string(let text)? = members[key] else { return missing(key, "a string") ?? "" }
            return text
        }

        mutating func count(_ key: String) -> Int {
            guard let number = members[key]?.intValue, number >= 0 else { return missing(key, "a whole number, 0 or more") ?? 0 }
            return Int(number)
        }

        mutating func strings(_ key: String) -> [String] {
            guard case .array(let items)? = members[key], items.allSatisfy({ $0.stringValue != nil }) else {
                return missing(key, "an array of strings") ?? []
            }
            return items.compactMap(\.stringValue)
        }

        private mutating func missing<T>(_ key: String, _ what: String) -> T? {
            reader.problem(at: members[key] == nil ? at : at + [.key(key)], members[key] == nil ? "'\(key)' is missing" : "'\(key)' must be \(what)")
            return nil
        }
    }

    private mutating func list<T>(_ members: JSONObject, _ key: String, at: [JSONPathComponent], _ fields: [String],
                                  _ make: (inout Item) -> T) -> [T] {
        guard let items = array(members[key], at: at + [.key(key)]) else { return [] }
        var result: [T] = []
        for index in items.indices {
            let here = at + [.key(key), .index(index)]
            guard let fieldsOfItem = object(items[index], at: here, fields: fields) else { continue }
            var item = Item(members: fieldsOfItem, at: here, reader: self)
            result.append(make(&item))
            problems = item.reader.problems
        }
        return result
    }

    private mutating func object(_ value: JSONValue, at: [JSONPathComponent], fields: [String]) -> JSONObject? {
        guard case .object(let members) = value else {
            problem(at: at, "must be a JSON object")
            return nil
        }
        for key in members.keys where !fields.contains(key) {
            problem(at: at + [.key(key)], key: true, "unknown field '\(key)' (expected one of \(fields.joined(separator: ", ")))")
        }
        return members
    }

    private mutating func array(_ value: JSONValue?, at: [JSONPathComponent]) -> [JSONValue]? {
        guard case .array(let items)? = value else {
            guard value == nil, case .key(let name)? = at.last else {
                problem(at: at, "must be an array")
                return nil
            }
            problem(at: Array(at.dropLast()), "'\(name)' is missing")
            return nil
        }
        return items
    }

    mutating func problem(at: [JSONPathComponent], key: Bool = false, _ message: String) {
        let location = (key ? document.keyLocation(of: at) : nil) ?? document.location(of: at)
        problems.append("\(location.map { "\(file):\($0)" } ?? file): \(message) (at \(at.jsonPathDescription))")
    }
}
