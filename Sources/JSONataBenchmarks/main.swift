import Foundation
import JSONata
import JSONValue

// JSONataBenchmarks [--runs N] [--only NAME] [--iterations N] [--mode json|prepared] [--cases]: times typical Step Functions expressions (field
// access, $map/$filter over 1,000 items, string functions, an object constructor). Each
// expression runs untimed to warm up, then N timed runs of a fixed number of evaluations;
// a line gives the median time per evaluation and the min and max over the runs, in µs.
//
// Two figures per expression: `json` converts the JSON input for each evaluation and the
// result back (what an engine holding JSONValue pays); `prepared` evaluates against an input
// converted once (JSONataValue), the result still converted back to JSONValue.
//
// `--mode` runs only one of the two (for a callgrind profile of one case).
//
// `--cases` prints the expressions and the input as JSON instead, so that
// compare_jsonata.py can run the same cases with jsonata-python and jsonatapy.

struct Case {
    var name: String
    var expression: String
    var iterations: Int
}

let cases: [Case] = [
    Case(name: "field access", expression: "order.customer.name", iterations: 2000),
    Case(name: "$map 1000", expression: "$map(order.items, function($i) { $i.price * $i.quantity })", iterations: 200),
    Case(name: "$filter 1000", expression: "$filter(order.items, function($i) { $i.price > 50 })", iterations: 200),
    Case(name: "predicate 1000", expression: "order.items[price > 50].sku", iterations: 200),
    Case(name: "string functions", expression:
        "$uppercase($substringBefore(order.customer.email, \"@\")) & \"-\" & $join($split(order.id, \"-\"), \"_\") & \":\" & $string($length(order.customer.name)) & $trim(\"  \" & order.customer.name & \"  \")",
         iterations: 2000),
    Case(name: "object constructor", expression:
        "{\"orderId\": order.id, \"customer\": order.customer.name, \"email\": $lowercase(order.customer.email), \"total\": $sum(order.items.(price * quantity)), \"count\": $count(order.items)}",
         iterations: 200),
]

/// An order with 1,000 line items; small values only, as a Step Functions payload holds.
func document(items: Int = 1000) -> JSONValue {
    var lines: [JSONValue] = []
    for i in 0..<items {
        lines.append(.object([
            "sku": .string("SKU-\(i)"), "price": .double(Double(i % 100) + 0.5), "quantity": .int(Int64(i % 7 + 1)),
            "tags": .array([.string("t\(i % 3)"), .string("x")]),
        ]))
    }
    return .object([
        "order": .object([
            "id": .string("ORD-2024-0042"),
            "customer": .object(["name": .string("Jane Q. Doe"), "email": .string("Jane.Doe@Example.com")]),
            "items": .array(lines),
        ]),
    ])
}

var runs = 5
var printCases = false
var only: String?
var iterationsOverride: Int?
var mode: String?
var arguments = CommandLine.arguments.dropFirst()
while let argument = arguments.popFirst() {
    switch argument {
    case "--runs": runs = Int(arguments.popFirst() ?? "") ?? runs
    case "--cases": printCases = true
    case "--only": only = arguments.popFirst()
    case "--iterations": iterationsOverride = Int(arguments.popFirst() ?? "")
    case "--mode": mode = arguments.popFirst()
    default:
        FileHandle.standardError.write(Data("usage: JSONataBenchmarks [--runs N] [--only NAME] [--iterations N] [--mode json|prepared] [--cases]\n".utf8))
        exit(2)
    }
}

let input = document()
if printCases {
    // Each case with its result here, so that the comparison checks the Python results against it.
    var list: [JSONValue] = []
    for c in cases {
        let result = try? JSONataExpression(c.expression).evaluate(input, context: JSONataContext(now: 1_700_000_000_000))
        list.append(.object(["name": .string(c.name), "expression": .string(c.expression), "iterations": .int(Int64(c.iterations)),
                             "result": result ?? .null]))
    }
    print(JSONValue.object(["cases": .array(list), "input": input]).compactString())
    exit(0)
}

let clock = ContinuousClock()
let context = JSONataContext(now: 1_700_000_000_000)
let prepared = JSONataValue(input)

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
}

@MainActor func time(_ iterations: Int, _ body: () throws -> Void) rethrows -> [Double] {
    for _ in 0..<max(1, iterations / 5) { try body() }
    var perIteration: [Double] = []
    for _ in 0..<runs {
        let start = clock.now
        for _ in 0..<iterations { try body() }
        perIteration.append((clock.now - start) / .microseconds(1) / Double(iterations))
    }
    return perIteration
}

do {
    for c in cases where only == nil || c.name == only {
        let expression = try JSONataExpression(c.expression)
        let iterations = iterationsOverride ?? c.iterations
        func line(_ label: String, _ values: [Double]) -> String {
            let name = (c.name + " " + label).padding(toLength: 30, withPad: " ", startingAt: 0)
            return name + String(format: "median %9.2f µs   min %9.2f   max %9.2f   %d runs × %d", median(values),
                                 values.min()!, values.max()!, runs, iterations)
        }
        if mode != "prepared" {
            print(line("json", try time(iterations) { _ = try expression.evaluate(input, context: context) }))
        }
        if mode != "json" {
            print(line("prepared", try time(iterations) { _ = try expression.evaluate(prepared: prepared, context: context)?.json }))
        }
    }
} catch {
    FileHandle.standardError.write(Data("JSONataBenchmarks: \(error)\n".utf8))
    exit(1)
}
