import Foundation
import JSONValue
import TestSupport
import Workspace
import XCTest

/// A temporary workspace and TestState requests sent to it, each answer as the JSON object the
/// API returns (docs/testing.md, "TestState").
class TestStateTestCase: XCTestCase {
    var folder: TemporaryWorkspace!
    var workspace: Workspace!

    override func setUpWithError() throws {
        folder = try TemporaryWorkspace()
        workspace = Workspace(root: folder.root)
    }

    func test(_ definition: String, input: String? = nil, level: String? = nil, mock: String? = nil, configuration: String? = nil,
              stateName: String? = nil, variables: String? = nil, context: String? = nil, roleArn: String? = nil) async throws -> JSONObject {
        var request = TestStateRequest(definition: definition, input: input, stateName: stateName, inspectionLevel: level,
                                       variables: variables, context: context, mock: try mock.map { try JSONValue.parse($0) },
                                       stateConfiguration: try configuration.map { try JSONValue.parse($0) })
        request.roleArn = roleArn
        let answer = try await workspace.stepFunctions.testState(request).json
        return try XCTUnwrap(answer.objectValue)
    }

    /// The error TestState refuses the request with; a request it answers fails the test.
    func refusal(_ definition: String, mock: String? = nil, configuration: String? = nil) async throws -> ServiceError {
        do {
            _ = try await test(definition, mock: mock, configuration: configuration)
        } catch let error as ServiceError {
            return error
        }
        XCTFail("accepted: \(definition)")
        throw CancellationError()
    }
}
