"""Lambda and CloudWatch Logs through `host serve`, with boto3 and with the aws CLI, including
seed 001's commands verbatim."""
import base64
import json
import os
import time

import pytest
from botocore.exceptions import ClientError

from conftest import machine_arn, wait_for_end


def test_invoke_answers_as_lambda_does(server):
    lam = server.client("lambda")
    ok = lam.invoke(FunctionName="MockAPIFunction", Payload=b'{"statuscode":"200"}')
    assert ok["StatusCode"] == 200 and "FunctionError" not in ok and json.loads(ok["Payload"].read()) == "200 OK"
    failed = lam.invoke(FunctionName="MockAPIFunction", Payload=b'{"statuscode":"429"}', LogType="Tail")
    assert failed["FunctionError"] == "Unhandled"
    payload = json.loads(failed["Payload"].read())
    assert payload["errorType"] == "TooManyRequestsException" and payload["errorMessage"] == "429 Too Many Requests"
    log = base64.b64decode(failed["LogResult"]).decode()
    assert log.startswith("START RequestId: ") and "\nREPORT RequestId: " in log
    assert lam.invoke(FunctionName="MockAPIFunction", InvocationType="Event", Payload=b"{}")["StatusCode"] == 202
    assert lam.invoke(FunctionName="MockAPIFunction", InvocationType="DryRun")["StatusCode"] == 204
    with pytest.raises(lam.exceptions.ResourceNotFoundException):
        lam.invoke(FunctionName="NoSuchFunction")
    with pytest.raises(lam.exceptions.InvalidRequestContentException):
        lam.invoke(FunctionName="MockAPIFunction", Payload=b"{not json")


def test_list_and_get_functions(server):
    lam = server.client("lambda")
    names = [f["FunctionName"] for page in lam.get_paginator("list_functions").paginate(PaginationConfig={"PageSize": 2})
             for f in page["Functions"]]
    assert names == sorted(name[:-4] for name in os.listdir(os.path.join(server.workspace, "functions")) if name.endswith(".lua"))
    function = lam.get_function(FunctionName="MockAPIFunction")["Configuration"]
    assert function["FunctionArn"] == "arn:aws:lambda:us-east-1:123456789012:function:MockAPIFunction"
    assert function["Timeout"] == 3 and function["MemorySize"] == 128 and function["Handler"] == "handler"


def test_seed_001_commands_verbatim(server):
    """Seed 001's commands, as the aws CLI prints them."""
    sfn = server.client("stepfunctions")
    _, out, _ = server.aws("stepfunctions", "list-state-machines")
    assert machine_arn("TestErrorHandling") in [m["stateMachineArn"] for m in json.loads(out)["stateMachines"]]
    _, out, _ = server.aws("stepfunctions", "start-execution", "--state-machine-arn", machine_arn("TestErrorHandling"),
                           "--input", "file://examples/fail.json")
    arn = json.loads(out)["executionArn"]
    wait_for_end(sfn, arn)
    _, out, _ = server.aws("stepfunctions", "get-execution-history", "--execution-arn", arn)
    types = [e["type"] for e in json.loads(out)["events"]]
    assert types[0] == "ExecutionStarted" and "LambdaFunctionFailed" in types and types[-1] == "ExecutionSucceeded"
    _, out, _ = server.aws("logs", "filter-log-events", "--log-group-name", "/aws/lambda/Error", "--filter-pattern", "called")
    assert "called error_handler" in [e["message"] for e in json.loads(out)["events"]]
    _, out, _ = server.aws("lambda", "invoke", "--function-name", "MockAPIFunction", "--payload", '{"statuscode":"429"}', "out.json")
    assert json.loads(out)["FunctionError"] == "Unhandled"
    assert json.loads(open(os.path.join(server.workspace, "out.json")).read())["errorType"] == "TooManyRequestsException"


def test_logs_groups_streams_and_events(server):
    logs = server.client("logs")
    logs.create_log_group(logGroupName="/app")
    with pytest.raises(logs.exceptions.ResourceAlreadyExistsException):
        logs.create_log_group(logGroupName="/app")
    logs.create_log_stream(logGroupName="/app", logStreamName="s1")
    with pytest.raises(logs.exceptions.ResourceNotFoundException):
        logs.create_log_stream(logGroupName="/none", logStreamName="s1")
    now = int(time.time() * 1000)
    logs.put_log_events(logGroupName="/app", logStreamName="s1",
                        logEvents=[{"timestamp": now + i, "message": "line %d %s" % (i, "ERROR" if i % 2 else "INFO")} for i in range(5)])
    assert [g["logGroupName"] for g in logs.describe_log_groups(logGroupNamePrefix="/app")["logGroups"]] == ["/app"]
    assert [s["logStreamName"] for s in logs.describe_log_streams(logGroupName="/app")["logStreams"]] == ["s1"]
    head = logs.get_log_events(logGroupName="/app", logStreamName="s1", startFromHead=True, limit=2)
    assert [e["message"] for e in head["events"]] == ["line 0 INFO", "line 1 ERROR"]
    following = logs.get_log_events(logGroupName="/app", logStreamName="s1", nextToken=head["nextForwardToken"], limit=10)
    assert [e["message"] for e in following["events"]] == ["line 2 INFO", "line 3 ERROR", "line 4 INFO"]
    at_end = logs.get_log_events(logGroupName="/app", logStreamName="s1", nextToken=following["nextForwardToken"])
    assert at_end["events"] == [] and at_end["nextForwardToken"] == following["nextForwardToken"]
    tail = logs.get_log_events(logGroupName="/app", logStreamName="s1", limit=2)
    assert [e["message"] for e in tail["events"]] == ["line 3 ERROR", "line 4 INFO"]
    errors = logs.filter_log_events(logGroupName="/app", filterPattern="ERROR")["events"]
    assert [e["message"] for e in errors] == ["line 1 ERROR", "line 3 ERROR"]
    pages = list(logs.get_paginator("filter_log_events").paginate(logGroupName="/app", PaginationConfig={"PageSize": 2}))
    assert [len(p["events"]) for p in pages] == [2, 2, 1]
    with pytest.raises(logs.exceptions.InvalidParameterException):
        logs.filter_log_events(logGroupName="/app", filterPattern='{ $.x = ')
    logs.put_retention_policy(logGroupName="/app", retentionInDays=7)
    assert logs.describe_log_groups(logGroupNamePrefix="/app")["logGroups"][0]["retentionInDays"] == 7
    with pytest.raises(logs.exceptions.InvalidParameterException):
        logs.put_retention_policy(logGroupName="/app", retentionInDays=8)
    logs.delete_retention_policy(logGroupName="/app")
    logs.delete_log_group(logGroupName="/app")
    with pytest.raises(logs.exceptions.ResourceNotFoundException):
        logs.describe_log_streams(logGroupName="/app")
