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


def test_a_killed_mocked_execution_is_never_resumed_with_the_real_functions():
    """A mocked execution's mocks' invocation counts are not stored, so once its process dies it
    is not continued (docs/testing.md, "Not resumed"): resuming it is refused, naming the test
    case, and it is left as it was rather than run on with the real functions."""
    import signal
    import subprocess
    import time
    from conftest import HOST
    folder = workspace_with_example("workflow-tests")
    try:
        # RetryPath's first attempts throw, and their retries wait real seconds in between.
        run = subprocess.Popen([HOST, "run", "LambdaSQSIntegration", "--test-case", "RetryPath", "--name", "mocked-run",
                                "--output", "json"], cwd=folder, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        shown = ""
        deadline = time.time() + 30
        while "TaskFailed" not in shown and time.time() < deadline:
            shown = subprocess.run([HOST, "executions", "history", "mocked-run", "--output", "text"], cwd=folder,
                                   capture_output=True, text=True).stdout
            time.sleep(0.02)
        run.send_signal(signal.SIGKILL)
        run.wait()
        assert "TaskFailed" in shown
        shown = subprocess.run([HOST, "executions", "history", "mocked-run", "--output", "text"], cwd=folder,
                               capture_output=True, text=True, check=True).stdout
        resumed = subprocess.run([HOST, "executions", "resume", "mocked-run"], cwd=folder, capture_output=True, text=True)
        assert resumed.returncode != 0
        assert "test case RetryPath" in resumed.stderr, resumed.stderr
        after = subprocess.run([HOST, "executions", "history", "mocked-run", "--output", "text"], cwd=folder,
                               capture_output=True, text=True, check=True).stdout
        assert after == shown
    finally:
        shutil.rmtree(folder, ignore_errors=True)
