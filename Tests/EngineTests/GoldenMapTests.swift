import XCTest

/// Golden histories (Golden/map/, see GoldenSupport.swift): Inline Map: ItemSelector with $$.Map.Item, MaxConcurrency 1, a failing iteration,
/// MaxConcurrencyPath and the ToleratedFailure...Paths in AWS's wording, a Map with a Retry.
final class GoldenMapTests: XCTestCase {
    static let cases = [
        "map/failing_iteration.uncaught",
        "map/failing_iteration_caught.caught",
        "map/item_selector.empty",
        "map/item_selector.three_items",
        "map/max_concurrency_one.three_items",
        "map/max_concurrency_path.no_number",
        "map/max_concurrency_path.object",
        "map/max_concurrency_path.one",
        "map/retry.basic",
        "map/retry_multiple_retriers.basic",
        "map/tolerated_count_path.negative",
        "map/tolerated_count_path.no_number",
        "map/tolerated_count_path.one",
        "map/tolerated_percentage_path.fraction",
        "map/tolerated_percentage_path.object",
        "map/tolerated_percentage_path.over",
    ]

    func testFailingIterationUncaught() async throws { try await Golden.check("map/failing_iteration.uncaught") }
    func testFailingIterationCaughtCaught() async throws { try await Golden.check("map/failing_iteration_caught.caught") }
    func testItemSelectorEmpty() async throws { try await Golden.check("map/item_selector.empty") }
    func testItemSelectorThreeItems() async throws { try await Golden.check("map/item_selector.three_items") }
    func testMaxConcurrencyOneThreeItems() async throws { try await Golden.check("map/max_concurrency_one.three_items") }
    func testMaxConcurrencyPathNoNumber() async throws { try await Golden.check("map/max_concurrency_path.no_number") }
    func testMaxConcurrencyPathObject() async throws { try await Golden.check("map/max_concurrency_path.object") }
    func testMaxConcurrencyPathOne() async throws { try await Golden.check("map/max_concurrency_path.one") }
    func testRetryBasic() async throws { try await Golden.check("map/retry.basic") }
    func testRetryMultipleRetriersBasic() async throws { try await Golden.check("map/retry_multiple_retriers.basic") }
    func testToleratedCountPathNegative() async throws { try await Golden.check("map/tolerated_count_path.negative") }
    func testToleratedCountPathNoNumber() async throws { try await Golden.check("map/tolerated_count_path.no_number") }
    func testToleratedCountPathOne() async throws { try await Golden.check("map/tolerated_count_path.one") }
    func testToleratedPercentagePathFraction() async throws { try await Golden.check("map/tolerated_percentage_path.fraction") }
    func testToleratedPercentagePathObject() async throws { try await Golden.check("map/tolerated_percentage_path.object") }
    func testToleratedPercentagePathOver() async throws { try await Golden.check("map/tolerated_percentage_path.over") }

    func testEveryCaseOfTheFolderIsListed() throws { try Golden.assertListed(Self.cases, feature: "map") }
}
