"""The callback pattern through `host serve`: `.waitForTaskToken` on lambda:invoke, answered by
SendTaskSuccess, SendTaskFailure or not at all (HeartbeatSeconds), and by `host tasks` from
another process while `host run` waits."""
import json
import os
import subprocess
import time

import pytest

from conftest import HOST, history, machine_arn, wait_for_end

ROLE = "arn:aws:iam::123456789012:role/test"


def callback_machine(heartbeat=None):
    task = {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke.waitForTaskToken",
            "Parameters": {"FunctionName": "Submit", "Payload": {"token.$": "$$.Task.Token", "job.$": "$.job"}}, "End": True}
    if heartbeat:
        task["HeartbeatSeconds"] = heartbeat
    return json.dumps({"StartAt": "Wait", "States": {"Wait": task}})


@pytest.fixture
def submit(server):
    with open(os.path.join(server.workspace, "functions", "Submit.lua"), "w") as f:
        f.write('function handler(event, context) print("submitted " .. event.job) return "queued" end\n')


def token_of(sfn, arn, timeout=30):
    """The token the task handed to its function, read from TaskScheduled's parameters."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        for event in history(sfn, arn):
            if event["type"] == "TaskSubmitted":
                scheduled = next(e for e in history(sfn, arn) if e["type"] == "TaskScheduled")
                return json.loads(scheduled["taskScheduledEventDetails"]["parameters"])["Payload"]["token"]
        time.sleep(0.05)
    raise AssertionError("the task was not submitted")


def test_success_failure_and_late_answers(sfn, submit):
    sfn.create_state_machine(name="cb", definition=callback_machine(), roleArn=ROLE)
    arn = sfn.start_execution(stateMachineArn=machine_arn("cb"), name="ok", input='{"job": "a"}')["executionArn"]
    token = token_of(sfn, arn)
    assert sfn.describe_execution(executionArn=arn)["status"] == "RUNNING"
    sfn.send_task_success(taskToken=token, output='{"done": true}')
    described = wait_for_end(sfn, arn)
    assert described["status"] == "SUCCEEDED" and json.loads(described["output"]) == {"done": True}
    types = [e["type"] for e in history(sfn, arn)]
    assert types == ["ExecutionStarted", "TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskSubmitted", "TaskSucceeded",
                     "TaskStateExited", "ExecutionSucceeded"]
    submitted = next(e for e in history(sfn, arn) if e["type"] == "TaskSubmitted")["taskSubmittedEventDetails"]
    assert json.loads(submitted["output"])["Payload"] == "queued"
    # A second answer to the same token: the task is gone.
    with pytest.raises(sfn.exceptions.TaskDoesNotExist):
        sfn.send_task_success(taskToken=token, output="{}")
    with pytest.raises(sfn.exceptions.InvalidToken):
        sfn.send_task_success(taskToken="no-such-token", output="{}")

    arn = sfn.start_execution(stateMachineArn=machine_arn("cb"), name="no", input='{"job": "b"}')["executionArn"]
    token = token_of(sfn, arn)
    with pytest.raises(sfn.exceptions.InvalidOutput):
        sfn.send_task_success(taskToken=token, output="{not json")
    sfn.send_task_failure(taskToken=token, error="JobFailed", cause="the job broke")
    described = wait_for_end(sfn, arn)
    assert described["status"] == "FAILED" and described["error"] == "JobFailed" and described["cause"] == "the job broke"


def test_heartbeats_keep_a_task_alive_until_they_stop(sfn, submit):
    sfn.create_state_machine(name="beats", definition=callback_machine(heartbeat=1), roleArn=ROLE)
    arn = sfn.start_execution(stateMachineArn=machine_arn("beats"), name="hb", input='{"job": "c"}')["executionArn"]
    token = token_of(sfn, arn)
    for _ in range(4):
        sfn.send_task_heartbeat(taskToken=token)
        time.sleep(0.4)
    assert sfn.describe_execution(executionArn=arn)["status"] == "RUNNING"
    described = wait_for_end(sfn, arn)
    assert described["status"] == "FAILED" and described["error"] == "States.HeartbeatTimeout"
    assert [e["type"] for e in history(sfn, arn)][-2] == "TaskTimedOut"
    with pytest.raises(sfn.exceptions.TaskTimedOut):
        sfn.send_task_success(taskToken=token, output="{}")


def test_host_run_waits_for_host_tasks_from_another_process(server, submit):
    with open(os.path.join(server.workspace, "machines", "callback.json"), "w") as f:
        f.write(callback_machine())
    run = subprocess.Popen([HOST, "run", "callback", "--input", '{"job": "d"}', "--name", "cli", "--output", "json", "--history"],
                           cwd=server.workspace, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    token = None
    deadline = time.time() + 30
    while token is None and time.time() < deadline:
        shown = subprocess.run([HOST, "executions", "history", "cli", "--output", "json"], cwd=server.workspace,
                               capture_output=True, text=True)
        events = json.loads(shown.stdout)["events"] if shown.returncode == 0 else []
        if any(e["type"] == "TaskSubmitted" for e in events):
            scheduled = next(e for e in events if e["type"] == "TaskScheduled")
            token = json.loads(scheduled["taskScheduledEventDetails"]["parameters"])["Payload"]["token"]
        else:
            time.sleep(0.1)
    assert token, "host run's task was not submitted"
    sent = subprocess.run([HOST, "tasks", "send-success", token, "--output", '"from the CLI"'], cwd=server.workspace,
                          capture_output=True, text=True)
    assert sent.returncode == 0, sent.stderr
    out, err = run.communicate(timeout=30)
    assert run.returncode == 0, err
    assert json.loads(json.loads(out)["output"]) == "from the CLI"
