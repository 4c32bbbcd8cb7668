import Logs
import XCTest

/// Expected results come from AWS's "Filter pattern syntax for metric filters, subscription
/// filters, filter log events, and Live Tail" (quoted as "guide"), and from the older edition
/// of the same page in awsdocs/amazon-cloudwatch-logs-user-guide (quoted as "older guide").
/// Cases marked "host's reading" follow a choice made where the guide is silent.
final class FilterPatternTests: XCTestCase {
    // Guide, "Using filter patterns to match terms in unstructured log events".
    private let errorEvents = [
        "[ERROR 400] BAD REQUEST",
        "[ERROR 401] UNAUTHORIZED REQUEST",
        "[ERROR 419] MISSING ARGUMENTS",
        "[ERROR 420] INVALID ARGUMENTS",
    ]

    func testSingleTermMatchesAllFourEvents() {
        // Guide: `ERROR` "matches log event messages, such as" all four.
        expect("ERROR", toMatch: errorEvents)
        // Older guide: "ERROR" matches "Exiting with ERRORCODE: -1": terms are substrings.
        expect("ERROR", toMatch: ["[ERROR] A fatal exception has occurred", "Exiting with ERRORCODE: -1"])
        // Guide: "Filter patterns are case sensitive."
        expect("ERROR", toMatch: [], notToMatch: ["[error 400] bad request", "Error: entity not found"])
    }

    func testMultipleTermsMustAllOccur() {
        // Guide: `ERROR ARGUMENTS` returns 419 and 420, and "doesn't return" 400 and 401.
        expect("ERROR ARGUMENTS", toMatch: Array(errorEvents[2...]), notToMatch: Array(errorEvents[..<2]))
        // Older guide: "ERROR Exception" matches both of these.
        expect("ERROR Exception", toMatch: ["[ERROR] Caught IllegalArgumentException", "[ERROR] Unhandled Exception"])
        // Older guide: "Failed to process the request" matches messages "that contain all terms".
        expect(
            "Failed to process the request",
            toMatch: ["[WARN] Failed to process the request", "[ERROR] Unable to continue: Failed to process the request"],
            notToMatch: ["[WARN] Failed to process"])
    }

    func testOptionalTermsMatchAnyOfThem() {
        // Guide: `?ERROR ?ARGUMENTS` matches all four events.
        expect("?ERROR ?ARGUMENTS", toMatch: errorEvents, notToMatch: ["[INFO] REQUEST FAILED"])
        // Older guide: `?ERROR ?WARN` matches all three; `ERROR WARN` only the first;
        // `ERROR -WARN` only the second.
        let events = ["ERROR WARN message", "ERROR message", "WARN message"]
        expect("?ERROR ?WARN", toMatch: events)
        expect("ERROR WARN", toMatch: [events[0]], notToMatch: [events[1], events[2]])
        expect("ERROR -WARN", toMatch: [events[1]], notToMatch: [events[0], events[2]])
    }

    func testOptionalTermsAreIgnoredNextToOtherTerms() {
        // Guide: `?ERROR ?ARGUMENTS REQUEST` "matches all events containing the word REQUEST,
        // but the question mark ("?") filter terms are ignored and have no effect."
        expect(
            "?ERROR ?ARGUMENTS REQUEST",
            toMatch: ["[INFO] REQUEST FAILED", "[WARN] UNAUTHORIZED REQUEST", "[ERROR] 400 BAD REQUEST"],
            notToMatch: ["[ERROR 419] MISSING ARGUMENTS"])
    }

    func testExactPhrase() {
        // Guide: `"INTERNAL SERVER ERROR"` returns "[ERROR 500] INTERNAL SERVER ERROR".
        expect(
            "\"INTERNAL SERVER ERROR\"", toMatch: ["[ERROR 500] INTERNAL SERVER ERROR"],
            notToMatch: ["[ERROR 500] INTERNAL ERROR SERVER"])
        // Guide: terms "that include non-alphanumeric characters" go in double quotes.
        expect("\"[ERROR 4\"", toMatch: ["[ERROR 419] MISSING ARGUMENTS"], notToMatch: ["ERROR 419"])
        expect("?\"clean up\" ?xyz", toMatch: ["map clean up", "xyz"], notToMatch: ["map is cleaned up"])
    }

