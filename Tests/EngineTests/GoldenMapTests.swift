import XCTest

/// Golden histories (Golden/map/, see GoldenSupport.swift): Inline Map: ItemSelector with $$.Map.Item, MaxConcurrency 1, a failing iteration.
final class GoldenMapTests: XCTestCase {
    static let cases = [
        "map/failing_iteration.uncaught",
        "map/failing_iteration_caught.caught",
        "map/item_selector.empty",
        "map/item_selector.three_items",
        "map/max_concurrency_one.three_items",
    ]

    func testFailingIterationUncaught() async throws { try await Golden.check("map/failing_iteration.uncaught") }
    func testFailingIterationCaughtCaught() async throws { try await Golden.check("map/failing_iteration_caught.caught") }
    func testItemSelectorEmpty() async throws { try await Golden.check("map/item_selector.empty") }
    func testItemSelectorThreeItems() async throws { try await Golden.check("map/item_selector.three_items") }
    func testMaxConcurrencyOneThreeItems() async throws { try await Golden.check("map/max_concurrency_one.three_items") }

    func testEveryCaseOfTheFolderIsListed() throws { try Golden.assertListed(Self.cases, feature: "map") }
}
