import XCTest

@testable import HostServer

/// The Authorization header as AWS reads it, and the errors it answers; the expected messages
/// are AWS's own, as its services answered them (docs/server.md#errors).
final class SigV4AuthorizationTests: XCTestCase {
    func testAHeaderAsBotocoreWritesIt() throws {
        let header = "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/states/aws4_request, "
            + "SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"
        let authorization = try SigV4Authorization(header: header, hasDate: true)
        XCTAssertEqual(authorization.accessKeyId, "AKIDEXAMPLE")
        XCTAssertEqual(authorization.scope, "20150830/us-east-1/states/aws4_request")
        XCTAssertEqual(authorization.signedHeaders, ["content-type", "host", "x-amz-date", "x-amz-target"])
        XCTAssertEqual(authorization.signature, "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31")
    }

    /// SSM's answer to a SigV2 header (docs/server.md#errors).
    func testMissingParametersAreListedWithTheHeader() {
        XCTAssertThrowsError(try SigV4Authorization(header: "AWS xxxxx:yyyyyyy", hasDate: true)) { error in
            XCTAssertEqual(error as? SigV4Failure, .incomplete(
                "Authorization header requires 'Credential' parameter. Authorization header requires 'Signature' parameter. "
                    + "Authorization header requires 'SignedHeaders' parameter. Authorization=AWS xxxxx:yyyyyyy"))
        }
        // A token where a signature belongs, as API Gateway answered it (docs/server.md#errors).
        let token = "eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.eyJzdWIiOiI5ZDQzNmM5Mi00OTk3In0.4f1JhoEZYj16T9Cfe_8-qoCaxb2gYeS7ImBNZpULIoY"
        XCTAssertThrowsError(try SigV4Authorization(header: token, hasDate: false)) { error in
            XCTAssertEqual(error as? SigV4Failure, .incomplete(
                "Authorization header requires 'Credential' parameter. Authorization header requires 'Signature' parameter. "
                    + "Authorization header requires 'SignedHeaders' parameter. "
                    + "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. Authorization=\(token)"))
        }
    }

    /// DynamoDB's answer to a credential with a space in it (docs/server.md#errors).
    func testAnItemWithoutAnEqualSign() {
        let header = "AWS4-HMAC-SHA256 Credential=<cred> /20210706/us-east-2/dynamodb/aws4_request, "
            + "SignedHeaders=host;x-amz-content-sha256;x-amz-date;x-amz-target, Signature=f25d654c0543603xxxxxxxa2924ed7fa8365fde8b972231"
        XCTAssertThrowsError(try SigV4Authorization(header: header, hasDate: true)) { error in
            XCTAssertEqual(error as? SigV4Failure, .incomplete(
                "'/20210706/us-east-2/dynamodb/aws4_request' not a valid key=value pair (missing equal-sign) in Authorization header: '\(header)'."))
        }
    }

    /// A secret key given as the access key ID, as the Resource Groups Tagging API answered it
    /// (docs/server.md#errors).
    func testACredentialOfOtherThanFiveElements() {
        let credential = "UWMPPRonaGauEZx5/MngqKyK/qZD2QllczFEZ2U9/20200619/us-west-2/tagging/aws4_request"
        let header = "AWS4-HMAC-SHA256 Credential=\(credential), SignedHeaders=host;x-amz-date, Signature=00"
        XCTAssertThrowsError(try SigV4Authorization(header: header, hasDate: true)) { error in
            XCTAssertEqual(error as? SigV4Failure, .incomplete(
                "Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '\(credential)'"))
        }
    }

    func testAnotherAlgorithmIsRefused() {
        let header = "AWS4-ECDSA-P256-SHA256 Credential=AKID/20150830/us-east-1/states/aws4_request, SignedHeaders=host, Signature=00"
        XCTAssertThrowsError(try SigV4Authorization(header: header, hasDate: true)) { error in
            guard case .incomplete(let message)? = error as? SigV4Failure else { return XCTFail("\(error)") }
            XCTAssertTrue(message.contains("'AWS4-ECDSA-P256-SHA256'"), message)
        }
    }

    func testTheScopesDayMustBeXAmzDatesAndEndInAws4Request() throws {
        let header = "AWS4-HMAC-SHA256 Credential=AKID/20150830/eu-west-1/lambda/aws4_request, SignedHeaders=host, Signature=00"
        let authorization = try SigV4Authorization(header: header, hasDate: true)
        XCTAssertNoThrow(try authorization.checkScope(amzDate: "20150830T235959Z"))
        XCTAssertThrowsError(try authorization.checkScope(amzDate: "20150831T000000Z")) { error in
            guard case .invalidSignature(let message)? = error as? SigV4Failure else { return XCTFail("\(error)") }
            XCTAssertTrue(message.contains("'20150830' != '20150831'"), message)
        }
        var other = authorization
        other.terminator = "aws4_requests"
        XCTAssertThrowsError(try other.checkScope(amzDate: "20150830T000000Z"))
    }

    func testXAmzDateIsTheBasicFormatInUTC() {
        XCTAssertEqual(SigV4Time.date(from: "20150830T123600Z"), Date(timeIntervalSince1970: 1_440_938_160))
        XCTAssertEqual(SigV4Time.text(Date(timeIntervalSince1970: 1_440_938_160)), "20150830T123600Z")
        for text in ["2015-08-30T12:36:00Z", "20150830T123600", "20151330T123600Z", "20150830T126000Z", "2015083OT123600Z", ""] {
            XCTAssertNil(SigV4Time.date(from: text), text)
        }
    }

    func testLoopbackAddresses() {
        for address in ["127.0.0.1", "127.1.2.3", "::1", "localhost"] {
            XCTAssertTrue(ServerAccess.isLoopback(address), address)
        }
        for address in ["0.0.0.0", "::", "192.168.1.10", "127.0.0", "127.0.0.256", "localhost.example.com"] {
            XCTAssertFalse(ServerAccess.isLoopback(address), address)
        }
    }
}
