"""Durable executions: `host serve` killed with SIGKILL while an execution waits in a Wait, runs a
Task, waits out a retry's interval, waits for a callback's token, or is inside a Map iteration or a
Distributed Map's child execution; started again, it continues
each execution from its recorded history to the end.

The oracle is the same execution run without interruption: the resumed execution's history
must have the same events, in the same order, with the same ids, previous ids and details
(timestamps aside), so nothing was lost or written twice and ids continued where they stopped.

`Tests/Server/kill-loop` runs this file 20 times in a row.
"""
import json
import os
import re
import shutil
import signal
import time

import pytest

from conftest import Server, history, machine_arn, make_workspace, wait_for_end

ROLE = "arn:aws:iam::123456789012:role/test"

WAIT = {"StartAt": "Before", "States": {
    "Before": {"Type": "Pass", "Result": {"n": 1}, "Next": "Nap"},
    "Nap": {"Type": "Wait", "Seconds": 3, "Next": "After"},
    "After": {"Type": "Pass", "End": True}}}

TASK = {"StartAt": "Slow", "States": {
    "Slow": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:Slow",
             "Next": "Done"},
    "Done": {"Type": "Pass", "End": True}}}

CALLBACK = {"StartAt": "Ask", "States": {
    "Ask": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke.waitForTaskToken",
            "Parameters": {"FunctionName": "Submit", "Payload": {"token.$": "$$.Task.Token"}}, "Next": "Done"},
    "Done": {"Type": "Pass", "End": True}}}

RETRY = {"StartAt": "Flaky", "States": {
    "Flaky": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:FailFirst",
              "Parameters": {"attempt.$": "$$.State.RetryCount"},
              "Retry": [{"ErrorEquals": ["Flaky.Error"], "IntervalSeconds": 2, "MaxAttempts": 3}], "Next": "Done"},
    "Done": {"Type": "Pass", "End": True}}}

MAP = {"StartAt": "Each", "States": {
    "Each": {"Type": "Map", "ItemsPath": "$.items", "MaxConcurrency": 1, "End": True,
             "ItemProcessor": {"ProcessorConfig": {"Mode": "INLINE"}, "StartAt": "Nap", "States": {
                 "Nap": {"Type": "Wait", "Seconds": 1, "Next": "Echo"},
                 "Echo": {"Type": "Pass", "End": True}}}}}}

# A Distributed Map: its children are executions of their own; the parent resumes its Map Run
# (docs/distributed-map.md).
DISTRIBUTED = {"StartAt": "Each", "States": {
    "Each": {"Type": "Map", "ItemsPath": "$.items", "MaxConcurrency": 1, "Label": "Each", "End": True,
             "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                               "StartAt": "Nap", "States": {
                                   "Nap": {"Type": "Wait", "Seconds": 1, "Next": "Echo"},
                                   "Echo": {"Type": "Pass", "End": True}}}}}}


