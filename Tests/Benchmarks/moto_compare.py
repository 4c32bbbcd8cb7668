#!/usr/bin/env python3
"""One workload of HostBenchmarks --compare on moto's Step Functions interpreter.

    python3 Tests/Benchmarks/moto_compare.py WORKLOAD [--runs N]

WORKLOAD is one of:

- pass_chain_100: 100 chained Pass states (as host's engine.pass100), input {};
- seed_200: seed 003's machine (machines/MyAPIStateMachine.json) with {"statuscode":"200"},
  its Lambda call answered by MockAPIFunction in Python (functions/MockAPIFunction.lua's
  answer to status code 200: "200 OK");
- map_1000: an inline Map over 1,000 integers with a Pass body (as host's engine.map.1000);
- startup_trivial: a whole Python process that imports moto, starts it and runs one execution
  of a one-Pass machine (as host's process.trivial).

moto (pip package `moto`, 5.2.1 here) runs in this process under mock_aws with its
`stepfunctions.execute_state_machine` switch on, through boto3's client as a moto user's tests
do: create_state_machine, start_execution, a join of the execution's worker thread (instead of
polling), describe_execution. Each execution is checked to succeed with the expected output,
and once its history is checked for the work it claims (100 PassStateEntered, 1,000
MapIterationSucceeded), so a figure cannot time the wrong path.

Prints one JSON line: {"workload", "seconds": [per-execution seconds, one per run], "runs",
"residentPeak": this process's peak RSS in KiB (the largest child's for startup_trivial)}.
"""

import argparse
import copy
import json
import logging
import os
import resource
import subprocess
import sys
import threading
import time

REPOSITORY = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
ROLE = "arn:aws:iam::123456789012:role/bench"


def pass_chain(count):
    names = [f"S{index:03d}" for index in range(1, count + 1)]
    states = {name: ({"Type": "Pass", "Next": names[index + 1]} if index + 1 < count else {"Type": "Pass", "End": True})
              for index, name in enumerate(names)}
    return json.dumps({"StartAt": names[0], "States": states})


MAP = json.dumps({
    "StartAt": "Each",
    "States": {"Each": {"Type": "Map", "ItemsPath": "$.items", "MaxConcurrency": 0, "End": True,
                        "ItemProcessor": {"ProcessorConfig": {"Mode": "INLINE"}, "StartAt": "Item",
                                          "States": {"Item": {"Type": "Pass", "End": True}}}}},
})
TRIVIAL = json.dumps({"StartAt": "Only", "States": {"Only": {"Type": "Pass", "Result": {"done": True}, "End": True}}})


class Moto:
    """moto's interpreter in this process, its Lambda calls answered by MockAPIFunction."""

    def __init__(self):
        from moto import mock_aws
        from moto.stepfunctions.parser import models
        from moto.stepfunctions.parser.asl.component.state.exec.state_task import lambda_eval_utils
        from moto.stepfunctions.parser.backend import execution_worker

        # Both Lambda Task forms of moto's interpreter invoke Lambda here: answer as Lambda's
        # Invoke does once boto3 has read the payload.
        lambda_eval_utils._invoke_lambda_function = self.invoke

        # Keep each execution's thread, to join it rather than poll DescribeExecution.
        def start(worker):
            worker.thread = threading.Thread(target=worker._execution_logic, daemon=True)
            worker.thread.start()
        execution_worker.ExecutionWorker.start = start

        # moto 5.2.1 deep-copies a machine with its earlier executions, whose workers hold
        # locks, and the second StartExecution fails (getmoto/moto#10077): copy without them.
        class CopyWithoutExecutions:
            @staticmethod
            def deepcopy(value, memo=None):
                memo = {} if memo is None else memo
                if isinstance(getattr(value, "executions", None), list):
                    memo[id(value.executions)] = []
                if getattr(value, "backend", None) is not None:
                    memo[id(value.backend)] = value.backend
                return copy.deepcopy(value, memo)
        models.copy = CopyWithoutExecutions

        logging.getLogger("moto").setLevel(logging.CRITICAL)
        self.mock = mock_aws(config={"stepfunctions": {"execute_state_machine": True}})
        self.mock.start()
        import boto3

        self.client = boto3.client("stepfunctions", region_name="us-east-1")
        self.backend = models.stepfunctions_parser_backends["123456789012"]["us-east-1"]
        self.count = 0

    @staticmethod
    def invoke(parameters, region, state_credentials):
        payload = parameters.get("Payload")
        event = json.loads(payload) if isinstance(payload, (str, bytes)) and payload else (payload or {})
        if event.get("statuscode") != "200":
            raise RuntimeError(f"the benchmark sends only statuscode 200, not {event}")
        return {"StatusCode": 200, "ExecutedVersion": "$LATEST", "Payload": "200 OK"}

    def create(self, definition):
        self.count += 1
        return self.client.create_state_machine(name=f"m{self.count}", definition=definition, roleArn=ROLE)["stateMachineArn"]

    def run(self, machine, given, expected):
        """One execution, checked to succeed with `expected`; returns its ARN."""
        self.count += 1
        arn = self.client.start_execution(stateMachineArn=machine, name=f"e{self.count}", input=json.dumps(given))["executionArn"]
        self.backend.describe_execution(arn).exec_worker.thread.join()
        described = self.client.describe_execution(executionArn=arn)
        text = described.get("output")
        try:
            output = json.loads(text) if text is not None else None
        except ValueError:
            output = text  # moto 5.2.1 gives an output that is a JSON string unquoted
        if described["status"] != "SUCCEEDED" or output != expected:
            sys.exit(f"moto: execution ended {described['status']} with {text!r}, not {expected!r}")
        return arn

    def count_events(self, arn, kind):
        events, token = 0, None
        while True:
            page = self.client.get_execution_history(executionArn=arn, **({"nextToken": token} if token else {}))
            events += sum(1 for event in page["events"] if event["type"] == kind)
            token = page.get("nextToken")
            if not token:
                return events

    def close(self):
        self.mock.stop()