    func testExcludedTerms() {
        // Guide: `ERROR -ARGUMENTS` returns 400 and 401 and not 419 and 420.
        expect("ERROR -ARGUMENTS", toMatch: Array(errorEvents[..<2]), notToMatch: Array(errorEvents[2...]))
        // Older guide: with `"ERROR" - "Exiting"` the message "Exiting with ERRORCODE: -1"
        // "would be excluded".
        expect(
            "\"ERROR\" - \"Exiting\"", toMatch: ["[ERROR] A fatal exception has occurred"],
            notToMatch: ["Exiting with ERRORCODE: -1"])
        expect("-DEBUG", toMatch: ["INFO ready"], notToMatch: ["DEBUG details"])
    }

    func testMatchEverything() throws {
        // Guide: "You can match everything in your log events with double quotation marks": `" "`.
        // Older guide: "The filter pattern "" matches all log events." FilterLogEvents: "If
        // not provided, all the events are matched."
        for text in ["\" \"", "\"\"", "", "   "] {
            expect(text, toMatch: errorEvents + ["", "no blanks"])
            XCTAssertTrue(try FilterPattern(text).matchesEverything, text)
        }
        XCTAssertFalse(try FilterPattern("ERROR").matchesEverything)
    }

    func testUnstructuredErrors() {
        // Guide: terms with non-alphanumeric characters must be quoted.
        expectError("ERROR:", column: 6, containing: "':' is not allowed in an unquoted term")
        expectError("ERROR \"open", column: 7, containing: "unterminated quoted string")
        expectError("ERROR -", column: 7, containing: "expected a term after '-'")
        expectError("? ERROR", column: 2, containing: "expected a term after '?'")
        expectError("a.b", column: 2, containing: "'.' is not allowed")
        expectError("\"ERROR\"X", column: 8, containing: "'X' is not allowed")
    }

    func testEqualityFollowsTheWrittenText() throws {
        XCTAssertEqual(try FilterPattern("ERROR"), try FilterPattern("ERROR"))
        XCTAssertNotEqual(try FilterPattern("ERROR"), try FilterPattern("WARN"))
    }

    // MARK: Regular expressions

    func testStandaloneRegex() {
        // Guide: `%AUTHORIZED%` returns "[ERROR 401] UNAUTHORIZED REQUEST" and
        // "[SUCCESS 200] AUTHORIZED REQUEST".
        expect(
            "%AUTHORIZED%", toMatch: ["[ERROR 401] UNAUTHORIZED REQUEST", "[SUCCESS 200] AUTHORIZED REQUEST"],
            notToMatch: ["[ERROR 400] BAD REQUEST"])
    }

