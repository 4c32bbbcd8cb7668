import Crypto
import Foundation
import XCTest

@testable import HostServer

/// The signer's steps against AWS's "Signature Version 4 test suite"
/// (https://docs.aws.amazon.com/general/latest/gr/signature-v4-test-suite.html): each case's
/// request, its canonical request (`.creq`), the hash its string to sign ends with (`.sts`)
/// and the signature of its `.authz`, all with the suite's key, date, region and service.
final class SigV4Tests: XCTestCase {
    static let secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
    static let amzDate = "20150830T123600Z"
    static let scope = "20150830/us-east-1/service/aws4_request"
    static let emptyHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

    struct Case {
        var name: String
        var method = "GET"
        var target: String
        var headers: [(String, String)] = []
        var body = ""
        var signedHeaders = ["host", "x-amz-date"]
        /// The canonical request's lines between the method and the headers: URI and query.
        var uri: String
        var query = ""
        /// The canonical headers block, or nil for `host` and `x-amz-date` only.
        var canonicalHeaders: String?
        var stringToSignHash: String?
        var signature: String
    }

    static let cases: [Case] = [
        Case(name: "get-vanilla", target: "/", uri: "/",
             stringToSignHash: "bb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63",
             signature: "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"),
        Case(name: "get-vanilla-query-order-key-case", target: "/?Param2=value2&Param1=value1", uri: "/", query: "Param1=value1&Param2=value2",
             stringToSignHash: "816cd5b414d056048ba4f7c5386d6e0533120fb1fcfa93762cf0fc39e2cf19e0",
             signature: "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500"),
        Case(name: "get-vanilla-query-order-value", target: "/?Param1=value2&Param1=value1", uri: "/", query: "Param1=value1&Param1=value2",
             stringToSignHash: "c968629d70850097a2d8781c9bf7edcb988b04cac14cca9be4acc3595f884606",
             signature: "5772eed61e12b33fae39ee5e7012498b51d56abc0abb7c60486157bd471c4694"),
        Case(name: "get-vanilla-utf8-query", target: "/?ሴ=bar", uri: "/", query: "%E1%88%B4=bar",
             stringToSignHash: "eb30c5bed55734080471a834cc727ae56beb50e5f39d1bff6d0d38cb192a7073",
             signature: "2cdec8eed098649ff3a119c94853b13c643bcf08f8b0a1d91e12c9027818dd04"),
        Case(name: "get-utf8", target: "/ሴ", uri: "/%E1%88%B4",
             stringToSignHash: "2a0a97d02205e45ce2e994789806b19270cfbbb0921b278ccf58f5249ac42102",
             signature: "8318018e0b0f223aa2bbf98705b62bb787dc9c0e678f255a891fd03141be5d85"),
        Case(name: "get-unreserved", target: "/-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
             uri: "/-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
             stringToSignHash: "6a968768eefaa713e2a6b16b589a8ea192661f098f37349f4e2c0082757446f9",
             signature: "07ef7494c76fa4850883e2b006601f940f8a34d404d0cfa977f52a65bbf5f24f"),
        Case(name: "get-space", target: "/example space/", uri: "/example%20space/",
             stringToSignHash: "63ee75631ed7234ae61b5f736dfc7754cdccfedbff4b5128a915706ee9390d86",
             signature: "652487583200325589f1fba4c7e578f72c47cb61beeca81406b39ddec1366741"),
        Case(name: "get-relative-relative", target: "/example1/example2/../..", uri: "/",
             stringToSignHash: "bb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63",
             signature: "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"),
        Case(name: "get-slash-pointless-dot", target: "/./example", uri: "/example",
             stringToSignHash: "214d50c111a8edc4819da6a636336472c916b5240f51e9a51b5c3305180cf702",
             signature: "ef75d96142cf21edca26f06005da7988e4f8dc83a165a80865db7089db637ec5"),
        Case(name: "get-slashes", target: "//example//", uri: "/example/",
             stringToSignHash: "cb96b4ac96d501f7c5c15bc6d67b3035061cfced4af6585ad927f7e6c985c015",
             signature: "9a624bd73a37c9a373b5312afbebe7a714a789de108f0bdfe846570885f57e84"),
        Case(name: "get-header-key-duplicate", target: "/",
             headers: [("My-Header1", "value2"), ("My-Header1", "value2"), ("My-Header1", "value1")],
             signedHeaders: ["host", "my-header1", "x-amz-date"], uri: "/",
             canonicalHeaders: "host:example.amazonaws.com\nmy-header1:value2,value2,value1\nx-amz-date:20150830T123600Z\n",
             stringToSignHash: "dc7f04a3abfde8d472b0ab1a418b741b7c67174dad1551b4117b15527fbe966c",
             signature: "c9d5ea9f3f72853aea855b47ea873832890dbdd183b4468f858259531a5138ea"),
        Case(name: "get-header-value-trim", target: "/", headers: [("My-Header1", " value1"), ("My-Header2", " \"a   b   c\"")],
             signedHeaders: ["host", "my-header1", "my-header2", "x-amz-date"], uri: "/",
             canonicalHeaders: "host:example.amazonaws.com\nmy-header1:value1\nmy-header2:\"a b c\"\nx-amz-date:20150830T123600Z\n",
             stringToSignHash: "a726db9b0df21c14f559d0a978e563112acb1b9e05476f0a6a1c7d68f28605c7",
             signature: "acc3ed3afb60bb290fc8d2dd0098b9911fcaa05412b367055dee359757a9c736"),
        Case(name: "post-header-value-case", method: "POST", target: "/", headers: [("My-Header1", "VALUE1")],
             signedHeaders: ["host", "my-header1", "x-amz-date"], uri: "/",
             canonicalHeaders: "host:example.amazonaws.com\nmy-header1:VALUE1\nx-amz-date:20150830T123600Z\n",
             stringToSignHash: "d51ced243e649e3de6ef63afbbdcbca03131a21a7103a1583706a64618606a93",
             signature: "cdbc9802e29d2942e5e10b5bccfdd67c5f22c7c4e8ae67b53629efa58b974b7d"),
        Case(name: "post-vanilla-query", method: "POST", target: "/?Param1=value1", uri: "/", query: "Param1=value1",
             stringToSignHash: "9d659678c1756bb3113e2ce898845a0a79dbbc57b740555917687f1b3340fbbd",
             signature: "28038455d6de14eafc1f9222cf5aa6f1a96197d7deb8263271d420d138af7f11"),
        // A body: its hash ends the canonical request.
        Case(name: "post-x-www-form-urlencoded", method: "POST", target: "/",
             headers: [("Content-Type", "application/x-www-form-urlencoded"), ("Content-Length", "13")], body: "Param1=value1",
             signedHeaders: ["content-type", "host", "x-amz-date"], uri: "/",
             canonicalHeaders: "content-type:application/x-www-form-urlencoded\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n",
             signature: "ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a"),
    ]

