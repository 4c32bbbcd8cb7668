#!/usr/bin/env python3
"""The differential test: the AWS-recorded JSONPath executions run on moto and on host.

usage: run_differential.py --host BIN [--shared DIR] [--known FILE] [--only SUBSTR]
                           [--group A,B] [-j N] [--show N] [--write-known FILE]

Takes every case of the shared corpus's conformance/aws-recorded/cases.jsonl whose definition
has no DISTRIBUTED Map (the selection of that folder's runner with --distributed exclude), the
JSONata and variables groups included, runs it

- on moto's interpreter, through the shared peer harness (peer/moto_run.py) used as a library in
  this one process, with waits skipped (its --no-wait) and the functions of lambdas.py here;
  its JSONata expressions evaluated by jsonata-python (pip), which the harness plugs in;
- on host: `host run ... --virtual-clock --output json --history`, through the corpus runner's
  own run_host (the same workspace, names and functions as the runner);

normalises both results the same way (the runner's normalisation of host's results, plus the
few steps in `normalised` below), and compares status, output, error, cause and the ordered
event types. Each side is also checked against what AWS recorded (the runner's `check`).

Every case where moto and host differ must be listed in known_differences.json with the fields
that differ, why, and which side AWS's recording agrees with. The exit status is 1 for a
difference that is not listed, a listed difference that no longer occurs or differs in other
fields, or a listing whose claim about AWS's recording no longer holds; 0 otherwise.
"""
import argparse
import collections
import concurrent.futures
import importlib.util
import json
import os
import sys
import time
from importlib.machinery import SourceFileLoader

sys.dont_write_bytecode = True  # nothing written beside the scripts or in the shared folder
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
FIELDS = ("status", "output", "error", "cause", "types")
MOTO_TIMEOUT = 60.0


# --- the shared tools, loaded from the shared folder ----------------------------------------------
def load_runner(shared):
    path = os.path.join(shared, "conformance", "aws-recorded", "run")
    loader = SourceFileLoader("aws_recorded_run", path)
    spec = importlib.util.spec_from_loader(loader.name, loader)
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


def load_moto_run(shared):
    sys.path.insert(0, os.path.join(shared, "peer"))
    import moto_run
    moto_run.quiet_logging()
    return moto_run


def selected(runner, only, groups):
    def distributed(case):
        return '"DISTRIBUTED"' in json.dumps(case["definition"])
    return [c for c in runner.load_cases()
            if not distributed(c) and (not groups or c["group"] in groups) and (not only or only in c["id"])]


# --- moto -----------------------------------------------------------------------------------------
class Moto:
    """One moto backend for all cases; each case gets the runner's machine and execution names,
    so that both sides' ARNs normalise alike, and its machine is deleted afterwards."""

    def __init__(self, moto_run, lambda_module):
        self.moto_run = moto_run
        self.peer = moto_run.Peer(lambdas=moto_run.load_lambda_module(lambda_module), skip_waits=True)

    def run(self, case, machine_name, execution_name):
        from botocore.exceptions import ClientError
        m = self.moto_run
        definition = json.dumps(case["definition"])
        input_text = json.dumps(case["input"])
        # As moto_run.run_once: moto names its parser's API errors with an empty code.
        try:
            self.peer.backend._validate_definition(definition=definition)
        except Exception as exc:  # noqa: BLE001
            return api_error(type(exc).__name__, getattr(exc, "message", None) or str(exc))
        try:
            machine = self.peer.create(definition, name=machine_name)
        except ClientError as err:
            return api_error(err.response["Error"].get("Code") or "UnknownError", err.response["Error"].get("Message"))
        try:
            try:
                execution = self.peer.start(machine, input_text, name=execution_name)
            except ClientError as err:
                return api_error(err.response["Error"].get("Code") or "UnknownError", err.response["Error"].get("Message"))
            self.peer.wait(execution, timeout=MOTO_TIMEOUT)
            # From the backend, not DescribeExecution, whose JSON encoder fails on the datetime
            # moto keeps in an output that holds the context object's StartTime.
            state = self.peer.backend.describe_execution(execution)
            described = {"status": getattr(state.status, "value", state.status), "error": state.error,
                         "cause": state.cause, "output": state.output}
            events = self.peer.history(execution)
            return {
                "status": described["status"],
                "output": m.execution_output(described, events),
                "error": described.get("error"),
                "cause": described.get("cause"),
                "history": m.normalize_history(events, "drop", canonical=True),
            }
        finally:
            self.peer.client.delete_state_machine(stateMachineArn=machine)


