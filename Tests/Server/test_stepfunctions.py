"""Step Functions through `host serve`, driven by boto3 as a test suite drives AWS: every
operation, paging, the error shapes the SDK turns into its exceptions, and seed 003's machine,
whose histories must equal what `host run --history` records."""
import json
import re
import subprocess

import pytest
from botocore.exceptions import ClientError

from conftest import HOST, ACCOUNT, REGION, history, machine_arn, wait_for_end

PASS = json.dumps({"StartAt": "P", "States": {"P": {"Type": "Pass", "End": True}}})
ROLE = "arn:aws:iam::%s:role/test" % ACCOUNT


def error_code(info):
    return info.value.response["Error"]["Code"]


def test_the_workspace_machines_are_listed_by_file_name(sfn):
    names = [m["name"] for m in sfn.list_state_machines()["stateMachines"]]
    assert "MyAPIStateMachine" in names and "TestErrorHandling" in names
    described = sfn.describe_state_machine(stateMachineArn=machine_arn("MyAPIStateMachine"))
    assert described["status"] == "ACTIVE" and described["type"] == "STANDARD"
    assert json.loads(described["definition"])["StartAt"] == "Call API"


def test_create_describe_update_delete(sfn):
    created = sfn.create_state_machine(name="made", definition=PASS, roleArn=ROLE)
    assert created["stateMachineArn"] == machine_arn("made")
    # Idempotent for the same request; another definition under the name is refused.
    assert sfn.create_state_machine(name="made", definition=PASS, roleArn=ROLE)["stateMachineArn"] == created["stateMachineArn"]
    other = json.dumps({"StartAt": "Q", "States": {"Q": {"Type": "Succeed"}}})
    with pytest.raises(ClientError) as info:
        sfn.create_state_machine(name="made", definition=other, roleArn=ROLE)
    assert error_code(info) == "StateMachineAlreadyExists"
    assert sfn.describe_state_machine(stateMachineArn=created["stateMachineArn"])["roleArn"] == ROLE
    sfn.update_state_machine(stateMachineArn=created["stateMachineArn"], definition=other)
    assert json.loads(sfn.describe_state_machine(stateMachineArn=created["stateMachineArn"])["definition"])["StartAt"] == "Q"
    sfn.delete_state_machine(stateMachineArn=created["stateMachineArn"])
    with pytest.raises(sfn.exceptions.StateMachineDoesNotExist):
        sfn.describe_state_machine(stateMachineArn=created["stateMachineArn"])


def test_an_invalid_definition_answers_its_diagnostics(sfn):
    bad = '{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "Nowhere"}}}'
    with pytest.raises(sfn.exceptions.InvalidDefinition) as info:
        sfn.create_state_machine(name="bad", definition=bad, roleArn=ROLE)
    assert "1:59: error: Missing 'Next' target: Nowhere. (at $.States.A.Next)" in info.value.response["Error"]["Message"]
    validated = sfn.validate_state_machine_definition(definition=bad)
    assert validated["result"] == "FAIL"
    assert {d["severity"] for d in validated["diagnostics"]} == {"ERROR"}
    assert [d["location"] for d in validated["diagnostics"]] == ["/States", "/States/A/Next"]
    assert sfn.validate_state_machine_definition(definition=PASS)["result"] == "OK"


def test_start_describe_list_and_history(sfn):
    sfn.create_state_machine(name="pass", definition=PASS, roleArn=ROLE)
    started = sfn.start_execution(stateMachineArn=machine_arn("pass"), name="one", input='{"a": 1}')
    assert started["executionArn"] == "arn:aws:states:%s:%s:execution:pass:one" % (REGION, ACCOUNT)
    described = wait_for_end(sfn, started["executionArn"])
    assert described["status"] == "SUCCEEDED" and json.loads(described["output"]) == {"a": 1}
    # StartExecution is idempotent for a running execution only: this one has ended.
    with pytest.raises(sfn.exceptions.ExecutionAlreadyExists):
        sfn.start_execution(stateMachineArn=machine_arn("pass"), name="one", input='{"a": 1}')
    types = [e["type"] for e in history(sfn, started["executionArn"])]
    assert types == ["ExecutionStarted", "PassStateEntered", "PassStateExited", "ExecutionSucceeded"]
    reverse = sfn.get_execution_history(executionArn=started["executionArn"], reverseOrder=True)["events"]
    assert [e["id"] for e in reverse] == [4, 3, 2, 1]
    lean = sfn.get_execution_history(executionArn=started["executionArn"], includeExecutionData=False)["events"]
    assert "input" not in lean[0]["executionStartedEventDetails"]
    listed = sfn.list_executions(stateMachineArn=machine_arn("pass"))["executions"]
    assert [e["name"] for e in listed] == ["one"]
    assert sfn.list_executions(stateMachineArn=machine_arn("pass"), statusFilter="FAILED")["executions"] == []
    ran = sfn.describe_state_machine_for_execution(executionArn=started["executionArn"])
    assert ran["definition"] == PASS


