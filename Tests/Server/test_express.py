"""EXPRESS state machines through `host serve`: StartSyncExecution, and what the API refuses for
them, as AWS answered in recorded executions (docs/history.md, "Express executions")."""
import json
import re

import pytest

from conftest import ACCOUNT, REGION, machine_arn

ROLE = "arn:aws:iam::123456789012:role/test"
PASS = {"StartAt": "State_1", "States": {"State_1": {"Type": "Pass", "Result": {"Arg1": "argument1"}, "End": True}}}
FAIL = {"StartAt": "Boom", "States": {"Boom": {"Type": "Fail", "Error": "Custom.Error", "Cause": "it broke"}}}
CALLBACK = {"StartAt": "Publish", "States": {"Publish": {
    "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke.waitForTaskToken",
    "Parameters": {"FunctionName": "Test", "Payload": {"token.$": "$$.Task.Token"}}, "End": True}}}


def express(sfn, name, definition):
    return sfn.create_state_machine(name=name, definition=json.dumps(definition), roleArn=ROLE, type="EXPRESS")["stateMachineArn"]


def test_start_sync_execution_answers_the_execution(sfn):
    arn = express(sfn, "sync-pass", PASS)
    answer = sfn.start_sync_execution(stateMachineArn=arn, input="{}")
    assert answer["status"] == "SUCCEEDED"
    assert json.loads(answer["output"]) == {"Arg1": "argument1"}
    assert answer["outputDetails"] == {"included": True} and answer["inputDetails"] == {"included": True}
    assert json.loads(answer["input"]) == {}
    assert re.fullmatch(r"arn:aws:states:%s:%s:express:sync-pass:%s:[0-9a-f-]{36}" % (REGION, ACCOUNT, re.escape(answer["name"])),
                        answer["executionArn"]), answer["executionArn"]
    assert answer["stateMachineArn"] == arn
    billing = answer["billingDetails"]
    assert billing["billedMemoryUsedInMB"] == 64
    assert billing["billedDurationInMilliseconds"] >= 100 and billing["billedDurationInMilliseconds"] % 100 == 0
    assert answer["stopDate"] >= answer["startDate"]
    named = sfn.start_sync_execution(stateMachineArn=arn, name="twice", input='{"a": 1}')
    again = sfn.start_sync_execution(stateMachineArn=arn, name="twice", input='{"a": 1}')
    # Express names need not be unique: each run is its own execution.
    assert named["name"] == again["name"] == "twice" and named["executionArn"] != again["executionArn"]


def test_a_failed_sync_execution_is_still_http_200(sfn):
    arn = express(sfn, "sync-fail", FAIL)
    answer = sfn.start_sync_execution(stateMachineArn=arn)
    assert answer["ResponseMetadata"]["HTTPStatusCode"] == 200
    assert answer["status"] == "FAILED" and answer["error"] == "Custom.Error" and answer["cause"] == "it broke"
    assert "output" not in answer


def test_what_express_machines_cannot_do(sfn):
    arn = express(sfn, "async-pass", PASS)
    started = sfn.start_execution(stateMachineArn=arn, input="{}")
    assert ":express:async-pass:" in started["executionArn"]
    for call in (lambda: sfn.describe_execution(executionArn=started["executionArn"]),
                 lambda: sfn.stop_execution(executionArn=started["executionArn"]),
                 lambda: sfn.get_execution_history(executionArn=started["executionArn"])):
        with pytest.raises(sfn.exceptions.InvalidArn) as refused:
            call()
        assert refused.value.response["Error"]["Message"] == "Invalid Arn: 'Resource type not valid in this context: express'"
    with pytest.raises(sfn.exceptions.StateMachineTypeNotSupported) as refused:
        sfn.list_executions(stateMachineArn=arn)
    assert refused.value.response["Error"]["Message"] == "This operation is not supported by this type of state machine"
    assert refused.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400


def test_sync_execution_of_a_standard_machine_is_refused(sfn):
    with pytest.raises(sfn.exceptions.StateMachineTypeNotSupported):
        sfn.start_sync_execution(stateMachineArn=machine_arn("TestErrorHandling"))


def test_an_express_machine_cannot_wait_for_a_task_token(sfn):
    with pytest.raises(sfn.exceptions.InvalidDefinition) as refused:
        express(sfn, "callback", CALLBACK)
    assert refused.value.response["Error"]["Message"] == (
        "Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: Express state machine does not support "
        "'.waitForTaskToken' service integration  at /States/Publish/Resource'")
    # The same definition is a valid STANDARD machine.
    sfn.create_state_machine(name="callback", definition=json.dumps(CALLBACK), roleArn=ROLE)


def test_the_aws_cli_starts_a_sync_execution(server, sfn):
    """The CLI prefixes this operation's host with `sync-`; AWS_DISABLE_HOST_PREFIX_INJECTION
    (set by Server.aws, as the README says) keeps it on the endpoint given."""
    arn = express(sfn, "cli-sync", PASS)
    _, out, _ = server.aws("stepfunctions", "start-sync-execution", "--state-machine-arn", arn, "--input", "{}")
    answer = json.loads(out)
    assert answer["status"] == "SUCCEEDED" and json.loads(answer["output"]) == {"Arg1": "argument1"}
