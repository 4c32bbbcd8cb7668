import Diagrams
import Foundation
import StatesLanguage
import XCTest

/// What every diagram must hold, whatever the machine: every state a node, every edge between
/// drawn nodes, clusters for Parallel and Map, and text that neither DOT nor Mermaid misreads.
final class DiagramStructureTests: XCTestCase {
    /// Every state of every file in `machines/` is in its graph, once, in DOT and in Mermaid.
    func testEveryStateOfEveryMachineIsDrawn() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Files.machines.path).filter { $0.hasSuffix(".json") }.sorted()
        XCTAssertGreaterThanOrEqual(files.count, 4, "the seed machines are in machines/")
        for file in files {
            let name = String(file.dropLast(5))
            let machine = try Files.machine(name)
            let diagram = Diagram(machine: machine, name: name)
            let names = Self.stateNames(machine)
            XCTAssertFalse(names.isEmpty, file)
            XCTAssertEqual(diagram.nodes.filter { if case .state = $0.kind { true } else { false } }.map(\.title).sorted(), names.sorted(), file)
            let dot = diagram.dot(), mermaid = diagram.mermaid()
            for state in names {
                XCTAssertEqual(dot.components(separatedBy: "<b>\(state)</b>").count, 2, "\(file): \(state) once in DOT")
                XCTAssertEqual(mermaid.components(separatedBy: "<b>\(state)</b>").count, 2, "\(file): \(state) once in Mermaid")
            }
            assertEdgesJoinNodes(diagram, file)
        }
    }

    /// Parallel branches and a Map's item processor are clusters inside the state's cluster,
    /// with edges from the state to each branch's StartAt and from each end to the join.
    func testParallelAndMapAreClusters() throws {
        let machine = try Files.parse(ExecutionPathTests.fanOut)
        let diagram = Diagram(machine: machine, name: "fan")
        let dot = diagram.dot()
        for line in ["  subgraph cluster_s_Fan {", "    subgraph cluster_s_Fan_1 {", "      graph [label=\"branch 1\", style=\"rounded,dotted\", color=\"#879596\", fontcolor=\"#879596\", fontsize=9]",
                     "    subgraph cluster_s_Fan_2 {", "  subgraph cluster_s_Each {", "    subgraph cluster_s_Each_1 {",
                     "      graph [label=\"item processor\", style=\"rounded,dotted\", color=\"#879596\", fontcolor=\"#879596\", fontsize=9]",
                     "    s_Fan__join [label=\"\", shape=point, width=0.12, color=\"#545b64\", fillcolor=\"#545b64\"]",
                     "  s_Fan -> s_A", "  s_Fan -> s_B", "  s_A -> s_Fan__join", "  s_B -> s_Fan__join",
                     "  s_Fan__join -> s_Each", "  s_Fan__join -> s_Recover [label=\"States.ALL\", style=dashed]",
                     "  s_Each -> s_Work", "  s_Check -> s_Fine [label=\"$ == &quot;200 OK&quot;\"]".replacingOccurrences(of: "&quot;", with: "\\\""),
                     "  s_Check -> s_Bad [label=\"Default\"]", "  s_Bad -> s_Each__join", "  s_Each__join -> s_Done",
                     "  s_Pick -> s_Each [label=\"$.n > 1 and (not $.x is present)\"]"] {
            XCTAssertTrue(dot.contains(line + "\n"), "missing \(line) in\n\(dot)")
        }
        let mermaid = diagram.mermaid()
        for line in ["  subgraph cluster_s_Fan [\" \"]", "    subgraph cluster_s_Fan_1 [\"branch 1\"]", "      s_A(\"<b>A</b><br>Task: MockAPIFunction\")",
                     "    s_Fan__join((\" \"))", "  s_Fan__join -.->|\"States.ALL\"| s_Recover", "    s_Fan[/\"<b>Fan</b><br>Parallel: 2 branches\"/]",
                     "    s_Each[[\"<b>Each</b><br>Map\"]]", "  style cluster_s_Fan fill:none,stroke:#545b64,stroke-width:1px,stroke-dasharray:6 3",
                     "  s_Pick -->|\"$.n #62; 1 and (not $.x is present)\"| s_Each"] {
            XCTAssertTrue(mermaid.contains(line + "\n"), "missing \(line) in\n\(mermaid)")
        }
        assertEdgesJoinNodes(diagram, "fan")
    }

    /// Choice rules as edge labels, one comparison operator after another.
    func testChoiceRuleLabels() throws {
        let machine = try Files.parse("""
            {"StartAt": "C", "States": {
              "C": {"Type": "Choice", "Choices": [
                {"Variable": "$.s", "StringEquals": "a", "Next": "E"},
                {"Variable": "$.n", "NumericLessThanEqualsPath": "$.max", "Next": "E"},
                {"Variable": "$.t", "TimestampGreaterThan": "2016-03-14T01:59:00Z", "Next": "E"},
                {"Variable": "$.b", "BooleanEquals": false, "Next": "E"},
                {"Variable": "$.v", "IsNull": false, "Next": "E"},
                {"Variable": "$.f", "StringMatches": "log-*.txt", "Next": "E"},
                {"Or": [{"Variable": "$.x", "NumericEquals": 1}, {"And": [{"Variable": "$.y", "IsString": true}, {"Variable": "$.z", "IsNumeric": true}]}], "Next": "E"},
                {"Variable": "$.aVeryLongVariableNameIndeed", "StringEquals": "and a long value too, longer than a label should be", "Next": "E"}]},
              "E": {"Type": "Succeed"}}}
            """)
        let labels = Diagram(machine: machine, name: "c").edges.filter { $0.kind == .choice }.map(\.label)
        XCTAssertEqual(labels, [
            "$.s == \"a\"", "$.n <= $.max", "$.t > \"2016-03-14T01:59:00Z\"", "$.b == false", "$.v is not null",
            "$.f matches \"log-*.txt\"", "$.x == 1 or ($.y is string and $.z is numeric)",
            "$.aVeryLongVariableNameIndeed == \"and a long value too,…",
        ])
    }

    /// JSONata `Condition`s label their edges with the expression, without `{% %}`, on one
    /// line, shortened as comparisons are; nested in `Not`, `And` or `Or` is a JSONPath-only
    /// form, so each rule has one condition ("Condition field – A JSONata expression that
    /// evaluates to true/false", *Choice workflow state*, AWS Step Functions Developer Guide).
    func testJSONataConditionLabels() throws {
        let machine = try Files.parse(#"""
            {"QueryLanguage": "JSONata", "StartAt": "C", "States": {
              "C": {"Type": "Choice", "Choices": [
                {"Condition": "{% $states.input.total > 100 %}", "Next": "E"},
                {"Condition": "{%\n  $count >= 3\n    and $exists($states.input.coupon)\n%}", "Next": "E"},
                {"Condition": true, "Next": "E"},
                {"Condition": "{% $states.input.customer.tier in ['gold', 'platinum', 'diamond'] and $states.input.total > 50 %}", "Next": "E"}],
                "Default": "E"},
              "E": {"Type": "Succeed"}}}
            """#)
        let labels = Diagram(machine: machine, name: "c").edges.filter { $0.kind == .choice }.map(\.label)
        XCTAssertEqual(labels, [
            "$states.input.total > 100",
            "$count >= 3 and $exists($states.input.coupon)",
            "true",
            "$states.input.customer.tier in ['gold', 'platinum', 'di…",
        ])
    }

    /// Names are free text in ASL: identifiers are made of what DOT and Mermaid accept without
    /// quotes, kept unique, and the text itself is escaped for each language.
    func testNamesAreEscaped() throws {
        let machine = try Files.parse("""
            {"StartAt": "Say \\"hi\\" <now> & #1", "States": {
              "Say \\"hi\\" <now> & #1": {"Type": "Pass", "Next": "a b"},
              "a b": {"Type": "Pass", "Next": "a_b"},
              "a_b": {"Type": "Pass", "Next": "été \\\\ end"},
              "été \\\\ end": {"Type": "Succeed"}}}
            """)
        let diagram = Diagram(machine: machine, name: "names \"quoted\"")
        XCTAssertEqual(diagram.nodes.map(\.id), ["start", "s_Say__hi___now_____1", "s_a_b", "s_a_b_2", "s__t____end", "finish"])
        let dot = diagram.dot()
        XCTAssertTrue(dot.hasPrefix("digraph \"names \\\"quoted\\\"\" {\n"), dot)
        XCTAssertTrue(dot.contains("  s_Say__hi___now_____1 [label=<<b>Say &quot;hi&quot; &lt;now&gt; &amp; #1</b><br/>"), dot)
        XCTAssertTrue(dot.contains("  s__t____end [label=<<b>été \\ end</b>"), dot)
        let mermaid = diagram.mermaid()
        XCTAssertTrue(mermaid.hasPrefix("---\ntitle: \"names \\\"quoted\\\"\"\n---\n"), mermaid)
        XCTAssertTrue(mermaid.contains("  s_Say__hi___now_____1[\"<b>Say #quot;hi#quot; #60;now#62; #38; #35;1</b><br>Pass\"]"), mermaid)
        assertEdgesJoinNodes(diagram, "names")
    }

    // MARK: - Helpers

    /// The names of every state, inside branches and item processors too.
    static func stateNames(_ machine: StateMachine) -> [String] {
        machine.states.flatMap { state -> [String] in
            switch state.kind {
            case .parallel(let parallel): [state.name] + parallel.branches.flatMap(stateNames)
            case .map(let map): [state.name] + stateNames(map.itemProcessor)
            default: [state.name]
            }
        }
    }

    /// Every edge starts and ends at a node the diagram declares, and identifiers are unique.
    private func assertEdgesJoinNodes(_ diagram: Diagram, _ name: String, file: StaticString = #filePath, line: UInt = #line) {
        let ids = diagram.nodes.map(\.id)
        XCTAssertEqual(Set(ids).count, ids.count, "\(name): identifiers are unique", file: file, line: line)
        for edge in diagram.edges {
            XCTAssertTrue(ids.contains(edge.from) && ids.contains(edge.to), "\(name): \(edge)", file: file, line: line)
        }
    }
}