def api_error(code, message):
    return {"status": "API_ERROR", "output": None, "error": code, "cause": message, "history": []}


# --- normalising both sides alike -------------------------------------------------------------------
def without_runtime_members(value):
    """A Lambda error payload keeps errorType and errorMessage only: requestId and stackTrace
    belong to the function's runtime, and the peer harness sends neither (peer README)."""
    if isinstance(value, str) and value.startswith("{") and '"errorType"' in value:
        try:
            parsed = json.loads(value)
        except ValueError:
            return value
        if isinstance(parsed, dict) and "errorType" in parsed:
            return json.dumps(without_runtime_members(parsed), sort_keys=True, separators=(",", ":"))
        return value
    if isinstance(value, dict):
        if "errorType" in value and "errorMessage" in value:
            value = {k: v for k, v in value.items() if k not in ("requestId", "stackTrace")}
        return {k: without_runtime_members(v) for k, v in value.items()}
    if isinstance(value, list):
        return [without_runtime_members(v) for v in value]
    return value


def normalised(runner, case, result):
    """status, output, error, cause and event types, in the form the runner compares AWS's with."""
    norm = runner.Normaliser(case, result)
    n = case.get("normalize", {})
    record = {"status": result.get("status"), "output": None, "error": result.get("error"), "cause": None}
    if result.get("status") == "SUCCEEDED":
        record["output"] = without_runtime_members(runner.canon(norm.value(result.get("output")), n, True))
    cause = norm.value(result.get("cause"), is_cause=True)
    record["cause"] = without_runtime_members(runner.canon(cause, n, True) if isinstance(cause, (dict, list)) else runner.canon(cause))
    types = [e.get("type") for e in runner.events_of(result)]
    if n.get("parallel_sorted"):
        types = runner.ls_parallel_transform(types)[0]
    record["types"] = types
    return record


def aws_fields(runner, case, result):
    """The fields in which a result differs from AWS's recording (the runner's check)."""
    fields = set()
    for problem in runner.check(case, result):
        head = problem.split(":", 1)[0].split("[", 1)[0].split(".", 1)[0]
        fields.add(head if head in FIELDS else "types")
    return fields


