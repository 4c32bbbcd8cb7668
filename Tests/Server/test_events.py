"""EventBridge through `host serve` (docs/eventbridge.md), with boto3 and the aws CLI: every
operation, paging, AWS's error shapes, and rules put through the API routing custom events and
executions' status changes to the workspace's functions."""
import json
import os
import time

import pytest
from botocore.exceptions import ClientError

from conftest import ACCOUNT, REGION, machine_arn, wait_for_end

PATTERN = json.dumps({"source": ["shop"]})


def function_arn(name):
    return "arn:aws:lambda:%s:%s:function:%s" % (REGION, ACCOUNT, name)


def rule_arn(name):
    return "arn:aws:events:%s:%s:rule/%s" % (REGION, ACCOUNT, name)


def add_function(server, name, source):
    with open(os.path.join(server.workspace, "functions", name + ".lua"), "w") as f:
        f.write(source)


def error_of(call, **kwargs):
    """The AWS error a call answers: (HTTP status, code, message)."""
    with pytest.raises(ClientError) as raised:
        call(**kwargs)
    response = raised.value.response
    return response["ResponseMetadata"]["HTTPStatusCode"], response["Error"]["Code"], response["Error"]["Message"]


def wait_for_log(logs, group, predicate, timeout=30):
    """The messages of a log group once one satisfies `predicate` (the group may not exist yet)."""
    deadline = time.time() + timeout
    messages = []
    while time.time() < deadline:
        try:
            messages = [e["message"] for e in logs.filter_log_events(logGroupName=group)["events"]]
        except logs.exceptions.ResourceNotFoundException:
            messages = []
        if any(predicate(m) for m in messages):
            return messages
        time.sleep(0.05)
    raise AssertionError("no matching message in %s within %d s: %r" % (group, timeout, messages))


@pytest.fixture
def events(server):
    return server.client("events")


def test_rules_are_put_described_listed_and_paged(server, events):
    arn = events.put_rule(Name="orders", EventPattern=PATTERN, Description="Orders")["RuleArn"]
    assert arn == rule_arn("orders")
    described = events.describe_rule(Name="orders")
    assert {k: v for k, v in described.items() if k != "ResponseMetadata"} == {
        "Name": "orders", "Arn": arn, "EventPattern": PATTERN, "State": "ENABLED", "Description": "Orders",
        "EventBusName": "default", "CreatedBy": ACCOUNT}
    # Replaced whole: the description left out is gone.
    events.put_rule(Name="orders", EventPattern=PATTERN, State="DISABLED")
    described = events.describe_rule(Name="orders")
    assert described["State"] == "DISABLED" and "Description" not in described
    for name in ("a1", "a2", "b1"):
        events.put_rule(Name=name, EventPattern=PATTERN)
    # The repository's rule file is listed beside the stored rules, by name.
    names = [r["Name"] for page in events.get_paginator("list_rules").paginate(PaginationConfig={"PageSize": 2})
             for r in page["Rules"]]
    assert names == ["a1", "a2", "b1", "main-error-handler", "orders"]
    first = events.list_rules(Limit=2)
    assert [r["Name"] for r in first["Rules"]] == ["a1", "a2"] and "NextToken" in first
    second = events.list_rules(Limit=2, NextToken=first["NextToken"])
    assert [r["Name"] for r in second["Rules"]] == ["b1", "main-error-handler"]
    assert [r["Name"] for r in events.list_rules(NamePrefix="a")["Rules"]] == ["a1", "a2"]
    file_rule = events.describe_rule(Name="main-error-handler")
    assert file_rule["Arn"] == rule_arn("main-error-handler") and json.loads(file_rule["EventPattern"])["source"] == ["aws.states"]
    events.enable_rule(Name="orders")
    assert events.describe_rule(Name="orders")["State"] == "ENABLED"
    events.disable_rule(Name="orders")
    assert events.describe_rule(Name="orders")["State"] == "DISABLED"


def test_the_aws_cli_lists_rules(server, events):
    events.put_rule(Name="from-cli-test", EventPattern=PATTERN)
    _, out, _ = server.aws("events", "list-rules")
    rules = {r["Name"]: r for r in json.loads(out)["Rules"]}
    assert rules["from-cli-test"]["Arn"] == rule_arn("from-cli-test")
    assert rules["from-cli-test"]["EventBusName"] == "default"
    assert "main-error-handler" in rules