    func testRegexOperatorsAsTheGuideDescribesThem() {
        // "`%^[hc]at%` matches "hat" and "cat", but only at the beginning of a string."
        expect("%^[hc]at%", toMatch: ["hat", "cat food"], notToMatch: ["a cat", "bat"])
        // "`%[hc]at$%` matches "hat" and "cat", but only at the end of a string."
        expect("%[hc]at$%", toMatch: ["the hat", "cat"], notToMatch: ["hat trick"])
        // "`%colou?r%` can match both "color" and "colour"."
        expect("%colou?r%", toMatch: ["color", "colour"], notToMatch: ["colouur"])
        // "`%[abc]%` matches "a", "b", or "c"; `%[a-z]%` matches any lowercase letter ...;
        // `%[abcx-z]%` matches "a", "b", "c", "x", "y", or "z"."
        expect("%[abc]%", toMatch: ["a", "b", "c"], notToMatch: ["d"])
        expect("%[a-z]%", toMatch: ["q"], notToMatch: ["Q1"])
        expect("%[abcx-z]%", toMatch: ["a", "x", "y", "z"], notToMatch: ["d", "w"])
        // "`%a{3,5}%` matches only "aaa", "aaaa", and "aaaaa"."
        expect("%a{3,5}%", toMatch: ["aaa", "aaaa", "aaaaa"], notToMatch: ["aa", "a a a"])
        // "`%gra|ey%` can match "gray" or "grey"".
        expect("%gra|ey%", toMatch: ["gray", "grey"], notToMatch: ["gry"])
        // "can match "starting ...", or "initializing ...", or "shutting down", but won't
        // match "skipping initializing ..."".
        expect(
            "%^starting|^initializing|^shutting down%",
            toMatch: ["starting ...", "initializing ...", "shutting down"], notToMatch: ["skipping initializing ..."])
        // "`%abcc|ab[^c]$` can match "abcc ..." and "aba ..." but won't match "aac ..."".
        expect("%abcc|ab[^c]$%", toMatch: ["abcc ...", "aba"], notToMatch: ["aac ..."])
        // "`%\[.\]%` matches any single character surrounded by "[" and "]" ... such as
        // "[a]", "[b]", "[7]", "[@]", "[]]", and "[ ]"."
        expect("%\\[.\\]%", toMatch: ["[a]", "[b]", "[7]", "[@]", "[]]", "[ ]"], notToMatch: ["[ab]"])
        // "`%10.10.0.1%` can match "10010,051""; `%10\.10\.0\.1%` is "the correct way".
        expect("%10.10.0.1%", toMatch: ["10.10.0.1", "10010,051"])
        expect("%10\\.10\\.0\\.1%", toMatch: ["10.10.0.1"], notToMatch: ["10010,051"])
        // "`%ab*c%` can match "ac", "abc", and "abbbc"; `%ab[0-9]*%` can match "ab", "ab0",
        // and "ab129"."
        expect("%ab*c%", toMatch: ["ac", "abc", "abbbc"], notToMatch: ["abd"])
        expect("%ab[0-9]*%", toMatch: ["ab", "ab0", "ab129"])
        // "`%ab+c%` can match "abc", "abbc", and "abbbc", but not "ac"."
        expect("%ab+c%", toMatch: ["abc", "abbc", "abbbc"], notToMatch: ["ac"])
        // "`%.at%` matches ... "hat", "cat", "bat", "4at", "#at" and " at"".
        expect("%.at%", toMatch: ["hat", "cat", "bat", "4at", "#at", " at"], notToMatch: ["at"])
    }

    func testRegexClassEscapes() {
        // "`%\d%` is equivalent to `%[0-9]%` and `%\D%` is equivalent to `%[^0-9]%`."
        expect("%\\d%", toMatch: ["a1"], notToMatch: ["ab"])
        expect("%\\D%", toMatch: ["1a"], notToMatch: ["123"])
        // "Whitespace characters include the tab (\t), space( ), and newline (\n)".
        expect("%\\s%", toMatch: ["a b", "a\tb", "a\nb"], notToMatch: ["ab"])
        expect("%^\\S+$%", toMatch: ["ab"], notToMatch: ["a b"])
        // "`%\w%` is equivalent to `%[a-zA-Z_0-9]%` and `%\W%` is equivalent to `%[^a-zA-Z_0-9]%`."
        expect("%^\\w+$%", toMatch: ["a_Z9"], notToMatch: ["a-b"])
        expect("%\\W%", toMatch: ["a-b"], notToMatch: ["a_b"])
        // "`%\x3A%` matches `:`; and `%\x28%` matches `(`."
        expect("%\\x3A%", toMatch: ["a:b"], notToMatch: ["ab"])
        expect("%\\x28%", toMatch: ["f(x)"], notToMatch: ["fx"])
    }

    func testRegexErrors() {
        // "`%something!%` would be rejected since '!' is not supported."
        expectError("%something!%", column: 11, containing: "'!' is not supported")
        // "The ( and ) operators are not supported."
        expectError("%a(b)%", column: 3, containing: "parentheses are not supported")
        // "Multi-byte characters are not supported."
        expectError("%caf\u{E9}%", column: 5, containing: "multi-byte characters")
        expectError("%abc", column: 1, containing: "unterminated regular expression")
        expectError("%*a%", column: 2, containing: "nothing to repeat")
        expectError("%[z-a]%", column: 3, containing: "range out of order")
        expectError("%a{5,3}%", column: 3, containing: "maximum below its minimum")
        expectError("%a|%", column: 4, containing: "nothing after '|'")
        // host's reading: "standalone" means the regex is the whole pattern.
        expectError("%a% ERROR", column: 5, containing: "must be the whole pattern")
    }

    // MARK: JSON patterns

    /// The guide's JSON log event, on one line ("you must enter the example JSON log on a
    /// single line"), with `ThisFlag` from the older guide's version of it.
    private let trailEvent = """
        {"eventType": "UpdateTrail", "sourceIPAddress": "111.111.111.111", "arrayKey": ["value", "another value"], \
        "objectList": [{"name": "a", "id": 1}, {"name": "b", "id": 2}], "SomeObject": null, "cluster.name": "c", \
        "ThisFlag": true}
        """

