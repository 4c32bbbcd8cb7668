#!/usr/bin/env python3
"""Runs the executions recorded on AWS (the shared conformance corpus) on a built host.

usage: check.py --host BIN [--shared DIR]

The corpus's own runner lays out each case and compares host's result with AWS's.

Every case must pass, Distributed Maps over their input included (docs/distributed-map.md). Each
failure must be listed, with its reason, in known_failures.json beside this file; an unlisted
failure, or a listed case that now passes, fails the check. The jsonata and variables groups
admit no failure at all, listed or not.

Exit status 0 when that holds, 1 otherwise, 2 when the corpus is missing.
"""
import argparse, json, os, re, subprocess, sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def run(runner, host, extra):
    p = subprocess.run([sys.executable, runner, "--host", host] + extra, capture_output=True, text=True)
    failed = set(re.findall(r"^FAIL (\S+) \[", p.stdout, re.M))
    summary = p.stdout.strip().splitlines()[-1] if p.stdout.strip() else p.stderr.strip()
    return failed, summary, p.stdout


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--host", required=True)
    ap.add_argument("--shared", default=os.path.join(ROOT, "..", "shared"))
    args = ap.parse_args()
    runner = os.path.join(args.shared, "conformance", "aws-recorded", "run")
    if not os.path.exists(runner):
        print("conformance: no corpus at %s (give --shared DIR)" % runner, file=sys.stderr)
        return 2
    known = json.load(open(os.path.join(HERE, "known_failures.json")))["cases"]

    failed, summary, output = run(runner, args.host, [])
    print("conformance, the whole corpus: " + summary)
    ok = True
    for case in sorted(failed - set(known)):
        print("  FAIL (not a known failure): " + case)
        ok = False
    for case in sorted(set(known) - failed):
        print("  PASS of a case listed as a known failure (remove it from known_failures.json): " + case)
        ok = False
    for case in sorted(failed & set(known)):
        print("  known failure: %s: %s" % (case, known[case]))
    for group, count in re.findall(r"^\s+(jsonata|variables)\s+\d+ passed,\s+(\d+) failed", output, re.M):
        if count != "0":
            print("  FAIL: %s failed in the group %s, which must have none" % (count, group))
            ok = False
    if len(re.findall(r"^\s+(jsonata|variables)\s+\d+ passed", output, re.M)) != 2:
        print("  FAIL: the runner's summary names no count for the jsonata and variables groups")
        ok = False

    for line in output.splitlines():
        if line.startswith("  ") and "passed" in line:
            print("  " + line.strip())
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