def test_targets_are_put_listed_paged_and_removed(server, events):
    events.put_rule(Name="orders", EventPattern=PATTERN)
    answer = events.put_targets(Rule="orders", Targets=[
        {"Id": "good", "Arn": function_arn("Test"), "RetryPolicy": {"MaximumRetryAttempts": 0, "MaximumEventAgeInSeconds": 60}},
        {"Id": "ghost", "Arn": function_arn("NoSuchFunction")},
        {"Id": "queue", "Arn": "arn:aws:sqs:us-east-1:123456789012:orders"},
        {"Id": "dlq", "Arn": function_arn("Test"), "DeadLetterConfig": {"Arn": "arn:aws:sqs:us-east-1:123456789012:dlq"}},
    ])
    assert answer["FailedEntryCount"] == 3
    failed = {e["TargetId"]: e for e in answer["FailedEntries"]}
    assert failed["ghost"]["ErrorCode"] == "ResourceNotFoundException"
    assert failed["ghost"]["ErrorMessage"].startswith("Function not found: " + function_arn("NoSuchFunction"))
    assert failed["queue"]["ErrorCode"] == "ValidationException"
    assert failed["dlq"]["ErrorCode"] == "ValidationException" and "DeadLetterConfig" in failed["dlq"]["ErrorMessage"]
    added = events.put_targets(Rule="orders", Targets=[{"Id": "t%d" % i, "Arn": function_arn("Error")} for i in range(1, 5)])
    assert (added["FailedEntryCount"], added["FailedEntries"]) == (0, [])
    ids = [t["Id"] for page in events.get_paginator("list_targets_by_rule").paginate(Rule="orders", PaginationConfig={"PageSize": 2})
           for t in page["Targets"]]
    assert ids == ["good", "t1", "t2", "t3", "t4"]
    first = events.list_targets_by_rule(Rule="orders", Limit=3)
    assert [t["Id"] for t in first["Targets"]] == ["good", "t1", "t2"]
    assert [t["Id"] for t in events.list_targets_by_rule(Rule="orders", NextToken=first["NextToken"])["Targets"]] == ["t3", "t4"]
    assert first["Targets"][0] == {"Id": "good", "Arn": function_arn("Test"),
                                   "RetryPolicy": {"MaximumRetryAttempts": 0, "MaximumEventAgeInSeconds": 60}}
    # A sixth target: LimitExceededException, and nothing added.
    assert error_of(events.put_targets, Rule="orders", Targets=[{"Id": "t5", "Arn": function_arn("Error")}]) == \
        (400, "LimitExceededException", "The requested resource exceeds the maximum number allowed.")
    removed = events.remove_targets(Rule="orders", Ids=["t1", "nope"])
    assert removed["FailedEntryCount"] == 1 and removed["FailedEntries"][0]["TargetId"] == "nope"
    assert [t["Id"] for t in events.list_targets_by_rule(Rule="orders")["Targets"]] == ["good", "t2", "t3", "t4"]


def test_errors_have_aws_shapes(server, events):
    assert error_of(events.describe_rule, Name="nope") == \
        (400, "ResourceNotFoundException", "Rule nope does not exist on EventBus default.")
    with pytest.raises(events.exceptions.ResourceNotFoundException):
        events.list_targets_by_rule(Rule="nope")
    status, code, message = error_of(events.put_rule, Name="bad", EventPattern=json.dumps({"source": "shop"}))
    assert (status, code) == (400, "InvalidEventPatternException") and message.startswith("Event pattern is not valid. Reason: ")
    with pytest.raises(events.exceptions.InvalidEventPatternException):
        events.test_event_pattern(EventPattern="{", Event="{}")
    status, code, message = error_of(events.put_rule, Name="nightly", ScheduleExpression="rate(5 minutes)")
    assert (status, code) == (400, "ValidationException") and "ScheduleExpression" in message
    assert error_of(events.put_rule, Name="empty") == \
        (400, "ValidationException", "Parameter(s) EventPattern or ScheduleExpression must be specified.")
    assert error_of(events.put_rule, Name="elsewhere", EventPattern=PATTERN, EventBusName="orders") == \
        (400, "ResourceNotFoundException", "Event bus orders does not exist.")
    status, code, message = error_of(events.put_rule, Name="main-error-handler", EventPattern=PATTERN)
    assert (status, code) == (400, "ValidationException") and "rules/main-error-handler.json" in message
    assert [r["Name"] for r in events.list_rules()["Rules"]] == ["main-error-handler"], "nothing refused was stored"
    events.put_rule(Name="orders", EventPattern=PATTERN)
    events.put_targets(Rule="orders", Targets=[{"Id": "t", "Arn": function_arn("Test")}])
    assert error_of(events.delete_rule, Name="orders") == (400, "ValidationException", "Rule can't be deleted since it has targets.")
    assert error_of(events.put_targets, Rule="orders", Targets=[{"Id": "x", "Arn": "Test"}]) == \
        (400, "ValidationException", "Parameter Test is not valid. Reason: Provided Arn is not in correct format.")
    events.remove_targets(Rule="orders", Ids=["t"])
    events.delete_rule(Name="orders")
    events.delete_rule(Name="orders")  # "all calls will succeed"
    assert error_of(events.enable_rule, Name="orders")[1] == "ResourceNotFoundException"