    func testJSONStringValues() {
        // Guide: "This filter pattern matches the string "UpdateTrail" in the property "eventType"."
        expect("{ $.eventType = \"UpdateTrail\" }", toMatch: [trailEvent])
        expect("{ $.eventType = \"DeleteTrail\" }", toMatch: [], notToMatch: [trailEvent])
        // Guide: `{ $.sourceIPAddress != 123.123.* }` "matches the property "sourceIPAddress"
        // because it doesn't contain a number with the prefix "123.123."".
        expect("{ $.sourceIPAddress != 123.123.* }", toMatch: [trailEvent])
        expect("{ $.sourceIPAddress != 111.111.* }", toMatch: [], notToMatch: [trailEvent])
        // Guide: `{ $.arrayKey[0] = "value" }` "matches the element "value" in the array".
        expect("{ $.arrayKey[0] = \"value\" }", toMatch: [trailEvent])
        // Older guide: `{ $.objectList[1].id = 2 }` matches; "If arrayKey is not an array
        // this will be false."
        expect("{ $.objectList[1].id = 2 }", toMatch: [trailEvent])
        expect("{ $.eventType[0] = \"value\" }", toMatch: [], notToMatch: [trailEvent])
        // Guide: `{ $.['cluster.name'] = "c" }` selects a property whose key holds a period.
        expect("{ $.['cluster.name'] = \"c\" }", toMatch: [trailEvent])
        // Older guide: `{$.foo = bar}` matches {"foo": "bar"}, `{$.foo = baz }` matches
        // {"foo": "baz"}, and `{$.foo = bar || $.foo = baz }` matches both.
        expect("{$.foo = bar}", toMatch: ["{\"foo\": \"bar\"}"], notToMatch: ["{\"foo\": \"baz\"}"])
        expect("{$.foo = baz }", toMatch: ["{\"foo\": \"baz\"}"], notToMatch: ["{\"foo\": \"bar\"}"])
        expect("{$.foo = bar || $.foo = baz }", toMatch: ["{\"foo\": \"bar\"}", "{\"foo\": \"baz\"}"])
        // Older guide: "The items in the JSON log event data must exactly match the metric filter."
        expect("{ $.eventType = Update }", toMatch: [], notToMatch: [trailEvent])
        expect("{ $.eventType = Trail }", toMatch: [], notToMatch: [trailEvent])
        // The brief's own example.
        expect(
            "{ $.level = \"ERROR\" }", toMatch: ["{\"level\": \"ERROR\", \"msg\": \"x\"}"],
            notToMatch: ["{\"level\": \"error\"}", "{\"level\": \"WARN\"}"])
    }

