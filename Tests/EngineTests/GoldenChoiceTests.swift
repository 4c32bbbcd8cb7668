import XCTest

/// Golden histories (Golden/choice/, see GoldenSupport.swift): Choice: several operators, And/Or/Not, Default, InputPath/OutputPath, no match.
final class GoldenChoiceTests: XCTestCase {
    static let cases = [
        "choice/no_match.no_default",
        "choice/operators.big",
        "choice/operators.default",
        "choice/operators.early",
        "choice/operators.flag_off",
        "choice/operators.name_match",
        "choice/operators.neg_name",
        "choice/operators.negative",
        "choice/paths.bulk",
    ]

    func testNoMatchNoDefault() async throws { try await Golden.check("choice/no_match.no_default") }
    func testOperatorsBig() async throws { try await Golden.check("choice/operators.big") }
    func testOperatorsDefault() async throws { try await Golden.check("choice/operators.default") }
    func testOperatorsEarly() async throws { try await Golden.check("choice/operators.early") }
    func testOperatorsFlagOff() async throws { try await Golden.check("choice/operators.flag_off") }
    func testOperatorsNameMatch() async throws { try await Golden.check("choice/operators.name_match") }
    func testOperatorsNegName() async throws { try await Golden.check("choice/operators.neg_name") }
    func testOperatorsNegative() async throws { try await Golden.check("choice/operators.negative") }
    func testPathsBulk() async throws { try await Golden.check("choice/paths.bulk") }

    func testEveryCaseOfTheFolderIsListed() throws { try Golden.assertListed(Self.cases, feature: "choice") }
}
