import Events
import JSONValue
import XCTest

/// Every form of `anything-but`: "Anything-but matching matches anything except what's provided
/// in the rule." Examples from "Content filtering in Amazon EventBridge event patterns"; the
/// null, missing and wrong-type cases are AWS answers recorded by LocalStack's parity tests.
final class EventPatternAnythingButTests: EventPatternTestCase {
    /// `"state": [ { "anything-but": "initializing" } ]`: "State is any value besides "initializing"."
    func testSingleString() throws {
        let rule = #"{"detail": {"state": [{"anything-but": "initializing"}]}}"#
        try assertMatch(rule, #"{"detail": {"state": "running"}}"#, true)
        try assertMatch(rule, #"{"detail": {"state": "initializing"}}"#, false)
        try assertMatch(rule, #"{"detail": {"state": "INITIALIZING"}}"#, true)
    }

    /// `"x-limit": [ { "anything-but": 123 } ]`; numbers compare by value.
    func testSingleNumber() throws {
        let rule = #"{"detail": {"x-limit": [{"anything-but": 123}]}}"#
        try assertMatch(rule, #"{"detail": {"x-limit": 301.8}}"#, true)
        try assertMatch(rule, #"{"detail": {"x-limit": 123}}"#, false)
        try assertMatch(rule, #"{"detail": {"x-limit": 123.0}}"#, false)
        // AWS: anything-but 0 matches 789 (content_anything_but_number_zero).
        try assertMatch(#"{"x": [{"anything-but": 0}]}"#, #"{"x": 789}"#, true)
    }

    /// `"state": [ { "anything-but": [ "stopped", "overloaded" ] } ]`.
    func testListOfStrings() throws {
        let rule = #"{"detail": {"state": [{"anything-but": ["stopped", "overloaded"]}]}}"#
        try assertMatch(rule, #"{"detail": {"state": "running"}}"#, true)
        try assertMatch(rule, #"{"detail": {"state": "stopped"}}"#, false)
        try assertMatch(rule, #"{"detail": {"state": "overloaded"}}"#, false)
    }

    /// `"x-limit": [ { "anything-but": [ 100, 200, 300 ] } ]`.
    func testListOfNumbers() throws {
        let rule = #"{"detail": {"x-limit": [{"anything-but": [100, 200, 300]}]}}"#
        try assertMatch(rule, #"{"detail": {"x-limit": 301.8}}"#, true)
        try assertMatch(rule, #"{"detail": {"x-limit": 200}}"#, false)
        try assertMatch(rule, #"{"detail": {"x-limit": 3.0e2}}"#, false)
    }

    /// "matches any event that doesn't have the prefix "init" in the "state" field".
    func testPrefix() throws {
        let rule = #"{"detail": {"state": [{"anything-but": {"prefix": "init"}}]}}"#
        try assertMatch(rule, #"{"detail": {"state": "running"}}"#, true)
        try assertMatch(rule, #"{"detail": {"state": "initializing"}}"#, false)
        // AWS: a number has no prefix, so it matches (content_anything_prefix_int_value).
        try assertMatch(rule, #"{"detail": {"state": 12}}"#, true)
        try assertMatch(#"{"state": [{"anything-but": {"prefix": ["init", "test"]}}]}"#, #"{"state": "testing"}"#, false)
    }

    /// "FileName does not end with a .png extension": `{ "anything-but": { "suffix": ".png" } }`.
    func testSuffix() throws {
        let rule = #"{"FileName": [{"anything-but": {"suffix": ".png"}}]}"#
        try assertMatch(rule, #"{"FileName": "notes.txt"}"#, true)
        try assertMatch(rule, #"{"FileName": "photo.png"}"#, false)
        try assertMatch(#"{"FileName": [{"anything-but": {"suffix": [".png", ".txt"]}}]}"#, #"{"FileName": "notes.txt"}"#, false)
    }

    /// "State is any value besides "initializing" or any other casing variation, such as
    /// "INITIALIZING"": `{ "anything-but": { "equals-ignore-case": "initializing" }}`.
    func testEqualsIgnoreCase() throws {
        let rule = #"{"state": [{"anything-but": {"equals-ignore-case": "initializing"}}]}"#
        try assertMatch(rule, #"{"state": "INITIALIZING"}"#, false)
        try assertMatch(rule, #"{"state": "Initializing"}"#, false)
        try assertMatch(rule, #"{"state": "running"}"#, true)
        try assertMatch(#"{"state": [{"anything-but": {"equals-ignore-case": ["initializing", "stopped"]}}]}"#, #"{"state": "STOPPED"}"#, false)
    }

    /// "FileName is not a file path that includes /lib/": `{ "anything-but": { "wildcard": "*/lib/*" }}`.
    func testWildcard() throws {
        let rule = #"{"FilePath": [{"anything-but": {"wildcard": "*/lib/*"}}]}"#
        try assertMatch(rule, #"{"FilePath": "/usr/lib/libc.so"}"#, false)
        try assertMatch(rule, #"{"FilePath": "/usr/bin/env"}"#, true)
        // AWS: a number is not excluded by a wildcard (content_anything_wildcard_int), and the
        // empty wildcard excludes only "" (content_anything_wildcard_empty).
        try assertMatch(rule, #"{"FilePath": 123}"#, true)
        try assertMatch(#"{"FilePath": [{"anything-but": {"wildcard": ""}}]}"#, #"{"FilePath": "dir/init/file"}"#, true)
        try assertMatch(#"{"FilePath": [{"anything-but": {"wildcard": ["*/lib/*", "*/bin/*"]}}]}"#, #"{"FilePath": "/usr/bin/env"}"#, false)
    }

    /// AWS matches every anything-but form against `null` (content_anything_but_string_null,
    /// content_anything_prefix_null, content_anything_but_ignorecase_list_null, ...) and none
    /// against a missing field (the *_missing_NEG cases).
    func testNullMatchesAndMissingDoesNot() throws {
        let forms = [
            #""initializing""#, #"["a", "b"]"#, "123", #"{"prefix": "init"}"#, #"{"suffix": ".png"}"#,
            #"{"equals-ignore-case": ["a", "b"]}"#, #"{"wildcard": "*/lib/*"}"#,
        ]
        for form in forms {
            let rule = #"{"detail": {"state": [{"anything-but": \#(form)}]}}"#
            try assertMatch(rule, #"{"detail": {"state": null}}"#, true)
            try assertMatch(rule, #"{"detail": {}}"#, false)
            try assertMatch(rule, #"{"detail": {"state": {"nested": 1}}}"#, false)
        }
    }

    /// A string list never excludes a number, nor a number list a string.
    func testOtherTypesAreNotExcluded() throws {
        try assertMatch(#"{"v": [{"anything-but": ["123"]}]}"#, #"{"v": 123}"#, true)
        try assertMatch(#"{"v": [{"anything-but": [123]}]}"#, #"{"v": "123"}"#, true)
        try assertMatch(#"{"v": [{"anything-but": "true"}]}"#, #"{"v": true}"#, true)
    }

    /// In an event array, any element that is not excluded makes a match.
    func testEventArrays() throws {
        let rule = #"{"tags": [{"anything-but": "Insider"}]}"#
        try assertMatch(rule, #"{"tags": ["Custom_Alert", "Insider"]}"#, true)
        try assertMatch(rule, #"{"tags": ["Insider"]}"#, false)
        try assertMatch(rule, #"{"tags": []}"#, false)
    }
}
