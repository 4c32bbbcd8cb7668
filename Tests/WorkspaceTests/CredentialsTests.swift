import Foundation
import TestSupport
import XCTest

@testable import Workspace

/// The access keys `host serve` accepts beyond loopback: `.host/credentials` in the aws CLI's
/// format and `HOST_ACCESS_KEY_ID` / `HOST_SECRET_ACCESS_KEY`, with every mistake located.
final class CredentialsTests: XCTestCase {
    private var workspace: TemporaryWorkspace!

    override func setUpWithError() throws {
        workspace = try TemporaryWorkspace()
    }

    private func write(_ text: String) throws -> Workspace {
        let opened = Workspace(root: workspace.root)
        try FileManager.default.createDirectory(at: opened.stateDirectory, withIntermediateDirectories: true)
        try text.write(to: opened.credentialsFile, atomically: true, encoding: .utf8)
        return opened
    }

    private func problems(_ text: String, environment: [String: String] = [:]) throws -> [String] {
        let opened = try write(text)
        do throws(CredentialsError) {
            _ = try opened.credentials(environment: environment)
            XCTFail("no error for:\n\(text)")
            return []
        } catch {
            return error.problems.map { $0.replacingOccurrences(of: opened.credentialsFile.path, with: "FILE") }
        }
    }

    func testEveryProfilesKeyPairIsAccepted() throws {
        let opened = try write("""
            # the aws CLI's format
            [default]
            aws_access_key_id = AKIDDEFAULT
            aws_secret_access_key = secret/default+key

            ; another profile
            [ci]
            aws_access_key_id=AKIDCI
            aws_secret_access_key=ci-secret
            """)
        let credentials = try opened.credentials(environment: [:])
        XCTAssertEqual(credentials.count, 2)
        XCTAssertEqual(credentials.secretAccessKey(for: "AKIDDEFAULT"), "secret/default+key")
        XCTAssertEqual(credentials.secretAccessKey(for: "AKIDCI"), "ci-secret")
        XCTAssertNil(credentials.secretAccessKey(for: "AKIDOTHER"))
    }

    func testTheEnvironmentsPairIsAddedToTheFiles() throws {
        let opened = try write("[default]\naws_access_key_id = AKIDFILE\naws_secret_access_key = file\n")
        let credentials = try opened.credentials(environment: ["HOST_ACCESS_KEY_ID": "AKIDENV", "HOST_SECRET_ACCESS_KEY": "env"])
        XCTAssertEqual(credentials.secretAccessKey(for: "AKIDFILE"), "file")
        XCTAssertEqual(credentials.secretAccessKey(for: "AKIDENV"), "env")
        // The clients' own variables are not the server's.
        XCTAssertNil(try opened.credentials(environment: ["AWS_ACCESS_KEY_ID": "AKIDAWS", "AWS_SECRET_ACCESS_KEY": "aws"])
            .secretAccessKey(for: "AKIDAWS"))
    }

    func testNoFileAndNoVariablesIsNoCredentials() throws {
        XCTAssertTrue(try Workspace(root: workspace.root).credentials(environment: ["HOST_ACCESS_KEY_ID": ""]).isEmpty)
    }

    func testHalfAPairInTheEnvironmentIsRefused() throws {
        XCTAssertThrowsError(try Workspace(root: workspace.root).credentials(environment: ["HOST_ACCESS_KEY_ID": "AKID"])) { error in
            XCTAssertEqual((error as? CredentialsError)?.problems,
                           ["HOST_ACCESS_KEY_ID is set but HOST_SECRET_ACCESS_KEY is not: set both, or neither"])
        }
    }

    func testEveryMistakeIsReportedAtItsPlace() throws {
        let found = try problems("""
            aws_access_key_id = BEFORE
            [default]
            aws_access_key_id = AKID1
            aws_access_key_id = AKID2
            region = us-east-1
            aws_session_token = token
            no equals sign here
              indented = value
            [half]
            aws_access_key_id = AKIDHALF
            [default]
            aws_secret_access_key =
            [broken
            """)
        XCTAssertEqual(found, [
            "FILE:1:1: error: 'aws_access_key_id' comes before any [profile] header",
            "FILE:4:1: error: 'aws_access_key_id' is already set in this profile at FILE:3:1",
            "FILE:5:1: error: 'region' is not read by host serve: a profile holds aws_access_key_id and aws_secret_access_key only",
            "FILE:6:1: error: host serve checks long-term access keys only; 'aws_session_token' (temporary credentials) is not accepted",
            "FILE:7:1: error: expected 'key = value', not 'no equals sign here'",
            "FILE:8:3: error: an indented line continues a nested setting, which a credentials file does not hold",
            "FILE:11:1: error: profile 'default' is already defined at line 2",
            "FILE:12:1: error: 'aws_secret_access_key' has no value",
            "FILE:13:1: error: a profile's header is '[name]', not '[broken'",
            "FILE:2:1: error: profile 'default' sets aws_access_key_id but no aws_secret_access_key",
            "FILE:9:1: error: profile 'half' sets aws_access_key_id but no aws_secret_access_key",
            "FILE:11:1: error: profile 'default' sets neither aws_access_key_id nor aws_secret_access_key",
        ])
    }

    func testOneAccessKeyWithTwoSecretsIsRefused() throws {
        let found = try problems("[a]\naws_access_key_id = AKID\naws_secret_access_key = one\n",
                                 environment: ["HOST_ACCESS_KEY_ID": "AKID", "HOST_SECRET_ACCESS_KEY": "two"])
        XCTAssertEqual(found, ["HOST_ACCESS_KEY_ID (environment): error: access key ID 'AKID' is also listed at FILE:2:1 with another secret access key"])
    }
}
