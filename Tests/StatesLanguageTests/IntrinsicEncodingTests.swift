import JSONValue
import StatesLanguage
import XCTest

/// `States.Base64Encode`, `States.Base64Decode` and `States.Hash`. Expected values come from
/// "Intrinsic functions for JSONPath states in Step Functions" (AWS Developer Guide), the test
/// vectors of RFC 1321 and FIPS 180-2 Appendices, and AWS recordings where a comment says so.
final class IntrinsicEncodingTests: XCTestCase {
    /// Doc: `{"input": "Data to encode"}` with `States.Base64Encode($.input)` returns
    /// `RGF0YSB0byBlbmNvZGU=`. "This function takes a data string of up to 10,000 characters".
    func testBase64Encode() throws {
        XCTAssertEqual(try IntrinsicTest.evaluate("States.Base64Encode($.input)", input: ["input": "Data to encode"]), "RGF0YSB0byBlbmNvZGU=")
        // RFC 4648 section 10 test vectors.
        for (text, encoded) in [("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("foobar", "Zm9vYmFy")] {
            XCTAssertEqual(try IntrinsicTest.evaluate("States.Base64Encode($.s)", input: ["s": .string(text)]), .string(encoded))
        }
        XCTAssertNoThrow(try IntrinsicTest.evaluate("States.Base64Encode($.s)", input: ["s": .string(String(repeating: "a", count: 10_000))]))
        IntrinsicTest.assertInvalidArguments("States.Base64Encode($.s)", input: ["s": .string(String(repeating: "a", count: 10_001))])
        IntrinsicTest.assertInvalidArguments("States.Base64Encode(123)")
        IntrinsicTest.assertInvalidArguments("States.Base64Encode('a', 'b')")
    }

    /// Doc: `{"base64": "RGF0YSB0byBlbmNvZGU="}` with `States.Base64Decode($.base64)`. The page
    /// prints the result as "Decoded data", but that text does not encode to this input: the
    /// string is the Base64Encode example's output, which decodes to "Data to encode".
    func testBase64Decode() throws {
        XCTAssertEqual(try IntrinsicTest.evaluate("States.Base64Decode($.base64)", input: ["base64": "RGF0YSB0byBlbmNvZGU="]), "Data to encode")
        XCTAssertEqual(try IntrinsicTest.evaluate("States.Base64Decode('Zm9vYmFy')"), "foobar")  // RFC 4648
        // Recorded from AWS: the MIME decoder tolerates surrounding spaces and missing padding.
        XCTAssertEqual(try IntrinsicTest.evaluate("States.Base64Decode(' YWJjZA== ')"), "abcd")
        XCTAssertEqual(try IntrinsicTest.evaluate("States.Base64Decode('Zm8')"), "fo")
        IntrinsicTest.assertInvalidArguments("States.Base64Decode($.s)", input: ["s": .string(String(repeating: "A", count: 10_001))])
        IntrinsicTest.assertInvalidArguments("States.Base64Decode(123)")
        IntrinsicTest.assertInvalidArguments("States.Base64Decode()")
    }

    /// Doc: `{"Data": "input data", "Algorithm": "SHA-1"}` with `States.Hash($.Data,
    /// $.Algorithm)`. The page prints `aaff4a450a104cd177d28d18d7485e8cae074b7`, 39 digits where
    /// SHA-1 has 40; the digest is `aaff4a450a104cd177d28d18d74485e8cae074b7` (the page dropped
    /// a 4). The others are the "abc" test vectors of RFC 1321 (MD5) and FIPS 180-2.
    func testHash() throws {
        XCTAssertEqual(
            try IntrinsicTest.evaluate("States.Hash($.Data, $.Algorithm)", input: ["Data": "input data", "Algorithm": "SHA-1"]),
            "aaff4a450a104cd177d28d18d74485e8cae074b7")
        let vectors: [(String, String)] = [
            ("MD5", "900150983cd24fb0d6963f7d28e17f72"),
            ("SHA-1", "a9993e364706816aba3e25717850c26c9cd0d89d"),
            ("SHA-256", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
            ("SHA-384", "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7"),
            ("SHA-512", "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f"),
        ]
        for (algorithm, digest) in vectors {
            XCTAssertEqual(try IntrinsicTest.evaluate("States.Hash('abc', $.a)", input: ["a": .string(algorithm)]), .string(digest), algorithm)
        }
        // Multi-block messages: RFC 1321's last test and FIPS 180-2's second SHA-256 and SHA-512 examples.
        XCTAssertEqual(
            try IntrinsicTest.evaluate("States.Hash($.s, 'MD5')", input: ["s": .string(String(repeating: "1234567890", count: 8))]),
            "57edf4a22be3c955ac49da2e2107b67a")
        XCTAssertEqual(
            try IntrinsicTest.evaluate("States.Hash('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq', 'SHA-256')"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        XCTAssertEqual(
            try IntrinsicTest.evaluate(
                "States.Hash('abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu', 'SHA-512')"),
            "8e959b75dae313da8cf4f72814fc143f8f7779c6eb9f7fa17299aeadb6889018501d289e4900f7e4331b99dec4b5433ac7d329eeb6dd26545e96e55b874be909")
        // "The data you provide must be an object string containing 10,000 characters or less";
        // algorithm names are exact (recorded: 'sha-256' and 'SHA256' fail).
        IntrinsicTest.assertInvalidArguments("States.Hash($.s, 'SHA-256')", input: ["s": .string(String(repeating: "a", count: 10_001))])
        IntrinsicTest.assertInvalidArguments("States.Hash('data', 'sha-256')")
        IntrinsicTest.assertInvalidArguments("States.Hash('data', 'SHA256')")
        IntrinsicTest.assertInvalidArguments("States.Hash('data', 123)")
        IntrinsicTest.assertInvalidArguments("States.Hash('data')")
    }
}