def test_test_event_pattern(server, events):
    event = {"version": "0", "id": "6a7e8feb-b491-4cf7-a9f1-bf3703467718", "detail-type": "Order Placed", "source": "shop",
             "account": ACCOUNT, "time": "2024-05-14T08:15:02Z", "region": REGION, "resources": [], "detail": {"order": 7}}
    assert events.test_event_pattern(EventPattern=json.dumps({"detail": {"order": [{"numeric": [">", 5]}]}}),
                                     Event=json.dumps(event))["Result"] is True
    assert events.test_event_pattern(EventPattern=json.dumps({"source": ["web"]}), Event=json.dumps(event))["Result"] is False
    status, code, message = error_of(events.test_event_pattern, EventPattern=PATTERN, Event=json.dumps({"source": "shop"}))
    assert (status, code) == (400, "ValidationException") and message.startswith("Parameter Event is not valid.")


def test_put_events_answers_every_entry(server, events):
    answer = events.put_events(Entries=[
        {"Source": "shop", "DetailType": "Order Placed", "Detail": json.dumps({"order": 1})},
        {"Source": "shop", "DetailType": "Order Placed", "Detail": "[1]"},
        {"Source": "aws.states", "DetailType": "Order Placed", "Detail": "{}"},
        {"DetailType": "Order Placed", "Detail": "{}"},
    ])
    assert answer["FailedEntryCount"] == 3
    entries = answer["Entries"]
    assert len(entries) == 4 and "EventId" in entries[0]
    assert (entries[1]["ErrorCode"], entries[1]["ErrorMessage"]) == ("MalformedDetail", "Detail is malformed.")
    assert (entries[2]["ErrorCode"], entries[2]["ErrorMessage"]) == ("NotAuthorizedForSourceException", "Not authorized for the source.")
    assert (entries[3]["ErrorCode"], entries[3]["ErrorMessage"]) == \
        ("InvalidArgument", "Parameter Source is not valid. Reason: Source is a required argument.")
    status, code, _ = error_of(events.put_events, Entries=[{"Source": "shop", "DetailType": "d", "Detail": "{}"}] * 11)
    assert (status, code) == (400, "ValidationException")
    big = json.dumps({"note": "x" * (256 * 1024)})
    assert error_of(events.put_events, Entries=[{"Source": "shop", "DetailType": "d", "Detail": big}]) == \
        (400, "ValidationException", "Total size of the entries in the request is over the limit.")


def test_a_custom_event_reaches_a_function_through_a_rule_put_by_the_api(server, events):
    add_function(server, "notify", 'function handler(event)\n'
                                   '  print("notified " .. event["detail-type"] .. " " .. event.detail.order .. " at " .. event.time)\n'
                                   'end\n')
    events.put_rule(Name="orders", EventPattern=PATTERN)
    assert events.put_targets(Rule="orders", Targets=[{"Id": "notify", "Arn": function_arn("notify")}])["FailedEntryCount"] == 0
    answer = events.put_events(Entries=[{"Source": "shop", "DetailType": "Order Placed", "Detail": json.dumps({"order": 42}),
                                         "Time": 1715674502}])
    assert answer["FailedEntryCount"] == 0
    messages = wait_for_log(server.client("logs"), "/aws/lambda/notify", lambda m: m.startswith("notified "))
    assert "notified Order Placed 42 at 2024-05-14T08:15:02Z" in [m.strip() for m in messages]


def test_a_status_change_rule_put_by_the_api_fires_when_an_execution_fails(server, events, sfn):
    add_function(server, "on_failure", 'function handler(event)\n'
                                       '  print("failed " .. event.detail.name .. " " .. event.detail.error .. ": " .. event.detail.cause)\n'
                                       'end\n')
    definition = {"StartAt": "Boom", "States": {"Boom": {"Type": "Fail", "Error": "Custom.Boom", "Cause": "on purpose"}}}
    machine = sfn.create_state_machine(name="boom", definition=json.dumps(definition),
                                       roleArn="arn:aws:iam::%s:role/run" % ACCOUNT)["stateMachineArn"]
    assert machine == machine_arn("boom")
    events.put_rule(Name="failures", EventPattern=json.dumps({
        "source": ["aws.states"], "detail-type": ["Step Functions Execution Status Change"],
        "detail": {"status": ["FAILED"], "stateMachineArn": [machine]}}))
    events.put_targets(Rule="failures", Targets=[{"Id": "on-failure", "Arn": function_arn("on_failure")}])
    execution = sfn.start_execution(stateMachineArn=machine, name="first")["executionArn"]
    assert wait_for_end(sfn, execution)["status"] == "FAILED"
    messages = wait_for_log(server.client("logs"), "/aws/lambda/on_failure", lambda m: m.startswith("failed "))
    assert [m.strip() for m in messages if m.startswith("failed ")] == ["failed first Custom.Boom: on purpose"]