# --- the test -----------------------------------------------------------------------------------------
def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--host", default=os.path.join(ROOT, ".build", "release", "host"))
    ap.add_argument("--shared", default=os.path.join(ROOT, "..", "shared"),
                    help="the shared folder (default: the folder named shared beside the repository)")
    ap.add_argument("--known", default=os.path.join(HERE, "known_differences.json"))
    ap.add_argument("--only", help="run the cases whose id contains this")
    ap.add_argument("--group", help="run the cases of these groups (comma-separated)")
    ap.add_argument("-j", type=int, default=2, help="host runs at a time (moto runs one at a time)")
    ap.add_argument("--show", type=int, default=0, help="print both sides of the first N unexpected differences")
    ap.add_argument("--write-known", help="write the differences found, with the known file's reasons, to this file")
    a = ap.parse_args()
    host = os.path.abspath(a.host)
    shared = os.path.abspath(a.shared)
    if not os.access(host, os.X_OK):
        sys.exit("no host binary at %s (swift build -c release --product host)" % host)
    started = time.monotonic()
    runner = load_runner(shared)
    moto_run = load_moto_run(shared)
    with open(a.known) as f:
        known = json.load(f)["cases"]
    groups = set(a.group.split(",")) if a.group else None
    cases = selected(runner, a.only, groups)
    if any(c["group"] in ("jsonata", "variables") for c in cases) and importlib.util.find_spec("jsonata") is None:
        sys.exit("moto evaluates JSONata with jsonata-python, which is not installed (pip install jsonata-python)")

    moto = Moto(moto_run, os.path.join(HERE, "lambdas.py"))
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, a.j)) as pool:
        host_runs = [pool.submit(runner.run_host, c, host) for c in cases]
        moto_results = [moto.run(c, runner.SM_NAME, runner.EXEC_NAME) for c in cases]
        host_results = [f.result() for f in host_runs]

    agree = 0
    matches_aws = collections.Counter()
    agreeing_off_aws = []
    differences = {}
    problems = []
    kinds = collections.Counter()
    shown = 0
    for case, moto_result, (host_result, host_error) in zip(cases, moto_results, host_results):
        cid = case["id"]
        if host_result is None:
            problems.append("%s: host gave no result: %s" % (cid, host_error))
            continue
        m = normalised(runner, case, moto_result)
        h = normalised(runner, case, host_result)
        fields = [f for f in FIELDS if m[f] != h[f]]
        host_off, moto_off = aws_fields(runner, case, host_result), aws_fields(runner, case, moto_result)
        matches_aws["host"] += not host_off
        matches_aws["moto"] += not moto_off
        if not fields:
            agree += 1
            if host_off:
                agreeing_off_aws.append("%s [%s]" % (cid, ", ".join(sorted(host_off))))
            if cid in known:
                problems.append("%s: listed in %s, but moto and host now agree" % (cid, os.path.basename(a.known)))
            continue
        aws = "both" if not host_off and not moto_off else "host" if not host_off else "moto" if not moto_off else "neither"
        differences[cid] = {"fields": fields, "aws": aws}
        entry = known.get(cid)
        if entry is None:
            problems.append("%s: moto and host differ in %s (AWS's recording agrees with %s), and it is not listed"
                            % (cid, ", ".join(fields), aws))
            if shown < a.show:
                shown += 1
                for f in fields:
                    print("   %s moto: %s" % (f, runner.short(m[f], 600)))
                    print("   %s host: %s" % (f, runner.short(h[f], 600)))
            continue
        if sorted(entry["fields"]) != sorted(fields):
            problems.append("%s: listed as differing in %s, but differs in %s" % (cid, ", ".join(entry["fields"]), ", ".join(fields)))
        if entry["aws"] != aws:
            problems.append("%s: listed as AWS agreeing with %s, but it agrees with %s" % (cid, entry["aws"], aws))
        kinds[entry["kind"]] += 1
        print("known  %s [%s]: %s -- %s; AWS's recording agrees with %s" % (cid, ", ".join(fields), entry["kind"], entry["why"], aws))
    for cid in known:
        if cid not in differences and cid not in {c["id"] for c in cases} and not a.only and not groups:
            problems.append("%s: listed in %s, but not among the selected cases" % (cid, os.path.basename(a.known)))

    if a.write_known:
        out = {cid: dict(known.get(cid, {"kind": "?", "why": "?"}), fields=d["fields"], aws=d["aws"]) for cid, d in differences.items()}
        with open(a.write_known, "w") as f:
            json.dump({"cases": out}, f, indent=1, ensure_ascii=False)
            f.write("\n")

    for p in problems:
        print("FAIL   " + p)
    for line in agreeing_off_aws:
        print("note   moto and host agree, and both differ from AWS's recording: " + line)
    print("AWS's recordings: host matches %d, moto matches %d of %d cases" % (matches_aws["host"], matches_aws["moto"], len(cases)))
    print("differences by kind:")
    for kind, count in kinds.most_common():
        print("  %3d  %s" % (count, kind))
    print("%d cases: %d agree, %d differ (%d listed), %d problems; %.0f s"
          % (len(cases), agree, len(differences), sum(kinds.values()), len(problems), time.monotonic() - started))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
