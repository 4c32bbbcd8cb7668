"""TestState on `host serve` (AWSStepFunctions.TestState), driven by the aws CLI and boto3, and
`host test-state`, which must print what `aws stepfunctions test-state` prints
(docs/testing.md, "TestState").

Expected answers come from AWS's documentation, not from host: "TestState" in the Step Functions
API reference (request and response elements, "InspectionErrorDetails"), the Developer Guide's
"Testing state machines with TestState API", and AWS's recorded answers that docs/testing.md
lists. Each test names its source.
"""
import json
import subprocess

import pytest
from botocore.exceptions import ClientError

from conftest import HOST

# Developer Guide, "Testing state machines with TestState API": the DEBUG example.
PASS_DATA_FLOW = json.dumps({"Type": "Pass", "InputPath": "$.payload", "Parameters": {"data": 1}, "ResultPath": "$.result",
                             "OutputPath": "$.result.data", "Next": "Another State"})
PASS_INPUT = '{"payload": {"foo": "bar"}}'

RETRIED = json.dumps({
    "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Parameters": {"FunctionName": "f"},
    "Retry": [{"ErrorEquals": ["States.TaskFailed"], "IntervalSeconds": 3, "BackoffRate": 2, "MaxAttempts": 2}],
    "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.error", "Next": "Recover"}],
    "End": True,
})
FAILURE = {"errorOutput": {"error": "States.TaskFailed", "cause": "boom"}}


def host_test_state(server, *args):
    p = subprocess.run([HOST, "test-state"] + list(args), cwd=server.workspace, capture_output=True, text=True, timeout=120)
    return p.returncode, p.stdout, p.stderr


def test_pass_data_flow_through_the_aws_cli(server):
    """Developer Guide's DEBUG example: each stage's value, output "1", nextState "Another State"."""
    _, out, _ = server.aws("stepfunctions", "test-state", "--definition", PASS_DATA_FLOW, "--input", PASS_INPUT,
                           "--inspection-level", "DEBUG")
    answer = json.loads(out)
    assert answer == {
        "output": "1",
        "inspectionData": {
            "input": PASS_INPUT,
            "afterInputPath": '{"foo":"bar"}',
            "afterParameters": '{"data":1}',
            "afterResultSelector": '{"data":1}',
            "afterResultPath": '{"payload":{"foo":"bar"},"result":{"data":1}}',
        },
        "nextState": "Another State",
        "status": "SUCCEEDED",
    }


def test_host_test_state_prints_what_the_aws_cli_prints(server):
    """`host test-state` takes the aws CLI's options and prints its answer byte for byte."""
    requests = [
        ["--definition", PASS_DATA_FLOW, "--input", PASS_INPUT, "--inspection-level", "DEBUG"],
        ["--definition", RETRIED, "--mock", json.dumps(FAILURE), "--state-configuration", '{"retrierRetryCount": 1}',
         "--inspection-level", "TRACE"],
        ["--definition", RETRIED, "--input", '{"a": 1}', "--mock", json.dumps(FAILURE), "--state-configuration",
         '{"retrierRetryCount": 2}', "--role-arn", "arn:aws:iam::123456789012:role/TestRole"],
    ]
    for request in requests:
        _, expected, _ = server.aws("stepfunctions", "test-state", *request)
        status, printed, err = host_test_state(server, *request)
        assert status == 0, err
        assert printed == expected


def test_retriable_and_caught_error_through_boto3(sfn):
    """API reference: a retrier that would retry gives RETRIABLE, with errorDetails' retryIndex and
    retryBackoffIntervalSeconds (IntervalSeconds x BackoffRate^retries: 3 x 2^1); once MaxAttempts
    are used, the catcher gives CAUGHT_ERROR with nextState its Next and its ResultPath's output."""
    retriable = sfn.test_state(definition=RETRIED, inspectionLevel="DEBUG", mock=FAILURE,
                               stateConfiguration={"retrierRetryCount": 1})
    assert retriable["status"] == "RETRIABLE"
    assert (retriable["error"], retriable["cause"]) == ("States.TaskFailed", "boom")
    assert "nextState" not in retriable and "output" not in retriable
    assert retriable["inspectionData"]["errorDetails"] == {"retryIndex": 0, "retryBackoffIntervalSeconds": 6}

    caught = sfn.test_state(definition=RETRIED, input='{"a": 1}', inspectionLevel="DEBUG", mock=FAILURE,
                            stateConfiguration={"retrierRetryCount": 2})
    assert caught["status"] == "CAUGHT_ERROR"
    assert caught["nextState"] == "Recover"
    assert json.loads(caught["output"]) == {"a": 1, "error": {"Error": "States.TaskFailed", "Cause": "boom"}}
    assert caught["inspectionData"]["errorDetails"] == {"catchIndex": 0}


def test_mocked_map_and_parallel_through_boto3(sfn):
    """Developer Guide: Map and Parallel states are tested with a mocked result (their iterations'
    or branches' outputs, an array); recorded on AWS: a Map without a mock is InvalidDefinition."""
    map_state = json.dumps({"Type": "Map", "ItemsPath": "$.items",
                            "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": True}}},
                            "ResultPath": "$.results", "Next": "After"})
    answer = sfn.test_state(definition=map_state, input='{"items": [1, 2]}', mock={"result": "[10, 20]"})
    assert answer["status"] == "SUCCEEDED"
    assert answer["nextState"] == "After"
    assert json.loads(answer["output"]) == {"items": [1, 2], "results": [10, 20]}

    with pytest.raises(ClientError) as refused:
        sfn.test_state(definition=map_state, input='{"items": [1, 2]}')
    assert refused.value.response["Error"]["Code"] == "InvalidDefinition"

    parallel = json.dumps({"Type": "Parallel", "End": True, "Branches": [
        {"StartAt": "A", "States": {"A": {"Type": "Pass", "End": True}}},
        {"StartAt": "B", "States": {"B": {"Type": "Pass", "End": True}}}]})
    answer = sfn.test_state(definition=parallel, mock={"result": '["a", "b"]'})
    assert (answer["status"], json.loads(answer["output"])) == ("SUCCEEDED", ["a", "b"])


def test_refusals_through_boto3(sfn):
    """Recorded on AWS: a mock on a Pass state, and a mock with both result and errorOutput, are
    ValidationException with these messages."""
    with pytest.raises(ClientError) as refused:
        sfn.test_state(definition='{"Type": "Pass", "End": true}', mock={"result": "{}"})
    assert refused.value.response["Error"]["Code"] == "ValidationException"
    assert refused.value.response["Error"]["Message"] == "State type 'Pass' is not supported when a mock is specified"
    with pytest.raises(ClientError) as refused:
        sfn.test_state(definition=RETRIED, mock={"result": "{}", "errorOutput": {"error": "E", "cause": "C"}})
    assert refused.value.response["Error"]["Message"] == "A test mock should have only one of the following fields: [result, errorOutput]."


def test_task_without_mock_calls_the_workspace_function(sfn):
    """A Task without a mock calls its resource (AWS: the real service; host: the workspace's Lua
    function). functions/Test.lua returns "success", or fails with TestError when asked to."""
    task = json.dumps({"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:Test", "Next": "Done"})
    answer = sfn.test_state(definition=task, input='{"fail": false}')
    assert (answer["status"], answer["output"], answer["nextState"]) == ("SUCCEEDED", '"success"', "Done")
    failed = sfn.test_state(definition=task, input='{"fail": true}')
    assert (failed["status"], failed["error"]) == ("FAILED", "TestError")
    assert "nextState" not in failed
