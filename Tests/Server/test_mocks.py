"""StartExecution with `stateMachineArn#TestCase`, as Step Functions Local's mocked service
integrations take it (docs/testing.md): AWS's LambdaSQSIntegration mock file unchanged, the
machine with SQSState as a Lambda Task (Tests/Fixtures/LambdaSQSIntegration)."""
import json
import os
import shutil

import pytest
from botocore.exceptions import ClientError

from conftest import ROOT, Server, history, machine_arn, make_workspace, wait_for_end

FIXTURES = os.path.join(ROOT, "Tests", "Fixtures", "LambdaSQSIntegration")
SQS_SUCCESS = {"MD5OfMessageBody": "3bcb6e8e-7h85-4375-b0bc-1a59812c6e51", "MessageId": "3bcb6e8e-8b51-4375-b0bc-1a59812c6e51"}


def workspace_with_example(mock_folder):
    folder = make_workspace()
    shutil.copy(os.path.join(FIXTURES, "LambdaSQSIntegration.json"), os.path.join(folder, "machines"))
    shutil.copy(os.path.join(FIXTURES, "SendMessage.lua"), os.path.join(folder, "functions"))
    os.makedirs(os.path.join(folder, mock_folder), exist_ok=True)
    shutil.copy(os.path.join(FIXTURES, "MockConfigFile.json"), os.path.join(folder, mock_folder))
    return folder


@pytest.fixture
def mocked():
    folder = workspace_with_example("workflow-tests")
    running = Server(folder).start()
    yield running
    running.stop()
    shutil.rmtree(folder, ignore_errors=True)


def test_happy_path_runs_the_mocked_responses(mocked):
    sfn = mocked.client("stepfunctions")
    started = sfn.start_execution(stateMachineArn=machine_arn("LambdaSQSIntegration") + "#HappyPath", name="happy")
    # The execution's ARN is the machine's usual one, without the test case.
    assert started["executionArn"] == machine_arn("LambdaSQSIntegration").replace(":stateMachine:", ":execution:") + ":happy"
    described = wait_for_end(sfn, started["executionArn"])
    assert described["status"] == "SUCCEEDED"
    assert json.loads(described["output"]) == SQS_SUCCESS
    types = [event["type"] for event in history(sfn, started["executionArn"])]
    assert types.count("TaskSucceeded") == 2 and "TaskFailed" not in types


def test_retry_path_fails_per_invocation_then_succeeds(mocked):
    sfn = mocked.client("stepfunctions")
    started = sfn.start_execution(stateMachineArn=machine_arn("LambdaSQSIntegration") + "#RetryPath")
    described = wait_for_end(sfn, started["executionArn"], timeout=60)
    assert described["status"] == "SUCCEEDED"
    failures = [event["taskFailedEventDetails"]["error"] for event in history(sfn, started["executionArn"])
                if event["type"] == "TaskFailed"]
    assert failures == ["Lambda.ResourceNotReadyException", "Lambda.TimeoutException", "Lambda.TimeoutException"]


def test_unknown_test_case_is_a_validation_error(mocked):
    sfn = mocked.client("stepfunctions")
    with pytest.raises(ClientError) as info:
        sfn.start_execution(stateMachineArn=machine_arn("LambdaSQSIntegration") + "#SadPath")
    assert info.value.response["Error"]["Code"] == "ValidationException"
    assert "has no test case 'SadPath'" in info.value.response["Error"]["Message"]
    assert sfn.list_executions(stateMachineArn=machine_arn("LambdaSQSIntegration"))["executions"] == []


def test_sfn_mock_config_names_the_file():
    folder = workspace_with_example("elsewhere")
    running = Server(folder, env=dict(os.environ, SFN_MOCK_CONFIG="elsewhere/MockConfigFile.json")).start()
    try:
        sfn = running.client("stepfunctions")
        started = sfn.start_execution(stateMachineArn=machine_arn("LambdaSQSIntegration") + "#HybridPath")
        described = wait_for_end(sfn, started["executionArn"])
        assert described["status"] == "SUCCEEDED"
        # HybridPath mocks LambdaState only: SQSState calls SendMessage.lua for real.
        assert json.loads(described["output"])["Payload"]["MessageId"] == "sent-by-lua"
    finally:
        running.stop()
        shutil.rmtree(folder, ignore_errors=True)