@pytest.fixture
def workspace():
    folder = make_workspace()
    functions = os.path.join(folder, "functions")
    with open(os.path.join(functions, "Slow.lua"), "w") as f:
        f.write("function handler(event, context)\n"
                "  local stop = os.time() + 2\n"
                "  while os.time() < stop do end\n"
                "  return {slow = true}\n"
                "end\n")
    with open(os.path.join(functions, "Slow.json"), "w") as f:
        json.dump({"timeout": 10}, f)
    with open(os.path.join(functions, "FailFirst.lua"), "w") as f:
        f.write("function handler(event, context)\n"
                "  if event.attempt < 2 then error({errorType = 'Flaky.Error', errorMessage = 'attempt ' .. event.attempt}) end\n"
                "  return {attempt = event.attempt}\n"
                "end\n")
    with open(os.path.join(functions, "Submit.lua"), "w") as f:
        f.write('function handler(event, context) return "queued" end\n')
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def events_until(sfn, arn, found, timeout=30):
    """Polls the history until `found(events)` holds."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        events = history(sfn, arn)
        if found(events):
            return events
        time.sleep(0.02)
    raise AssertionError("%s: the awaited event did not come; history: %s" % (arn, [e["type"] for e in history(sfn, arn)]))


def comparable(events, execution_name):
    """An event as the comparison sees it: no timestamp, and the execution's name and task token
    (which names the execution) replaced, so that two executions of the same machine compare."""
    token = token_in(events) if any(e["type"] == "TaskScheduled" and "token" in e["taskScheduledEventDetails"]["parameters"]
                                    for e in events) else None
    out = []
    for event in events:
        event = json.loads(json.dumps(event, default=str))
        event.pop("timestamp")
        for key, details in event.items():
            # lambda:invoke's answer carries its request's id and date: those of each call.
            if key.endswith("EventDetails") and "output" in details and "SdkHttpMetadata" in details["output"]:
                output = json.loads(details["output"])
                details["output"] = {"Payload": output["Payload"], "StatusCode": output["StatusCode"]}
        text = json.dumps(event)
        # Each Map Run has an id of its own.
        text = re.sub(r"(mapRun:[^:\"]*):[0-9a-f-]{36}", r"\1:MAPRUN", text)
        # A failed function's cause names its invocation's request id: each call's own.
        text = re.sub(r'requestId\\+":\\+"[0-9a-f-]{36}', "requestId=REQUEST", text)
        if token:
            text = text.replace(token, "TOKEN")
        out.append(json.loads(text.replace(execution_name, "NAME")))
    return out


def token_in(events):
    scheduled = next(e for e in events if e["type"] == "TaskScheduled")
    return json.loads(scheduled["taskScheduledEventDetails"]["parameters"])["Payload"]["token"]


def children(workspace):
    """The stored child executions of the Distributed Map scenario, as `host executions list`
    and `history` show them: by ARN, their status, event types and ids."""
    import subprocess
    from conftest import HOST
    listed = json.loads(subprocess.run([HOST, "executions", "list", "--machine", "distributed/Each", "--output", "json"],
                                       cwd=workspace, capture_output=True, text=True, check=True).stdout)["executions"]
    found = {}
    for child in listed:
        shown = subprocess.run([HOST, "executions", "history", child["executionArn"], "--output", "json"],
                               cwd=workspace, capture_output=True, text=True, check=True).stdout
        found[child["executionArn"]] = (child["status"], [e["type"] for e in json.loads(shown)["events"]],
                                        [e["id"] for e in json.loads(shown)["events"]])
    return found


def answer_callback(sfn, arn):
    events = events_until(sfn, arn, lambda events: any(e["type"] == "TaskSubmitted" for e in events))
    sfn.send_task_success(taskToken=token_in(events), output='{"answered": true}')


SCENARIOS = {
    # name: (definition, input, when to kill, what to do after the restart)
    "wait": (WAIT, {}, lambda events: events and events[-1]["type"] == "WaitStateEntered", None),
    "task": (TASK, {}, lambda events: events and events[-1]["type"] == "LambdaFunctionStarted", None),
    "callback": (CALLBACK, {}, lambda events: events and events[-1]["type"] == "TaskSubmitted", answer_callback),
    # Killed in the interval before the second retry: the retry counter continues from 2.
    "retry": (RETRY, {}, lambda events: sum(e["type"] == "LambdaFunctionFailed" for e in events) == 2, None),
    "map": (MAP, {"items": [1, 2, 3]},
            lambda events: sum(e["type"] == "WaitStateEntered" for e in events) == 2, None),
    "distributed": (DISTRIBUTED, {"items": [1, 2, 3]}, lambda events: any(e["type"] == "MapRunStarted" for e in events), None),
}


@pytest.mark.parametrize("scenario", sorted(SCENARIOS))
def test_an_execution_survives_sigkill(workspace, scenario):
    definition, payload, kill_when, after_restart = SCENARIOS[scenario]
    server = Server(workspace).start()
    sfn = server.client("stepfunctions")
    sfn.create_state_machine(name=scenario, definition=json.dumps(definition), roleArn=ROLE)

    # The oracle: the same execution, never interrupted.
    reference = sfn.start_execution(stateMachineArn=machine_arn(scenario), name="reference",
                                    input=json.dumps(payload))["executionArn"]
    if after_restart:
        after_restart(sfn, reference)
    assert wait_for_end(sfn, reference)["status"] == "SUCCEEDED"
    expected = history(sfn, reference)

    arn = sfn.start_execution(stateMachineArn=machine_arn(scenario), name="killed", input=json.dumps(payload))["executionArn"]
    before = events_until(sfn, arn, kill_when)
    if scenario == "distributed":
        # Killed once the first of the killed run's children has ended: the second runs.
        deadline = time.time() + 30
        while sum(status == "SUCCEEDED" for status, _, _ in children(workspace).values()) < 4:
            assert time.time() < deadline, "the killed run's first child never ended"
            time.sleep(0.02)
    server.stop(signal.SIGKILL)

    restarted = Server(workspace).start()
    try:
        sfn = restarted.client("stepfunctions")
        if after_restart:
            after_restart(sfn, arn)
        described = wait_for_end(sfn, arn)
        assert described["status"] == "SUCCEEDED", described
        resumed = history(sfn, arn)
        assert comparable(resumed, "killed") == comparable(expected, "reference")
        # What was recorded before the kill is kept as it was, timestamps included.
        assert resumed[:len(before)] == before
        # A Wait keeps its original end: it ends no earlier than its entry plus its seconds.
        seconds = 3 if scenario == "wait" else 1
        for entered, exited in zip([e for e in resumed if e["type"] == "WaitStateEntered"],
                                   [e for e in resumed if e["type"] == "WaitStateExited"]):
            assert (exited["timestamp"] - entered["timestamp"]).total_seconds() >= seconds - 0.002
        with open(os.path.join(workspace, "serve.log")) as log:
            assert "cannot resume" not in log.read()
        if scenario == "distributed":
            # Three children each, none run twice: each history whole, its ids without a gap.
            found = children(workspace)
            assert len(found) == 6, found
            for status, types, ids in found.values():
                assert status == "SUCCEEDED"
                assert types == ["ExecutionStarted", "WaitStateEntered", "WaitStateExited", "PassStateEntered",
                                 "PassStateExited", "ExecutionSucceeded"], types
                assert ids == list(range(1, len(ids) + 1))
    finally:
        restarted.stop()


def test_a_killed_host_run_is_orphaned_and_resumed_by_the_server(workspace):
    import subprocess
    from conftest import HOST
    with open(os.path.join(workspace, "machines", "Napper.json"), "w") as f:
        json.dump(WAIT, f)
    run = subprocess.Popen([HOST, "run", "machines/Napper.json", "--name", "from-run", "--output", "json"], cwd=workspace,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    listed = ""
    deadline = time.time() + 30
    while "WaitStateEntered" not in listed and time.time() < deadline:
        listed = subprocess.run([HOST, "executions", "history", "from-run", "--output", "text"], cwd=workspace,
                                capture_output=True, text=True).stdout
        time.sleep(0.02)
    run.send_signal(signal.SIGKILL)
    run.wait()
    listed = subprocess.run([HOST, "executions", "list"], cwd=workspace, capture_output=True, text=True, check=True).stdout
    line = next(l for l in listed.splitlines() if l.startswith("from-run\t"))
    assert "orphaned" in line.split("\t")[1]

    server = Server(workspace).start()
    try:
        sfn = server.client("stepfunctions")
        arn = "arn:aws:states:us-east-1:123456789012:execution:Napper:from-run"
        assert wait_for_end(sfn, arn)["status"] == "SUCCEEDED"
        types = [e["type"] for e in history(sfn, arn)]
        assert types == ["ExecutionStarted", "PassStateEntered", "PassStateExited", "WaitStateEntered", "WaitStateExited",
                         "PassStateEntered", "PassStateExited", "ExecutionSucceeded"]
    finally:
        server.stop()
