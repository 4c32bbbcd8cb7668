import JSONValue
import Store

extension Rule {
    /// A rule created through the API, from its stored record.
    public init(record: RuleRecord) throws(RuleProblems) {
        let pattern: EventPattern
        do { pattern = try EventPattern.parse(record.eventPattern) } catch {
            throw RuleProblems(problems: error.problems.map { "rule \(record.name): EventPattern: \($0.description)" })
        }
        let list: [JSONValue]
        switch try? JSONValue.parse(record.targets) {
        case .array(let elements)?: list = elements
        default: throw RuleProblems(problems: ["rule \(record.name): its stored targets are not a JSON array"])
        }
        var reader = RuleReader()
        let targets = list.enumerated().compactMap { index, value in reader.target(value, at: [.index(index)]) }
        guard reader.problems.isEmpty else {
            throw RuleProblems(problems: reader.problems.map { "rule \(record.name): \(Self.describe($0))" })
        }
        self.init(name: record.name, pattern: pattern, patternText: record.eventPattern, enabled: record.state != "DISABLED",
                  targets: targets, description: record.description)
    }

    /// One target in PutTargets' shape (`{"Id": ..., "Arn": ..., "InputPath": ...}`), or every
    /// problem it has, each as `MESSAGE (at $.MEMBER)`.
    public static func target(_ value: JSONValue) -> Result<Target, RuleProblems> {
        var reader = RuleReader()
        let target = reader.target(value, at: [])
        if let target, reader.problems.isEmpty { return .success(target) }
        return .failure(RuleProblems(problems: reader.problems.map(describe)))
    }

    private static func describe(_ problem: RuleReader.Problem) -> String {
        problem.path.isEmpty ? problem.message : "\(problem.message) (at \(problem.path.jsonPathDescription))"
    }
}
