#!/usr/bin/env python3
"""1,000 generated workflow tests: `host test` beside the same 1,000 executions on moto.

Generates a suite of workflow tests (docs/testing.md) of seed 003's machine
(machines/MyAPIStateMachine.json with functions/MockAPIFunction.lua, the real Lua function,
nothing mocked): the four paths of the seed in turn (statuscode 200, 429, 503 and anything
else), each test checking the status, the output or the error and cause, and the path. It
then times, in one run of this script:

- host: `host test` of the suite, the whole process, wall time (Waits and retry intervals pass
  at once on each test's virtual clock);
- moto: the same 1,000 executions in moto's Step Functions interpreter (moto 5.2.1 in
  process, under mock_aws with `execute_state_machine` on, as a moto user's test suite runs),
  one after the other, each checked against the same expectation. moto has no virtual clock,
  so its retry sleeps and Wait states are skipped; its Lambda calls go to a Python port of
  MockAPIFunction.

Each side runs --runs times (default 5 for host, 3 for moto); the medians and the ratio are
printed. docs/benchmarks-history.md section 10, has the figures and the command:

    python3 Tests/Benchmarks/workflow_suite.py --host .build-bench/release/host
"""

import argparse
import json
import logging
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time

REPOSITORY = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
MACHINE = "MyAPIStateMachine"

# Seed 003's four paths: input, then what the execution comes to (docs/history.md, the seed).
OK = "The request has succeeded."
PATHS = [
    ({"statuscode": "200"}, {"status": "SUCCEEDED", "output": OK, "path": ["Call API", "OK"]}),
    ({"statuscode": "429"}, {"status": "SUCCEEDED", "output": OK,
                             "path": ["Call API", "Wait and Try Later", "Change to 200", "Call API", "OK"]}),
    ({"statuscode": "503"}, {"status": "FAILED", "error": "ServerUnavailable",
                             "cause": "The server is currently unable to handle the request.",
                             "path": ["Call API", "Server Unavailable"]}),
    ({"statuscode": "500"}, {"status": "FAILED", "error": "An error of unknown type occurred", "cause": "Unknown error!",
                             "path": ["Call API", "Catch All"]}),
]


def generate(workspace: str, count: int) -> list:
    """A workspace with the seed machine and function, and `count` tests in 10 files."""
    for folder in ("machines", "functions", "workflow-tests"):
        os.makedirs(os.path.join(workspace, folder), exist_ok=True)
    shutil.copy(os.path.join(REPOSITORY, "machines", MACHINE + ".json"), os.path.join(workspace, "machines"))
    shutil.copy(os.path.join(REPOSITORY, "functions", "MockAPIFunction.lua"), os.path.join(workspace, "functions"))
    tests = []
    for index in range(count):
        given, expect = PATHS[index % len(PATHS)]
        tests.append({"name": f"generated {index}", "machine": MACHINE, "input": given, "expect": expect})
    per_file = (count + 9) // 10
    for number in range(0, count, per_file):
        with open(os.path.join(workspace, "workflow-tests", f"generated-{number // per_file}.test.json"), "w") as file:
            json.dump(tests[number:number + per_file], file)
    return tests


def time_host(host: str, workspace: str, count: int) -> float:
    started = time.monotonic()
    done = subprocess.run([host, "test", "--workspace", workspace], capture_output=True, text=True)
    seconds = time.monotonic() - started
    summary = f"{count} tests: {count} passed, 0 failed"
    if done.returncode != 0 or summary not in done.stdout:
        sys.exit(f"host test did not pass every test (exit {done.returncode}):\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}")
    return seconds