def timed(runs, per_run, execute):
    """Per-execution seconds of each of `runs` runs of `per_run` executions, after one untimed."""
    execute()
    seconds = []
    for _ in range(runs):
        started = time.perf_counter()
        for _ in range(per_run):
            execute()
        seconds.append((time.perf_counter() - started) / per_run)
        from moto.stepfunctions.parser.utils import TMP_THREADS
        TMP_THREADS.clear()  # moto's list of every thread it started, kept only for bookkeeping
    return seconds


def in_process(workload, runs):
    moto = Moto()
    try:
        if workload == "pass_chain_100":
            machine = moto.create(pass_chain(100))
            arn = moto.run(machine, {}, {})
            if moto.count_events(arn, "PassStateEntered") != 100:
                sys.exit("moto: pass_chain_100 did not enter 100 Pass states")
            return timed(runs, 2, lambda: moto.run(machine, {}, {}))
        if workload == "seed_200":
            with open(os.path.join(REPOSITORY, "machines", "MyAPIStateMachine.json")) as file:
                machine = moto.create(file.read())
            return timed(runs, 20, lambda: moto.run(machine, {"statuscode": "200"}, "The request has succeeded."))
        items = list(range(1000))
        machine = moto.create(MAP)
        arn = moto.run(machine, {"items": items}, items)
        if moto.count_events(arn, "MapIterationSucceeded") != 1000:
            sys.exit("moto: map_1000 did not succeed 1,000 iterations")
        return timed(runs, 1, lambda: moto.run(machine, {"items": items}, items))
    finally:
        moto.close()


def startup(runs):
    """Wall seconds of whole processes running `--trivial-once`, after one untimed."""
    command = [sys.executable, os.path.abspath(__file__), "--trivial-once"]
    seconds = []
    for index in range(runs + 1):
        started = time.perf_counter()
        done = subprocess.run(command, capture_output=True, text=True)
        if done.returncode != 0 or done.stdout.strip() != "SUCCEEDED":
            sys.exit(f"moto: the trivial execution failed: {done.stdout[-1000:]} {done.stderr[-2000:]}")
        if index:
            seconds.append(time.perf_counter() - started)
    return seconds


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("workload", nargs="?", choices=["pass_chain_100", "seed_200", "map_1000", "startup_trivial"])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--trivial-once", action="store_true", help="(startup_trivial's child) one trivial execution")
    arguments = parser.parse_args()
    if arguments.trivial_once:
        moto = Moto()
        moto.run(moto.create(TRIVIAL), {}, {"done": True})
        print("SUCCEEDED")
        return
    if arguments.workload is None:
        parser.error("name a workload")
    if arguments.workload == "startup_trivial":
        seconds = startup(arguments.runs)
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    else:
        seconds = in_process(arguments.workload, arguments.runs)
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"workload": arguments.workload, "seconds": seconds, "runs": len(seconds), "residentPeak": peak}))


if __name__ == "__main__":
    main()