    func testJSONWildcardsInValues() {
        // Older guide: "*Event will match PutEvent and GetEvent. Event* will match EventId and
        // EventName. Ev*ent will only match the actual string Ev*ent."
        expect("{ $.name = *Event }", toMatch: [#"{"name": "PutEvent"}"#, #"{"name": "GetEvent"}"#],
            notToMatch: [#"{"name": "EventId"}"#])
        expect("{ $.name = Event* }", toMatch: [#"{"name": "EventId"}"#, #"{"name": "EventName"}"#],
            notToMatch: [#"{"name": "PutEvent"}"#])
        expect("{ $.name = Ev*ent }", toMatch: [#"{"name": "Ev*ent"}"#], notToMatch: [#"{"name": "Event"}"#])
        // Older guide: `{ $.latency = * }` is the filter for publishing $.latency.
        expect("{ $.latency = * }", toMatch: [#"{"latency": 42}"#], notToMatch: [#"{"other": 42}"#])
    }

    func testJSONRegexAndWildcardSelectors() {
        // Guide: `{ $.eventType = %Trail% }` "matches the string "Trail" in the property "eventType"."
        expect("{ $.eventType = %Trail% }", toMatch: [trailEvent])
        // Guide: `{ $.arrayKey[*] = %val.{2}% }` "matches the element "value" in the array".
        expect("{ $.arrayKey[*] = %val.{2}% }", toMatch: [trailEvent])
        expect("{ $.arrayKey[*] = \"another value\" }", toMatch: [trailEvent])
        // Guide: `{ $.* = %111\.111\.111\.1[0-9]{1,2}% }` "matches the element "111.111.111.111"
        // in the property "sourceIPAddress"".
        expect("{ $.* = %111\\.111\\.111\\.1[0-9]{1,2}% }", toMatch: [trailEvent])
        expect("{ $.* = %222\\.% }", toMatch: [], notToMatch: [trailEvent])
    }

    func testJSONIsAndNotExists() {
        // Guide: `{ $.SomeObject IS NULL }` "returns JSON logs where the value of SomeObject is NULL".
        expect("{ $.SomeObject IS NULL }", toMatch: [trailEvent], notToMatch: [#"{"other": 1}"#])
        // Guide: `{ $.SomeOtherObject NOT EXISTS }` returns "JSON logs that don't contain the field".
        expect("{ $.SomeOtherObject NOT EXISTS }", toMatch: [trailEvent])
        expect("{ $.eventType NOT EXISTS }", toMatch: [], notToMatch: [trailEvent])
        // Older guide: `{ $.ThisFlag IS TRUE }` "Filters on ThisFlag being TRUE. This also
        // works for boolean filters which check for FALSE value."
        expect("{ $.ThisFlag IS TRUE }", toMatch: [trailEvent])
        expect("{ $.ThisFlag IS FALSE }", toMatch: [#"{"ThisFlag": false}"#], notToMatch: [trailEvent])
    }

    func testJSONSelectorOnArrayOrObjectNeverMatches() {
        // Older guide: "both {$.users = 1} and {$.users != 1} will fail to match a log event
        // where users is an array: { "users": [1, 2, 3] }".
        expect("{$.users = 1}", toMatch: [], notToMatch: [#"{"users": [1, 2, 3]}"#])
        expect("{$.users != 1}", toMatch: [], notToMatch: [#"{"users": [1, 2, 3]}"#])
    }

    func testJSONNumericComparisons() {
        // Guide, "Writing filter patterns that match numeric values", each example pattern.
        expect("{ $.bandwidth > 75 }", toMatch: [#"{"bandwidth": 76}"#], notToMatch: [#"{"bandwidth": 75}"#])
        expect("{ $.latency < 50 }", toMatch: [#"{"latency": 49.5}"#], notToMatch: [#"{"latency": 50}"#])
        expect("{ $.refreshRate >= 60 }", toMatch: [#"{"refreshRate": 60}"#], notToMatch: [#"{"refreshRate": 59}"#])
        expect("{ $.responseTime <= 5 }", toMatch: [#"{"responseTime": 5}"#], notToMatch: [#"{"responseTime": 6}"#])
        expect("{ $.errorCode = 400}", toMatch: [#"{"errorCode": 400}"#], notToMatch: [#"{"errorCode": 404}"#])
        expect("{ $.errorCode != 500 }", toMatch: [#"{"errorCode": 400}"#], notToMatch: [#"{"errorCode": 500}"#])
        expect("{ $.number[0] = 1e+3 }", toMatch: [#"{"number": [1000]}"#], notToMatch: [#"{"number": [100]}"#])
        expect("{ $.number[0] != 1e-3 }", toMatch: [#"{"number": [1]}"#], notToMatch: [#"{"number": [0.001]}"#])
        // Older guide's examples.
        expect("{ $.numbers[0] < 10e3 }", toMatch: [#"{"numbers": [9999]}"#], notToMatch: [#"{"numbers": [10000]}"#])
        expect("{ $.processes[4].averageRuntime <= 55.5 }",
            toMatch: [#"{"processes": [0, 0, 0, 0, {"averageRuntime": 55.5}]}"#],
            notToMatch: [#"{"processes": [0, 0, 0, 0, {"averageRuntime": 55.6}]}"#])
        expect("{ $.latency > +1000 }", toMatch: [#"{"latency": 1001}"#], notToMatch: [#"{"latency": -1001}"#])
        // The brief's example; numeric comparisons apply to JSON numbers only (host's reading).
        expect("{ $.latency > 100 }", toMatch: [#"{"latency": 250}"#],
            notToMatch: [#"{"latency": "250"}"#, #"{"latency": null}"#, #"{}"#])
        expect("{ $.errorCode = 400 }", toMatch: [], notToMatch: [#"{"errorCode": "400"}"#])
        // Guide: "Use the asterisk ("*") as a wild card to match numbers."
        expect("{ $.errorCode = 4* }", toMatch: [#"{"errorCode": 404}"#], notToMatch: [#"{"errorCode": 500}"#])
    }

    func testJSONCompoundExpressions() {
        // Guide, the JSON object of "compound expressions" and its four examples.
        let object = """
            {"user": {"id": 1, "email": "John.Stiles@example.com"}, "users": [{"id": 2, "email": \
            "John.Doe@example.com"}, {"id": 3, "email": "Jane.Doe@example.com"}], "actions": ["GET", "PUT", \
            "DELETE"], "coordinates": [[0, 1, 2], [4, 5, 6], [7, 8, 9]]}
            """
        expect("{ ($.user.id = 1) && ($.users[0].email = \"John.Doe@example.com\") }", toMatch: [object])
        expect(
            "{ $.user.email = \"John.Stiles@example.com\" || $.coordinates[0][1] = \"nonmatch\" "
                + "&& $.actions[2] = \"nonmatch\" }", toMatch: [object])
        expect(
            "{ ($.user.email = \"John.Stiles@example.com\" || $.coordinates[0][1] = \"nonmatch\") "
                + "&& $.actions[2] = \"nonmatch\" }", toMatch: [], notToMatch: [object])
        expect(
            "{ ($.user.id = 2 && $.users[0].email = \"nonmatch\") || $.actions[2] = \"GET\" }",
            toMatch: [], notToMatch: [object])
        // Older guide's spelling with unquoted values gives the same answers.
        expect(
            "{ $.user.email = \"John.Stiles@example.com\" || $.coordinates[0][1] = nonmatch && $.actions[2] = nomatch }",
            toMatch: [object])
        expect("{ $.coordinates[1][2] = 6 && $.actions[1] = PUT }", toMatch: [object])
    }

    func testJSONPatternNeverMatchesOtherMessages() {
        let pattern = "{ $.level = \"ERROR\" }"
        expect(pattern, toMatch: [], notToMatch: [
            "level=ERROR", #"["ERROR"]"#, #""ERROR""#, #"2024-01-01 INFO {"level": "ERROR"}"#, #"{"level": "ERROR""#,
        ])
        expect("{ $.SomeOtherObject NOT EXISTS }", toMatch: [], notToMatch: ["plain text", "[1, 2]", "null"])
    }

    func testJSONErrors() {
        expectError("{ $.level = }", column: 13, containing: "expected a value after '='")
        expectError("{ $.level =}", column: 12, containing: "expected a value after '='")
        expectError("{ $.level \"ERROR\" }", column: 11, containing: "expected an operator")
        expectError("{ $.latency > \"100\" }", column: 15, containing: "expected a number after '>'")
        expectError("{ $.latency >= fast }", column: 16, containing: "expected a number after '>='")
        expectError("{ $.level = \"ERROR\"", column: 20, containing: "expected '}' to close the '{' at column 1")
        expectError("{ level = 1 }", column: 3, containing: "expected a property selector starting with '$.'")
        expectError("{ $level = 1 }", column: 4, containing: "expected '.' after '$'")
        expectError("{ ($.a = 1 }", column: 12, containing: "expected ')' to close the '(' at column 3")
        expectError("{ $.a = 1 & $.b = 2 }", column: 11, containing: "expected '&&', '||' or '}'")
        expectError("{ $.a = 1 } x", column: 13, containing: "after the closing '}'")
        expectError("{ $.a = foo@bar }", column: 12, containing: "'@' is not allowed in an unquoted value")
        expectError("{ $.a[x] = 1 }", column: 7, containing: "expected an index, '*' or a quoted name")
        // Guide: "The variables IS NOT and EXISTS currently aren't supported."
        expectError("{ $.a IS NOT NULL }", column: 7, containing: "'IS NOT' is not supported")
        expectError("{ $.a EXISTS }", column: 7, containing: "'EXISTS' is not supported")
        expectError("{ $.a IS MISSING }", column: 10, containing: "expected NULL, TRUE or FALSE")
        // Guide: "You can only use up to one wildcard selector in a property selector, and up
        // to three wildcard selectors in a filter pattern with compound expressions."
        expectError("{ $.a[*].b[*] = 1 }", column: 3, containing: "at most one wildcard")
        expectError(
            "{ $.a[*] = 1 || $.b[*] = 1 || $.c[*] = 1 || $.d[*] = 1 }", column: 45,
            containing: "at most 3 wildcard selectors")
        // Guide: "There is a limit of 2 regex for each filter pattern when creating a delimited
        // or JSON filter pattern".
        expectError("{ $.a = %a% || $.b = %b% || $.c = %c% }", column: 35, containing: "at most 2 regular expressions")
    }

    // MARK: Space-delimited patterns

    /// Guide, "Example: Space-delimited log event".
    private let accessEvent = #"127.0.0.1 Prod frank [10/Oct/2000:13:25:15 -0700] "GET /index.html HTTP/1.0" 404 1534"#

    /// Older guide's three Apache log lines.
    private let apacheEvents = [
        #"127.0.0.1 - frank [10/Oct/2000:13:25:15 -0700] "GET /apache_pb.gif HTTP/1.0" 200 1534"#,
        #"127.0.0.1 - frank [10/Oct/2000:13:35:22 -0700] "GET /apache_pb.gif HTTP/1.0" 500 5324"#,
        #"127.0.0.1 - frank [10/Oct/2000:13:50:35 -0700] "GET /apache_pb.gif HTTP/1.0" 200 4355"#,
    ]

    /// Guide, "Space-delimited log event" of the w1/w2 examples.
    private let serviceEvents = [
        "INFO 09/25/2014 12:00:00 GET /service/resource/67 1200",
        "INFO 09/25/2014 12:00:01 POST /service/resource/67/part/111 1310",
        "WARNING 09/25/2014 12:00:02 Invalid user request",
        "ERROR 09/25/2014 12:00:02 Failed to process request",
    ]

    func testSpaceDelimitedFieldsWithConditions() {
        // Guide: the pattern "parses seven fields" of the example event; `ip` uses regex,
        // `request` "must extract a value with .html", `status_code` "a value beginning with 4".
        let guidePattern = #"[ip=%127\.0\.0\.[1-9]%, user, username, timestamp, request =*.html*, status_code = 4*, bytes]"#
        expect(guidePattern, toMatch: [accessEvent], notToMatch: [
            accessEvent.replacingOccurrences(of: " 404 ", with: " 200 "),
            accessEvent.replacingOccurrences(of: "127.0.0.1", with: "10.0.0.1"),
        ])
        // Guide: an ellipsis "represent[s] the first four unnamed fields".
        expect("[..., request =*.html*, status_code = 4*, bytes]", toMatch: [accessEvent])
        // Guide: "the value of status_code must be 404 or 410".
        let either = "[ip, user, username, timestamp, request =*.html*, status_code = 404 || status_code = 410, bytes]"
        expect(either, toMatch: [accessEvent, accessEvent.replacingOccurrences(of: " 404 ", with: " 410 ")],
            notToMatch: [accessEvent.replacingOccurrences(of: " 404 ", with: " 403 ")])
    }

    func testSpaceDelimitedApacheExamplesOfTheOlderGuide() {
        expect("[ip, user, username, timestamp, request, status_code, bytes > 1000]", toMatch: apacheEvents)
        expect("[ip, user, username, timestamp, request, status_code, bytes > 5000]",
            toMatch: [apacheEvents[1]], notToMatch: [apacheEvents[0], apacheEvents[2]])
        expect("[ip, user, username, timestamp, request, status_code = 200, bytes]",
            toMatch: [apacheEvents[0], apacheEvents[2]], notToMatch: [apacheEvents[1]])
        expect("[ip, user, username, timestamp, request, status_code = 4*, bytes]", toMatch: [], notToMatch: apacheEvents)
        expect("[ip, user, username, timestamp, request = *html*, status_code = 4*, bytes]",
            toMatch: [], notToMatch: apacheEvents)
        for ellipsis in ["[..., status_code, bytes]", "[ip, user, ..., status_code, bytes]", "[ip, user, ...]"] {
            expect(ellipsis, toMatch: apacheEvents)
        }
        expect("[..., status_code = 500, bytes]", toMatch: [apacheEvents[1]], notToMatch: [apacheEvents[0]])
        // Older guide: `[..., request=*.html*, status_code=4*,]` extracts $7 = "1534" from this
        // event, so the trailing comma stands for one unnamed last field.
        let extractEvent = #"127.0.0.1 - frank [10/Oct/2000:13:25:15 -0700] "GET /index.html HTTP/1.0" 404 1534"#
        expect("[..., request=*.html*, status_code=4*,]", toMatch: [extractEvent],
            notToMatch: [extractEvent + " extra"])
    }

    func testSpaceDelimitedTermsInOrder() {
        // Guide: `[w1=ERROR, w2]` "returns log events where the first word in the log events is
        // ERROR"; the blank w2 takes the rest of the event.
        expect("[w1=ERROR, w2]", toMatch: [serviceEvents[3]], notToMatch: Array(serviceEvents[..<3]))
        // Guide: `[w1=ERROR || w1=WARNING, w2]` "returns log events where the first word in
        // the events is ERROR or WARNING".
        expect("[w1=ERROR || w1=WARNING, w2]", toMatch: Array(serviceEvents[2...]), notToMatch: Array(serviceEvents[..<2]))
        // Guide: `[w1!=ERROR && w1!=WARNING, w2]` "returns log events where the first words
        // aren't ERROR and WARNING".
        expect("[w1!=ERROR && w1!=WARNING, w2]", toMatch: Array(serviceEvents[..<2]), notToMatch: Array(serviceEvents[2...]))
        // Guide: "matches the top level item in a resource URI using regex" (the first event)
        // and "the child level item" (the second).
        expect("[logLevel, date, time, method, url=%/service/resource/[0-9]+$%, response_time]",
            toMatch: [serviceEvents[0]], notToMatch: Array(serviceEvents[1...]))
        expect("[logLevel, date, time, method, url=%/service/resource/[0-9]+/part/[0-9]+$%, response_time]",
            toMatch: [serviceEvents[1]], notToMatch: [serviceEvents[0], serviceEvents[2], serviceEvents[3]])
        // A field value must equal the value written, as a whole.
        expect("[w1=ERR, w2]", toMatch: [], notToMatch: [serviceEvents[3]])
        // Too few fields in the event never match.
        expect("[a, b, c]", toMatch: ["x y z", "x y z and more"], notToMatch: ["x y"])
    }

    func testSpaceDelimitedErrors() {
        expectError("[ip, user", column: 10, containing: "expected ']' to close the '[' at column 1")
        expectError("[]", column: 2, containing: "expected a field name or '...'")
        expectError("[a = ]", column: 6, containing: "expected a value after '='")
        expectError("[a > high]", column: 6, containing: "expected a number after '>'")
        expectError("[a b]", column: 4, containing: "expected ',' or ']' after a field")
        expectError("[a] b", column: 5, containing: "after the closing ']'")
        expectError("[w1=ERROR || =WARN, w2]", column: 14, containing: "expected the field name 'w1' after '||'")
        // The older guide's `[..., status_code = 4* && bytes > 1000]` is refused by AWS
        // ("Invalid filter pattern", awsdocs/amazon-cloudwatch-logs-user-guide#21).
        expectError("[status_code = 4* && bytes > 1000]", column: 22, containing: "can only test 'status_code'")
        expectError("[a=%1%, b=%2%, c=%3%]", column: 18, containing: "at most 2 regular expressions")
    }

    // MARK: Helpers

    func expect(
        _ text: String, toMatch matching: [String], notToMatch failing: [String] = [],
        file: StaticString = #filePath, line: UInt = #line
    ) {
        let pattern: FilterPattern
        do {
            pattern = try FilterPattern(text)
        } catch {
            XCTFail("pattern \(text) was rejected: \(error)", file: file, line: line)
            return
        }
        for message in matching {
            XCTAssertTrue(pattern.matches(message), "\(text) should match \(message)", file: file, line: line)
        }
        for message in failing {
            XCTAssertFalse(pattern.matches(message), "\(text) should not match \(message)", file: file, line: line)
        }
    }

    func expectError(
        _ text: String, column: Int, containing fragment: String, file: StaticString = #filePath, line: UInt = #line
    ) {
        do {
            _ = try FilterPattern(text)
            XCTFail("pattern \(text) was accepted", file: file, line: line)
        } catch {
            XCTAssertEqual(error.column, column, "column for \(text): \(error)", file: file, line: line)
            XCTAssertTrue(
                error.message.contains(fragment), "message for \(text): \(error.message)", file: file, line: line)
            XCTAssertEqual(error.description, "column \(error.column): \(error.message)", file: file, line: line)
        }
    }
}
