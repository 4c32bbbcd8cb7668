"""Child executions through `host serve` (docs/integrations.md): a Task of
`arn:aws:states:::states:startExecution.sync:2` starts a machine created through the API and
waits for it; the child is an execution of its own, listed by ListExecutions."""
import json

from conftest import history, machine_arn, wait_for_end

ROLE = "arn:aws:iam::123456789012:role/test"


def test_a_sync_task_waits_for_its_child(sfn):
    child = {"StartAt": "Wait", "States": {"Wait": {"Type": "Wait", "Seconds": 1, "Next": "Done"},
                                           "Done": {"Type": "Pass", "Parameters": {"greeting.$": "$.Comment"}, "End": True}}}
    sfn.create_state_machine(name="HelloWorld", definition=json.dumps(child), roleArn=ROLE)
    parent = {"StartAt": "Start", "States": {"Start": {
        "Type": "Task", "Resource": "arn:aws:states:::states:startExecution.sync:2",
        "Parameters": {"StateMachineArn": machine_arn("HelloWorld"), "Input": {"Comment": "Hello world!"}, "Name": "ExecutionName"},
        "End": True}}}
    sfn.create_state_machine(name="Parent", definition=json.dumps(parent), roleArn=ROLE)
    arn = sfn.start_execution(stateMachineArn=machine_arn("Parent"), input="{}")["executionArn"]
    described = wait_for_end(sfn, arn)
    assert described["status"] == "SUCCEEDED", described
    output = json.loads(described["output"])
    assert output["Status"] == "SUCCEEDED"
    assert output["Output"] == {"greeting": "Hello world!"}
    child_arn = "arn:aws:states:us-east-1:123456789012:execution:HelloWorld:ExecutionName"
    assert output["ExecutionArn"] == child_arn
    listed = sfn.list_executions(stateMachineArn=machine_arn("HelloWorld"))["executions"]
    assert [e["executionArn"] for e in listed] == [child_arn]
    assert [e["type"] for e in history(sfn, child_arn)][-1] == "ExecutionSucceeded"
