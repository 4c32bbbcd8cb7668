"""A Distributed Map's Map Run through `host serve`, driven by boto3 (docs/distributed-map.md):
ListMapRuns and DescribeMapRun with the counts worked out by hand, ListExecutions of a Map
Run's children (mapRunArn), and what DescribeExecution and DescribeStateMachineForExecution
add for a child (API reference: DescribeMapRun, ListMapRuns, ListExecutions,
DescribeExecution, DescribeStateMachineForExecution)."""
import json

import pytest
from botocore.exceptions import ClientError

from conftest import ACCOUNT, REGION, machine_arn, wait_for_end

ROLE = "arn:aws:iam::%s:role/test" % ACCOUNT

# Items that are "fail" fail their child; two failures are tolerated.
FAN = json.dumps({"StartAt": "Map", "States": {"Map": {
    "Type": "Map", "Label": "Items", "MaxConcurrency": 2, "ToleratedFailureCount": 2,
    "ItemProcessor": {
        "ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
        "StartAt": "Check", "States": {
            "Check": {"Type": "Choice", "Choices": [{"Variable": "$", "StringEquals": "fail", "Next": "Fail"}], "Default": "Done"},
            "Fail": {"Type": "Fail", "Error": "ItemFailed"},
            "Done": {"Type": "Pass", "End": True}}},
    "End": True}}})


def run_fan(sfn, name, items):
    sfn.create_state_machine(name="fan", definition=FAN, roleArn=ROLE)
    started = sfn.start_execution(stateMachineArn=machine_arn("fan"), name=name, input=json.dumps(items))
    assert wait_for_end(sfn, started["executionArn"])["status"] == "SUCCEEDED"
    return started["executionArn"]


def test_list_and_describe_a_map_run(sfn):
    parent = run_fan(sfn, "parent", ["a", "fail", "b", "fail", "c"])
    listed = sfn.list_map_runs(executionArn=parent)["mapRuns"]
    assert len(listed) == 1
    item = listed[0]
    assert item["executionArn"] == parent
    assert item["stateMachineArn"] == "arn:aws:states:%s:%s:stateMachine:fan/Items" % (REGION, ACCOUNT)
    assert item["mapRunArn"].startswith("arn:aws:states:%s:%s:mapRun:fan/Items:" % (REGION, ACCOUNT))
    assert "startDate" in item and "stopDate" in item

    described = sfn.describe_map_run(mapRunArn=item["mapRunArn"])
    assert described["status"] == "SUCCEEDED" and described["executionArn"] == parent
    assert described["maxConcurrency"] == 2
    assert described["toleratedFailureCount"] == 2 and described["toleratedFailurePercentage"] == 0
    # 5 items, one child each: 3 succeeded and 2 failed, none left pending or running.
    expected = {"pending": 0, "running": 0, "succeeded": 3, "failed": 2, "timedOut": 0, "aborted": 0, "total": 5,
                "resultsWritten": 0, "failuresNotRedrivable": 0, "pendingRedrive": 0}
    assert described["itemCounts"] == expected
    assert described["executionCounts"] == expected
    assert described["startDate"] <= described["stopDate"]

    # The parent's history names the same Map Run.
    events = sfn.get_execution_history(executionArn=parent)["events"]
    started = [e for e in events if e["type"] == "MapRunStarted"]
    assert started[0]["mapRunStartedEventDetails"]["mapRunArn"] == item["mapRunArn"]


def test_list_executions_of_a_map_run(sfn):
    parent = run_fan(sfn, "parent", ["a", "fail", "b"])
    map_run = sfn.list_map_runs(executionArn=parent)["mapRuns"][0]["mapRunArn"]
    children = sfn.list_executions(mapRunArn=map_run)["executions"]
    assert len(children) == 3
    assert sorted(c["status"] for c in children) == ["FAILED", "SUCCEEDED", "SUCCEEDED"]
    for child in children:
        assert child["executionArn"].startswith("arn:aws:states:%s:%s:execution:fan/Items:" % (REGION, ACCOUNT))
        assert child["mapRunArn"] == map_run and child["itemCount"] == 1
    failed = sfn.list_executions(mapRunArn=map_run, statusFilter="FAILED")["executions"]
    assert len(failed) == 1
    pages = list(sfn.get_paginator("list_executions").paginate(mapRunArn=map_run, PaginationConfig={"PageSize": 2}))
    assert [len(p["executions"]) for p in pages] == [2, 1]
    child = failed[0]["executionArn"]
    assert sfn.describe_execution(executionArn=child)["mapRunArn"] == map_run
    assert "mapRunArn" not in sfn.describe_execution(executionArn=parent)
    ran = sfn.describe_state_machine_for_execution(executionArn=child)
    assert ran["mapRunArn"] == map_run and ran["label"] == "Items"
    assert "mapRunArn" not in sfn.describe_state_machine_for_execution(executionArn=parent)