class Moto:
    """moto's interpreter in this process, with MockAPIFunction and without sleeps."""

    def __init__(self):
        from moto import mock_aws
        from moto.stepfunctions.parser import models
        from moto.stepfunctions.parser.asl.component.common.retry import retrier_decl
        from moto.stepfunctions.parser.asl.component.state.exec.state_task import lambda_eval_utils
        from moto.stepfunctions.parser.asl.component.state.wait.wait_function import wait_function
        from moto.stepfunctions.parser.backend import execution_worker

        # Where moto's interpreter invokes Lambda (both Task forms): answer as Lambda's Invoke
        # does once boto3 has read the payload.
        lambda_eval_utils._invoke_lambda_function = self.invoke
        # No virtual clock in moto: retry intervals and Waits are skipped instead.
        retrier_decl.time = type("NoSleep", (), {"sleep": staticmethod(lambda seconds: None)})
        wait_function.WaitFunction._wait_interval = lambda self, env, wait_seconds: None
        # Keep each execution's thread, to join it rather than poll DescribeExecution.
        def start(worker):
            worker.thread = threading.Thread(target=worker._execution_logic, daemon=True)
            worker.thread.start()
        execution_worker.ExecutionWorker.start = start
        # moto 5.2.1 deep-copies a machine with its earlier executions, whose workers hold
        # locks, and the second StartExecution fails (getmoto/moto#10077): copy without them.
        import copy

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
        # moto logs every error a state catches, at ERROR.
        logging.getLogger("moto").setLevel(logging.CRITICAL)
        self.mock = mock_aws(config={"stepfunctions": {"execute_state_machine": True}})
        self.mock.start()
        import boto3

        self.client = boto3.client("stepfunctions", region_name="us-east-1")
        self.backend = models.stepfunctions_parser_backends["123456789012"]["us-east-1"]
        with open(os.path.join(REPOSITORY, "machines", MACHINE + ".json")) as file:
            self.arn = self.client.create_state_machine(
                name=MACHINE, definition=file.read(), roleArn="arn:aws:iam::123456789012:role/bench")["stateMachineArn"]
        self.count = 0

    @staticmethod
    def invoke(parameters, region, state_credentials):
        """functions/MockAPIFunction.lua, in Python: the status code's answer or error."""
        payload = parameters.get("Payload")
        event = json.loads(payload) if isinstance(payload, (str, bytes)) and payload else (payload or {})
        errors = {"429": ("TooManyRequestsException", "429 Too Many Requests"),
                  "503": ("ServerUnavailableException", "503 Server Unavailable")}
        code = event.get("statuscode")
        if code == "200":
            return {"StatusCode": 200, "ExecutedVersion": "$LATEST", "Payload": "200 OK"}
        error, message = errors.get(code, ("UnknownException", "Unknown error"))
        return {"StatusCode": 200, "ExecutedVersion": "$LATEST", "FunctionError": "Unhandled",
                "Payload": {"errorType": error, "errorMessage": message}}

    def run(self, given, expect):
        self.count += 1
        arn = self.client.start_execution(stateMachineArn=self.arn, name=f"e{self.count}", input=json.dumps(given))["executionArn"]
        self.backend.describe_execution(arn).exec_worker.thread.join()
        described = self.client.describe_execution(executionArn=arn)
        got = {"status": described["status"]}
        if "output" in expect:
            text = described.get("output")
            try:
                got["output"] = json.loads(text) if text is not None else None
            except ValueError:
                # moto 5.2.1 gives an output that is a JSON string as the bare text, unquoted.
                got["output"] = text
        for key in ("error", "cause"):
            if key in expect:
                got[key] = described.get(key)
        wanted = {key: value for key, value in expect.items() if key != "path"}
        if got != wanted:
            sys.exit(f"moto: {given} came to {got}, not {wanted}")

    def close(self):
        self.mock.stop()


def time_moto(tests: list) -> float:
    moto = Moto()
    try:
        started = time.monotonic()
        for test in tests:
            moto.run(test["input"], test["expect"])
        return time.monotonic() - started
    finally:
        moto.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--host", default=os.path.join(REPOSITORY, ".build-bench/release/host"))
    parser.add_argument("--tests", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5, help="runs of host test")
    parser.add_argument("--moto-runs", type=int, default=3, help="runs of the executions on moto (0: none)")
    arguments = parser.parse_args()
    workspace = tempfile.mkdtemp(prefix="host-workflow-suite-")
    try:
        tests = generate(workspace, arguments.tests)
        subprocess.run([arguments.host, "test", "--workspace", workspace], capture_output=True)  # warm-up, untimed
        host = [time_host(arguments.host, workspace, len(tests)) for _ in range(arguments.runs)]
        print(f"host test, {len(tests)} tests: median {statistics.median(host):.2f} s wall, "
              f"min {min(host):.2f} max {max(host):.2f} ({len(host)} runs), load {os.getloadavg()[0]:.1f}", flush=True)
        if arguments.moto_runs:
            moto = [time_moto(tests) for _ in range(arguments.moto_runs)]
            print(f"moto, the same {len(tests)} executions: median {statistics.median(moto):.2f} s wall, "
                  f"min {min(moto):.2f} max {max(moto):.2f} ({len(moto)} runs), load {os.getloadavg()[0]:.1f}")
            print(f"moto / host: {statistics.median(moto) / statistics.median(host):.1f}x")
    finally:
        shutil.rmtree(workspace, ignore_errors=True)


if __name__ == "__main__":
    main()