    func testTheSuitesCanonicalRequestsStringsToSignAndSignatures() {
        let key = SigV4.signingKey(secretAccessKey: Self.secret, date: "20150830", region: "us-east-1", service: "service")
        for vector in Self.cases {
            let parts = vector.target.split(separator: "?", maxSplits: 1).map(String.init)
            let headers = [("Host", "example.amazonaws.com"), ("X-Amz-Date", Self.amzDate)] + vector.headers
            let payloadHash = SigV4.hex(SHA256.hash(data: Data(vector.body.utf8)))
            let request = SigV4Request(method: vector.method, path: parts[0], query: parts.count > 1 ? parts[1] : nil,
                                       headers: headers.map { (name: $0.0, value: $0.1) }, payloadHash: payloadHash)
            let canonical = SigV4.canonicalRequest(request, signedHeaders: vector.signedHeaders)
            let headerBlock = vector.canonicalHeaders ?? "host:example.amazonaws.com\nx-amz-date:20150830T123600Z\n"
            let expected = [vector.method, vector.uri, vector.query, headerBlock, vector.signedHeaders.joined(separator: ";"), payloadHash]
                .joined(separator: "\n")
            XCTAssertEqual(canonical, expected, vector.name)
            let stringToSign = SigV4.stringToSign(canonicalRequest: canonical, amzDate: Self.amzDate, scope: Self.scope)
            if let hash = vector.stringToSignHash {
                XCTAssertEqual(stringToSign, "AWS4-HMAC-SHA256\n\(Self.amzDate)\n\(Self.scope)\n\(hash)", vector.name)
            }
            XCTAssertEqual(SigV4.signature(stringToSign: stringToSign, key: key), vector.signature, vector.name)
            XCTAssertTrue(SigV4.isValid(signature: vector.signature, stringToSign: stringToSign, key: key), vector.name)
        }
    }

    func testTheEmptyBodysHashIsTheSuites() {
        XCTAssertEqual(SigV4.hex(SHA256.hash(data: Data())), Self.emptyHash)
    }

    func testAnotherSecretOrAChangedSignatureIsNotValid() {
        let stringToSign = "AWS4-HMAC-SHA256\n\(Self.amzDate)\n\(Self.scope)\nbb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63"
        let right = SigV4.signingKey(secretAccessKey: Self.secret, date: "20150830", region: "us-east-1", service: "service")
        let wrong = SigV4.signingKey(secretAccessKey: Self.secret + "x", date: "20150830", region: "us-east-1", service: "service")
        let signature = "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"
        XCTAssertTrue(SigV4.isValid(signature: signature, stringToSign: stringToSign, key: right))
        XCTAssertFalse(SigV4.isValid(signature: signature, stringToSign: stringToSign, key: wrong))
        XCTAssertFalse(SigV4.isValid(signature: "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf30", stringToSign: stringToSign, key: right))
        XCTAssertFalse(SigV4.isValid(signature: "not hex", stringToSign: stringToSign, key: right))
        XCTAssertFalse(SigV4.isValid(signature: String(signature.dropLast(2)), stringToSign: stringToSign, key: right))
    }

    /// A path escape the client sent is encoded again ("each path segment must be URI-encoded
    /// twice"), as botocore signs Lambda's `/2015-03-31/functions/arn%3Aaws.../invocations`.
    func testAnEncodedPathIsEncodedAgain() {
        XCTAssertEqual(SigV4.canonicalURI("/2015-03-31/functions/arn%3Aaws%3Alambda/invocations"),
                       "/2015-03-31/functions/arn%253Aaws%253Alambda/invocations")
    }
}
