#!/usr/bin/env python3
"""Makes a golden case's peer file and the start of its expected file (README.md, "How the
files were made").

    python3 Golden/peer_case.py run    FEATURE/CASE.VARIANT ...   # from Tests/EngineTests
    python3 Golden/peer_case.py expect FEATURE/CASE.VARIANT ... [--lanes] [--lambda-invoke]

`run` runs moto's interpreter twice on the case's
definition and input with the lambda module lambdas.py beside this file: once with --no-wait
--diagnostics, once with real waits and --timestamps relative, and writes CASE.VARIANT.peer.json.

`expect` writes CASE.VARIANT.expected.json from the peer file's timed run with the adjustments
made everywhere (timestamps to whole-second offsets, the role ARN) and, with --lambda-invoke,
the lambda:invoke adjustment of lambda_invoke_adjustment.py. Adjustments that belong to one case
are made afterwards and written into the file's "adjustments" with their evidence.

--shared names the shared folder (default: the folder named shared beside the repository).
"""
import argparse
import json
import math
import os
import subprocess
import sys

sys.dont_write_bytecode = True  # nothing written beside the scripts or in the shared folder
HERE = os.path.dirname(os.path.abspath(__file__))
TESTS = os.path.dirname(HERE)  # Tests/EngineTests: the peer commands name files from here
ROOT = os.path.dirname(os.path.dirname(TESTS))

ROLE_ARN = "arn:aws:iam::123456789012:role/service-role/StepFunctions-GoldenMachine-role"
ADJUST_TIMESTAMPS = (
    "Timestamps: the peer's real-time offsets (seconds since ExecutionStarted) truncated to whole "
    "seconds (every wait here is whole seconds; the fraction is the peer's own running time, under "
    "1 s in every run).")
ADJUST_ROLE = (
    "ExecutionStarted.roleArn: the role the machine runs under is configuration, not behaviour; the "
    "peer harness uses StepFunctionsPeerRole, the engine the role of its ExecutionIdentity.")


def paths(case_id):
    feature, rest = case_id.split("/", 1)
    case, variant = rest.split(".", 1)
    base = "Golden/%s/%s" % (feature, case)
    return {
        "definition": base + ".asl.json",
        "input": "%s.%s.input.json" % (base, variant),
        "peer": os.path.join(TESTS, "%s.%s.peer.json" % (base, variant)),
        "expected": os.path.join(TESTS, "%s.%s.expected.json" % (base, variant)),
    }


def peer_command(files, timed):
    args = ["moto_run.py", files["definition"], files["input"], "--lambda-module", "Golden/lambdas.py",
            "--canonical", "--machine-name", "GoldenMachine", "--execution-name", "golden-execution"]
    return args + (["--timestamps", "relative"] if timed else ["--no-wait", "--diagnostics"])


def without_timestamps(result):
    result = {k: v for k, v in result.items() if k != "diagnostics"}
    result["history"] = [{k: v for k, v in e.items() if k != "timestamp"} for e in result["history"]]
    return result


def run(case_id, shared):
    files = paths(case_id)
    moto_run = os.path.join(shared, "peer", "moto_run.py")
    results = {}
    for timed in (False, True):
        command = peer_command(files, timed)
        done = subprocess.run([sys.executable, moto_run] + command[1:], cwd=TESTS, capture_output=True, text=True)
        if done.returncode not in (0, 2):
            raise SystemExit("%s: the peer failed (exit %d): %s" % (case_id, done.returncode, done.stderr[-2000:]))
        results[timed] = json.loads(done.stdout)
    no_wait, timed = results[False], results[True]
    peer = {
        "commands": {"noWait": " ".join(peer_command(files, False)), "timed": " ".join(peer_command(files, True))},
        "noWaitSkippedWaits": no_wait.get("diagnostics", {}).get("skipped_waits", []),
    }
    same = without_timestamps(no_wait) == without_timestamps(timed)
    peer["noWaitRunIdenticalApartFromTimestamps"] = same
    if not same:
        peer["noWaitResult"] = without_timestamps(no_wait)
    peer["result"] = timed
    with open(files["peer"], "w") as f:
        json.dump(peer, f, indent=1, ensure_ascii=False)
        f.write("\n")
    print("%s: %s, %d events" % (case_id, timed["status"], len(timed["history"])))


def expect(case_id, lanes, lambda_invoke):
    files = paths(case_id)
    with open(files["peer"]) as f:
        result = json.load(f)["result"]
    history = []
    for event in result["history"]:
        out = {"offset": math.floor(event["timestamp"])}
        out.update((k, v) for k, v in event.items() if k != "timestamp")
        details = out.get("executionStartedEventDetails")
        if details is not None and "roleArn" in details:
            details["roleArn"] = ROLE_ARN
        history.append(out)
    expected = {
        "status": result["status"], "output": result["output"], "error": result["error"], "cause": result["cause"],
        "compare": "lanes" if lanes else "exact",
        "history": history,
        "adjustments": [ADJUST_TIMESTAMPS, ADJUST_ROLE],
    }
    if lambda_invoke:
        sys.path.insert(0, HERE)
        import lambda_invoke_adjustment
        lambda_invoke_adjustment.adjust(expected)
    with open(files["expected"], "w") as f:
        json.dump(expected, f, indent=1, ensure_ascii=False)
        f.write("\n")
    print("%s: expected written" % case_id)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("action", choices=["run", "expect"])
    ap.add_argument("cases", nargs="+", help="feature/case.variant")
    ap.add_argument("--shared", default=os.path.join(ROOT, "..", "shared"))
    ap.add_argument("--lanes", action="store_true", help="compare branches/iterations as lanes")
    ap.add_argument("--lambda-invoke", action="store_true", help="apply the lambda:invoke adjustment")
    a = ap.parse_args()
    for case_id in a.cases:
        if a.action == "run":
            run(case_id, os.path.abspath(a.shared))
        else:
            expect(case_id, a.lanes, a.lambda_invoke)


if __name__ == "__main__":
    main()