def test_map_run_errors(sfn):
    parent = run_fan(sfn, "parent", ["a"])
    map_run = sfn.list_map_runs(executionArn=parent)["mapRuns"][0]["mapRunArn"]
    with pytest.raises(sfn.exceptions.ResourceNotFound):
        sfn.describe_map_run(mapRunArn="arn:aws:states:%s:%s:mapRun:fan/Items:none" % (REGION, ACCOUNT))
    with pytest.raises(sfn.exceptions.InvalidArn):
        sfn.describe_map_run(mapRunArn="not-an-arn")
    with pytest.raises(sfn.exceptions.InvalidArn):
        sfn.describe_map_run(mapRunArn=parent)
    with pytest.raises(sfn.exceptions.ExecutionDoesNotExist):
        sfn.list_map_runs(executionArn="arn:aws:states:%s:%s:execution:fan:none" % (REGION, ACCOUNT))
    with pytest.raises(sfn.exceptions.InvalidArn):
        sfn.list_map_runs(executionArn="not-an-arn")
    with pytest.raises(ClientError) as info:
        sfn.list_map_runs(executionArn=parent, nextToken="not a token")
    assert info.value.response["Error"]["Code"] == "InvalidToken"
    # "You can specify either a mapRunArn or a stateMachineArn, but not both."
    with pytest.raises(ClientError) as info:
        sfn.list_executions(stateMachineArn=machine_arn("fan"), mapRunArn=map_run)
    assert info.value.response["Error"]["Code"] == "ValidationException"
    # An execution that ran no Distributed Map has no Map Runs.
    sfn.create_state_machine(name="pass", definition=json.dumps({"StartAt": "P", "States": {"P": {"Type": "Pass", "End": True}}}),
                             roleArn=ROLE)
    plain = sfn.start_execution(stateMachineArn=machine_arn("pass"), name="plain")["executionArn"]
    wait_for_end(sfn, plain)
    assert sfn.list_map_runs(executionArn=plain)["mapRuns"] == []


def test_map_runs_page_in_the_order_they_started(sfn):
    def fan(label, then):
        state = {"Type": "Map", "Label": label, "ItemProcessor": {
            "ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS"},
            "StartAt": "P" + label, "States": {"P" + label: {"Type": "Pass", "End": True}}}}
        state.update({"Next": then} if then else {"End": True})
        return state
    twice = json.dumps({"StartAt": "One", "States": {"One": fan("One", "Two"), "Two": fan("Two", None)}})
    sfn.create_state_machine(name="twice", definition=twice, roleArn=ROLE)
    parent = sfn.start_execution(stateMachineArn=machine_arn("twice"), name="p", input='[1, 2]')["executionArn"]
    assert wait_for_end(sfn, parent)["status"] == "SUCCEEDED"
    first = sfn.list_map_runs(executionArn=parent, maxResults=1)
    assert len(first["mapRuns"]) == 1 and "nextToken" in first
    pages = list(sfn.get_paginator("list_map_runs").paginate(executionArn=parent, PaginationConfig={"PageSize": 1}))
    arns = [m["mapRunArn"] for page in pages for m in page["mapRuns"]]
    assert [arn.split(":")[6] for arn in arns] == ["twice/One", "twice/Two"]
    # EXPRESS children are not stored, but their Map Run counts them.
    counts = sfn.describe_map_run(mapRunArn=arns[1])["executionCounts"]
    assert (counts["succeeded"], counts["total"]) == (2, 2)
    assert sfn.list_executions(mapRunArn=arns[1])["executions"] == []
