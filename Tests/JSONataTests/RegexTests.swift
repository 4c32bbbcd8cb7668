import JSONata
import JSONValue
import XCTest

/// The regular-expression engine on JavaScript features the conformance suite does not
/// reach. Each expected value is what JavaScript's RegExp gives (ECMAScript semantics).
final class RegexTests: XCTestCase {
    private func evaluate(_ text: String) throws -> JSONValue? {
        try JSONataExpression(text).evaluate(nil as JSONValue?)
    }

    func testLookaroundAndBackreferences() throws {
        // "abc123def".match(/(?<=c)\d+/) finds "123" at index 3.
        XCTAssertEqual(try evaluate("$match('abc123def', /(?<=c)\\d+/).index"), .int(3))
        XCTAssertEqual(try evaluate("$match('abc123def', /\\d+(?=d)/).match"), "123")
        XCTAssertEqual(try evaluate("$replace('abab cdcd', /(\\w\\w)\\1/, 'x')"), "x x")
        XCTAssertEqual(try evaluate("$contains('price: 10', /(?<!\\d)1/)"), true)
    }

    func testQuantifiersGreedyAndLazy() throws {
        // $match gives every match, as "<a><b>".match(/<.+>/g) does: greedy, the whole string;
        // lazy, each tag.
        XCTAssertEqual(try evaluate("$match('<a><b>', /<.+>/).match"), "<a><b>")
        XCTAssertEqual(try evaluate("$match('<a><b>', /<.+?>/).match"), ["<a>", "<b>"])
        XCTAssertEqual(try evaluate("$match('aaaa', /a{2,3}/).match"), "aaa")
        XCTAssertEqual(try evaluate("$match('aaaa', /a{2,3}?/).match"), ["aa", "aa"])
    }

    func testFlagsClassesAndAnchors() throws {
        XCTAssertEqual(try evaluate("$contains('Hello', /hello/i)"), true)
        XCTAssertEqual(try evaluate("$contains('Hello', /hello/)"), false)
        // With m, ^ matches after each line break.
        XCTAssertEqual(try evaluate("$count($match('a\\nb\\nc', /^\\w$/m))"), .int(3))
        XCTAssertEqual(try evaluate("$split('a1b2c3', /\\d/)"), ["a", "b", "c", ""])
        XCTAssertEqual(try evaluate("$replace('2024-01-31', /(\\d+)-(\\d+)-(\\d+)/, '$3/$2/$1')"), "31/01/2024")
        XCTAssertEqual(try evaluate("$match('x y', /[^\\s]+/).match"), ["x", "y"])
    }

    func testGroupsThatDoNotTakePart() throws {
        // "a".match(/(b)?a/) has an undefined first group, which JSON writes as null.
        XCTAssertEqual(try evaluate("$match('a', /(b)?a/).groups"), [.null])
    }

    func testAnEmptyMatchRepeatedIsAnError() {
        XCTAssertThrowsError(try evaluate("$replace('abc', /x*/, '-')")) { error in
            XCTAssertEqual((error as? JSONataError)?.code, "D1004")
        }
    }
}
