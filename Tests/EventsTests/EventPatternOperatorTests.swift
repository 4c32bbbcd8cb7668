import Events
import JSONValue
import XCTest

/// prefix, suffix, equals-ignore-case, wildcard, cidr and exists, with the examples of "Content
/// filtering in Amazon EventBridge event patterns" and "Comparison operators for use in event
/// patterns in Amazon EventBridge".
final class EventPatternOperatorTests: EventPatternTestCase {
    /// "the following event pattern would match any event where the "time" field started with
    /// "2017-10-02" such as "time": "2017-10-02T18:43:48Z"". "You can use prefix matching for
    /// string values."
    func testPrefix() throws {
        let rule = #"{"time": [{"prefix": "2017-10-02"}]}"#
        try assertMatch(rule, #"{"time": "2017-10-02T18:43:48Z"}"#, true)
        try assertMatch(rule, #"{"time": "2017-10-03T18:43:48Z"}"#, false)
        try assertMatch(rule, #"{"time": "2017-10-0"}"#, false)
        try assertMatch(#"{"n": [{"prefix": "12"}]}"#, #"{"n": 123}"#, false)  // numbers are no strings
        try assertMatch(#"{"Region": [{"prefix": "us-"}]}"#, #"{"Region": ["eu-west-1", "us-east-1"]}"#, true)
    }

    /// "the following event pattern would match any event where the service field starts with
    /// the string EventB, but also EVENTB, eventb, or any other capitalization of those characters."
    func testPrefixIgnoringCase() throws {
        let rule = #"{"detail": {"service": [{"prefix": {"equals-ignore-case": "EventB"}}]}}"#
        try assertMatch(rule, #"{"detail": {"service": "eventbridge"}}"#, true)
        try assertMatch(rule, #"{"detail": {"service": "EVENTBRIDGE"}}"#, true)
        try assertMatch(rule, #"{"detail": {"service": "sqs"}}"#, false)
    }

    /// "the following event pattern would match any event where the "FileName" field ends with
    /// the .png file extension."
    func testSuffix() throws {
        let rule = #"{"FileName": [{"suffix": ".png"}]}"#
        try assertMatch(rule, #"{"FileName": "image.png"}"#, true)
        try assertMatch(rule, #"{"FileName": "image.PNG"}"#, false)
        try assertMatch(rule, #"{"FileName": "png"}"#, false)
    }

    /// "the following event pattern would match any event where the FileName field ends with the
    /// string .png, but also .PNG or any other capitalization of those characters."
    func testSuffixIgnoringCase() throws {
        let rule = #"{"detail": {"FileName": [{"suffix": {"equals-ignore-case": ".png"}}]}}"#
        try assertMatch(rule, #"{"detail": {"FileName": "IMAGE.PNG"}}"#, true)
        try assertMatch(rule, #"{"detail": {"FileName": "image.PnG"}}"#, true)
        try assertMatch(rule, #"{"detail": {"FileName": "image.jpg"}}"#, false)
    }

    /// "Equals (ignore case)": Name is "Alice": `"Name": [ { "equals-ignore-case": "alice" } ]`.
    func testEqualsIgnoringCase() throws {
        let rule = #"{"Name": [{"equals-ignore-case": "alice"}]}"#
        try assertMatch(rule, #"{"Name": "Alice"}"#, true)
        try assertMatch(rule, #"{"Name": "ALICE"}"#, true)
        try assertMatch(rule, #"{"Name": "Alicia"}"#, false)
        // AWS: `{"equals-ignore-case": ""}` matches only the empty string (content_ignorecase_empty_NEG).
        try assertMatch(#"{"v": [{"equals-ignore-case": ""}]}"#, #"{"v": "test-value"}"#, false)
    }

    /// "Any file with a .png extension, located within the folder "dir"":
    /// `"FileName": [ { "wildcard": "dir/*.png" } ]`; a wildcard matches any run of characters.
    func testWildcard() throws {
        let rule = #"{"FileName": [{"wildcard": "dir/*.png"}]}"#
        try assertMatch(rule, #"{"FileName": "dir/photo.png"}"#, true)
        try assertMatch(rule, #"{"FileName": "dir/.png"}"#, true)
        try assertMatch(rule, #"{"FileName": "dir/sub/photo.png"}"#, true)
        try assertMatch(rule, #"{"FileName": "other/photo.png"}"#, false)
        try assertMatch(rule, #"{"FileName": "dir/photo.jpg"}"#, false)
        // event-ruler README: "source": [ { "wildcard": "Simple*Service" } ].
        try assertMatch(#"{"source": [{"wildcard": "Simple*Service"}]}"#, #"{"source": "SimpleQueueService"}"#, true)
        // A recorded AWS case: one wildcard followed by repeated text.
        try assertMatch(#"{"F": [{"wildcard": "/Users/*/dir/dir/dir/dir/dir/doc.txt"}]}"#, #"{"F": "/Users/ls_user/dir/dir/dir/dir/dir/doc.txt"}"#, true)
    }

    /// "To match the asterisk character specifically, a wildcard character can be escaped with a
    /// backslash. Two consecutive backslashes [...] represents the actual backslash character."
    func testWildcardEscapes() throws {
        try assertMatch(#"{"v": [{"wildcard": "a\\*b"}]}"#, #"{"v": "a*b"}"#, true)
        try assertMatch(#"{"v": [{"wildcard": "a\\*b"}]}"#, #"{"v": "axb"}"#, false)
        try assertMatch(#"{"v": [{"wildcard": "a\\\\*"}]}"#, #"{"v": "a\\anything"}"#, true)
        try assertMatch(#"{"v": [{"wildcard": "*"}]}"#, #"{"v": ""}"#, true)
        try assertMatch(#"{"v": [{"wildcard": "*"}]}"#, #"{"v": 5}"#, false)
    }

    /// "The following event pattern shows IP address matching to IP addresses that start with
    /// 10.0.0" for `10.0.0.0/24`; "You can use IP address matching for IPv4 and IPv6 addresses."
    func testCIDRIPv4() throws {
        let rule = #"{"detail": {"sourceIPAddress": [{"cidr": "10.0.0.0/24"}]}}"#
        try assertMatch(rule, #"{"detail": {"sourceIPAddress": "10.0.0.0"}}"#, true)
        try assertMatch(rule, #"{"detail": {"sourceIPAddress": "10.0.0.255"}}"#, true)
        try assertMatch(rule, #"{"detail": {"sourceIPAddress": "10.0.1.0"}}"#, false)
        try assertMatch(rule, #"{"detail": {"sourceIPAddress": "not an address"}}"#, false)
        // AWS: a number is no address (content_ip_address_bad_type_NEG).
        try assertMatch(rule, #"{"detail": {"sourceIPAddress": 123}}"#, false)
        try assertMatch(#"{"ip": [{"cidr": "0.0.0.0/0"}]}"#, #"{"ip": "192.168.1.1"}"#, true)
    }

    /// AWS matches `2001:0db8:1234:1a00:0000:0000:0000:0000` against `2001:db8:1234:1a00::/64`
    /// (content_ip_address_v6): addresses compare by value, not by spelling.
    func testCIDRIPv6() throws {
        let rule = #"{"detail": {"sourceIPAddress": [{"cidr": "2001:db8:1234:1a00::/64"}]}}"#
        try assertMatch(rule, #"{"detail": {"sourceIPAddress": "2001:0db8:1234:1a00:0000:0000:0000:0000"}}"#, true)
        try assertMatch(rule, #"{"detail": {"sourceIPAddress": "2001:db8:1234:1a00:ffff:ffff:ffff:ffff"}}"#, true)
        try assertMatch(rule, #"{"detail": {"sourceIPAddress": "2001:db8:1234:1a01::"}}"#, false)
        try assertMatch(rule, #"{"detail": {"sourceIPAddress": "10.0.0.1"}}"#, false)
    }

    /// event-ruler compiles an address written as an exact value to a one-address range, so any
    /// spelling of the same address matches.
    func testExactAddressMatchesOtherSpellings() throws {
        try assertMatch(#"{"ip": ["2001:db8::1"]}"#, #"{"ip": "2001:0db8:0:0:0:0:0:1"}"#, true)
        try assertMatch(#"{"ip": ["2001:db8::1"]}"#, #"{"ip": "2001:db8::2"}"#, false)
    }

    /// "The following event pattern matches any event that does not have a detail.c-count field",
    /// including the guide's event where "c-count isn't a leaf node".
    func testExistsFalse() throws {
        let rule = #"{"detail": {"c-count": [{"exists": false}]}}"#
        try assertMatch(rule, #"{"detail-type": "EC2 Instance State-change Notification", "detail": {"state": "running"}}"#, true)
        try assertMatch(rule, #"{"detail": {"state": "running", "c-count": {"c1": 100}}}"#, true)
        try assertMatch(rule, #"{"detail": {"c-count": 5}}"#, false)
        try assertMatch(rule, #"{"detail": {"c-count": null}}"#, false)  // null is a value
        try assertMatch(rule, #"{"source": "aws.ec2"}"#, true)  // no detail at all
    }

    /// `{"exists": true}` matches a present leaf, whatever its value; not an intermediate node
    /// (AWS: exists_dynamodb_NEG) nor an empty array (exists_list_empty_NEG). In an array of
    /// objects one element suffices (list_within_dict).
    func testExistsTrue() throws {
        let rule = #"{"detail": {"c-count": [{"exists": true}]}}"#
        try assertMatch(rule, #"{"detail": {"c-count": 5}}"#, true)
        try assertMatch(rule, #"{"detail": {"c-count": null}}"#, true)
        try assertMatch(rule, #"{"detail": {"c-count": ""}}"#, true)
        try assertMatch(rule, #"{"detail": {"other": 5}}"#, false)
        try assertMatch(rule, #"{"detail": {"c-count": {"c1": 100}}}"#, false)
        try assertMatch(#"{"resources": [{"exists": true}]}"#, #"{"resources": []}"#, false)
        try assertMatch(#"{"resources": [{"exists": false}]}"#, #"{"resources": []}"#, true)
        let automations = #"{"detail": {"automations": [{"key1": "value1"}, {"id": "match-does-exist"}, {"key2": "value2"}]}}"#
        try assertMatch(#"{"detail": {"automations": {"id": [{"exists": true}]}}}"#, automations, true)
    }

    /// AWS's or-exists-parent case: `anything-but` fails on a missing field, `exists: false` holds.
    func testExistsFalseBesideAnythingBut() throws {
        let rule = #"{"dynamodb": {"NewImage": {"homemade": {"S": [{"anything-but": ["roses"]}, {"exists": false}]}}}}"#
        try assertMatch(rule, #"{"dynamodb": {"NewImage": {"purchased": {"N": "789"}}}}"#, true)
        try assertMatch(rule, #"{"dynamodb": {"NewImage": {"homemade": {"S": "roses"}}}}"#, false)
        try assertMatch(rule, #"{"dynamodb": {"NewImage": {"homemade": {"S": "tulips"}}}}"#, true)
    }
}
