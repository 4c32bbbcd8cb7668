import JSONValue
import StatesLanguage
import XCTest

/// What `JSONPath.parse` accepts, what kind of path it is, and where a bad path breaks.
final class JSONPathSyntaxTests: XCTestCase {
    func testAcceptedForms() throws {
        let accepted = [
            "$", "$$", "$.store.book[0].title", "$['store']['book'][0]", "$[\"store\"]", "$.store.*", "$..author",
            "$..book[-2]", "$..book[0,1]", "$..book[:2]", "$..book[1:2]", "$..book[-2:]", "$..book[2:]",
            "$..book[?(@.isbn)]", "$.store.book[?(@.price < 10)]", "$..book[?(@.price <= $['expensive'])]",
            "$..book[?(@.author =~ /.*REES/i)]", "$..*", "$.a[*]", "$$.Execution.Input.key", "$.a-b.c_d",
            "$['a','b']", "$.a[?(@.x == 'y' && (@.z > 1 || @.w != null))]", "$[0:6:2]",
        ]
        for text in accepted {
            XCTAssertNoThrow(try JSONPath.parse(text), text)
            XCTAssertEqual(try JSONPath.parse(text).text, text)
        }
    }

    /// Reference paths: "You can access object fields using only dot (.) and square bracket
    /// ([ ]) notation. The operators @ .. , : ? * aren't supported." (Paths, AWS Developer Guide)
    func testReferencePaths() throws {
        for text in ["$", "$.foo", "$.bar", "$.car.cdr", "$['a b'][0].c", "$$.Execution.Id"] {
            XCTAssertTrue(try JSONPath.parse(text).isReferencePath, text)
        }
        for text in ["$..a", "$.a[*]", "$.a[0,1]", "$.a[1:2]", "$.a[?(@.b)]", "$.*", "$['a','b']"] {
            XCTAssertFalse(try JSONPath.parse(text).isReferencePath, text)
        }
    }

    /// Definite paths select at most one node. As in Jayway, a list of names is definite only
    /// as the last step, where it makes one merged object.
    func testDefinitePaths() throws {
        for text in ["$", "$.a.b", "$.a[0]", "$.a[-1]", "$['a','b']"] {
            XCTAssertTrue(try JSONPath.parse(text).isDefinite, text)
        }
        for text in ["$..a", "$.a[*]", "$.a[0,1]", "$.a[1:]", "$.a[?(@.b)]", "$.*", "$['a','b'].c"] {
            XCTAssertFalse(try JSONPath.parse(text).isDefinite, text)
        }
    }

    func testContextPaths() throws {
        XCTAssertTrue(try JSONPath.parse("$$.Execution.Id").isContextPath)
        XCTAssertTrue(try JSONPath.parse("$$").isContextPath)
        XCTAssertFalse(try JSONPath.parse("$.Execution.Id").isContextPath)
        XCTAssertEqual(try JSONPath.parse("$$.Map.Item.Index").description, "$$.Map.Item.Index")
    }

    func testSyntaxErrorsPointAtTheProblem() {
        let cases: [(String, Int)] = [
            ("", 1), ("a.b", 1), ("$.", 3), ("$.a.", 5), ("$-", 2), ("$[", 3), ("$['a'", 6), ("$['a]", 3),
            ("$[a]", 3), ("$[1:2", 6), ("$[:]", 3), ("$[x:1]", 3), ("$.a.length()", 5), ("$.a b", 4),
            ("$[?(@.a <)]", 10), ("$[?(@.a == 1]", 13), ("$[?(@.a =~ 'x')]", 9), ("$[?(@.a =~ /[/)]", 12),
            ("$[?($$.a)]", 5), ("$[?(1)]", 5),
        ]
        for (text, column) in cases {
            XCTAssertThrowsError(try JSONPath.parse(text), text) { error in
                XCTAssertEqual((error as? PathSyntaxError)?.column, column, "\(text): \(error)")
                XCTAssertEqual((error as? PathSyntaxError)?.isUnsupported, false, text)
            }
        }
    }

    /// `$name` reads a workflow variable, which JSONPath states may do ("Passing data between
    /// states with variables", AWS Developer Guide): `$name.a[0]` is a path into its value.
    func testVariableReferencesNameTheVariable() throws {
        for (text, name) in [("$a", "a"), ("$myVar.field", "myVar"), ("$_x[0]", "_x")] {
            XCTAssertEqual(try JSONPath.parse(text).variable, name, text)
        }
        XCTAssertNil(try JSONPath.parse("$.a").variable)
        XCTAssertNil(try JSONPath.parse("$$.State").variable)
    }

    func testVariablePathsSelectFromTheVariable() throws {
        var variables = WorkflowVariables()
        variables.assign(["x": ["a": [10, 20]]])
        XCTAssertEqual(try JSONPath.parse("$x.a[1]").evaluate(input: ["x": 1], context: .null, variables: variables), 20)
        XCTAssertNil(try JSONPath.parse("$y").evaluate(input: ["y": 1], context: .null, variables: variables))
    }

    func testEqualityAndHashingFollowTheText() throws {
        XCTAssertEqual(try JSONPath.parse("$.a"), try JSONPath.parse("$.a"))
        XCTAssertNotEqual(try JSONPath.parse("$.a"), try JSONPath.parse("$['a']"))
        XCTAssertEqual(Set([try JSONPath.parse("$.a"), try JSONPath.parse("$.a")]).count, 1)
    }
}