def test_paging_of_every_list(sfn):
    for index in range(5):
        sfn.create_state_machine(name="m%d" % index, definition=PASS, roleArn=ROLE)
    first = sfn.list_state_machines(maxResults=2)
    assert len(first["stateMachines"]) == 2 and "nextToken" in first
    names = [m["name"] for page in sfn.get_paginator("list_state_machines").paginate(PaginationConfig={"PageSize": 2})
             for m in page["stateMachines"]]
    assert len(names) == len(set(names)) and {"m0", "m4"} <= set(names)
    for index in range(3):
        wait_for_end(sfn, sfn.start_execution(stateMachineArn=machine_arn("m0"), name="e%d" % index)["executionArn"])
    pages = list(sfn.get_paginator("list_executions").paginate(stateMachineArn=machine_arn("m0"), PaginationConfig={"PageSize": 2}))
    assert [len(p["executions"]) for p in pages] == [2, 1]
    arn = "arn:aws:states:%s:%s:execution:m0:e0" % (REGION, ACCOUNT)
    pages = list(sfn.get_paginator("get_execution_history").paginate(executionArn=arn, PaginationConfig={"PageSize": 3}))
    assert [len(p["events"]) for p in pages] == [3, 1]
    with pytest.raises(ClientError) as info:
        sfn.list_state_machines(nextToken="not a token")
    assert error_code(info) == "InvalidToken"


def test_error_shapes(sfn, server):
    with pytest.raises(sfn.exceptions.ExecutionDoesNotExist):
        sfn.describe_execution(executionArn="arn:aws:states:us-east-1:123456789012:execution:none:none")
    with pytest.raises(sfn.exceptions.InvalidArn):
        sfn.describe_execution(executionArn="not-an-arn")
    with pytest.raises(sfn.exceptions.StateMachineDoesNotExist):
        sfn.start_execution(stateMachineArn=machine_arn("none"))
    with pytest.raises(sfn.exceptions.InvalidName):
        sfn.start_execution(stateMachineArn=machine_arn("MyAPIStateMachine"), name="bad name")
    with pytest.raises(sfn.exceptions.InvalidExecutionInput):
        sfn.start_execution(stateMachineArn=machine_arn("MyAPIStateMachine"), input="{not json")
    with pytest.raises(ClientError) as info:
        sfn.list_executions(stateMachineArn=machine_arn("MyAPIStateMachine"), maxResults=5000)
    assert error_code(info) == "ValidationException"
    # The aws CLI raises the same exceptions, by name.
    status, _, stderr = server.aws("stepfunctions", "describe-execution", "--execution-arn",
                                   "arn:aws:states:us-east-1:123456789012:execution:x:y", check=False)
    assert status != 0 and "(ExecutionDoesNotExist)" in stderr


def test_stop_execution(sfn):
    wait = json.dumps({"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 600, "End": True}}})
    sfn.create_state_machine(name="waits", definition=wait, roleArn=ROLE)
    arn = sfn.start_execution(stateMachineArn=machine_arn("waits"), name="w")["executionArn"]
    stopped = sfn.stop_execution(executionArn=arn, error="Halted", cause="by the test")
    assert "stopDate" in stopped
    described = sfn.describe_execution(executionArn=arn)
    assert described["status"] == "ABORTED" and described["error"] == "Halted" and described["cause"] == "by the test"
    assert history(sfn, arn)[-1]["executionAbortedEventDetails"] == {"error": "Halted", "cause": "by the test"}


def test_tags(sfn):
    arn = sfn.create_state_machine(name="tagged", definition=PASS, roleArn=ROLE, tags=[{"key": "team", "value": "a"}])["stateMachineArn"]
    sfn.tag_resource(resourceArn=arn, tags=[{"key": "stage", "value": "dev"}])
    assert sfn.list_tags_for_resource(resourceArn=arn)["tags"] == [{"key": "stage", "value": "dev"}, {"key": "team", "value": "a"}]
    sfn.untag_resource(resourceArn=arn, tagKeys=["team"])
    assert sfn.list_tags_for_resource(resourceArn=arn)["tags"] == [{"key": "stage", "value": "dev"}]


UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def comparable(events):
    """ids, types and details, timestamps aside; request ids in causes differ between runs."""
    out = []
    for event in events:
        event = {k: v for k, v in event.items() if k != "timestamp"}
        out.append(json.loads(UUID.sub("<uuid>", json.dumps(event, sort_keys=True, default=str))))
    return out


@pytest.mark.parametrize("code", ["200", "429", "503", "500"])
def test_seed_003_histories_equal_host_run(sfn, server, code):
    body = '{"statuscode":"%s"}' % code
    arn = sfn.start_execution(stateMachineArn=machine_arn("MyAPIStateMachine"), name="served-" + code, input=body)["executionArn"]
    wait_for_end(sfn, arn)
    served = history(sfn, arn)
    run = subprocess.run([HOST, "run", "machines/MyAPIStateMachine.json", "--input", body, "--name", "ran-" + code,
                          "--virtual-clock", "--output", "json", "--history"], cwd=server.workspace, capture_output=True, text=True)
    recorded = json.loads(run.stdout)["history"]["events"]
    for events in (served, recorded):
        for event in events:
            details = event.get("executionStartedEventDetails")
            if details:
                details.pop("input", None)
    assert comparable(served) == comparable(recorded)
