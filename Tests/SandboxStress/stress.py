#!/usr/bin/env python3
"""Stress test of the sandbox (issue 9): every case of cases.txt, a library function called
with hostile arguments, runs in its own `host invoke` of Stress.lua under a 1 s deadline and a
128 MB cap. A case passes when its process neither crashed nor hung, the function ended as a
named error (Sandbox.Timedout or Runtime.OutOfMemory: Stress.lua repeats the call until the
deadline), a timeout stopped within 100 ms of the deadline (the REPORT line's Duration), and
the process's peak memory (its maximum resident set) stayed under 128 MB plus a fixed base for
the host itself. It prints one line a case and a summary, and exits 1 when a case failed.

    Tests/SandboxStress/stress.py [HOST_EXECUTABLE]   # default .build/release/host, else debug
    STRESS_CASES='^json' Tests/SandboxStress/stress.py  # only the cases whose name matches

This is a stress script, not a test of the suite: it takes minutes and reports times."""
import json, os, re, selectors, shutil, subprocess, sys, tempfile, time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
DEADLINE_MS = 1000
PRECISION_MS = 100
MEMORY_MB = 128
# The host's own resident memory with an idle interpreter (Swift runtime, Foundation, SQLite).
BASE_MB = int(os.environ.get("STRESS_BASE_MB", "80"))
NAMED = {"Sandbox.Timedout", "Runtime.OutOfMemory"}


def host_executable():
    if len(sys.argv) > 1:
        return os.path.abspath(sys.argv[1])
    for build in ("release", "debug"):
        path = os.path.join(ROOT, ".build", build, "host")
        if os.access(path, os.X_OK):
            return path
    sys.exit("no host executable: run swift build -c release --product host first")


def cases():
    with open(os.path.join(HERE, "cases.txt"), encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line and not line.startswith("#"):
                name, call = line.split("\t", 1)
                if re.search(os.environ.get("STRESS_CASES", ""), name):
                    yield name, call


def main():
    host = host_executable()
    workspace = tempfile.mkdtemp(prefix="host-stress-")
    os.makedirs(os.path.join(workspace, "functions"))
    shutil.copy(os.path.join(HERE, "Stress.lua"), os.path.join(workspace, "functions", "Stress.lua"))
    with open(os.path.join(workspace, "functions", "Stress.json"), "w") as f:
        json.dump({"timeout": DEADLINE_MS // 1000, "memorySize": MEMORY_MB}, f)
    failures, worst_late, worst_peak = 0, 0.0, 0
    print(f"host: {host}\ndeadline {DEADLINE_MS} ms (+{PRECISION_MS} ms), cap {MEMORY_MB} MB (+{BASE_MB} MB for the host)")
    for name, call in cases():
        code, out, err, peak, wall = run_measured(host, workspace, call)
        text_err = err.decode("utf-8", "replace")
        first = re.search(r"^CASE\t(\S+)\t(.*)$", text_err, re.M)
        report = re.search(r"REPORT RequestId: \S+\tDuration: ([0-9.]+) ms", text_err)
        try:
            outcome = json.loads(out.decode("utf-8", "replace") or "null")
        except ValueError:
            outcome = None
        error_type = outcome.get("errorType") if isinstance(outcome, dict) else None
        duration = float(report.group(1)) if report else None
        problems = []
        if code is None:
            problems.append("hung (killed after 60 s)")
        elif code < 0 or code > 2:
            problems.append(f"crashed (exit {code})")
        if error_type not in NAMED:
            problems.append(f"ended as {error_type!r}")
        if error_type == "Sandbox.Timedout" and duration is not None and duration > DEADLINE_MS + PRECISION_MS:
            problems.append(f"stopped {duration - DEADLINE_MS:.0f} ms after the deadline")
        if peak > MEMORY_MB + BASE_MB:
            problems.append(f"peak {peak} MB")
        if error_type == "Sandbox.Timedout" and duration is not None:
            worst_late = max(worst_late, duration - DEADLINE_MS)
        worst_peak = max(worst_peak, peak)
        first_run = f"{first.group(1)}: {first.group(2)[:70]}" if first else "no first run (stopped inside it)"
        verdict = "FAIL " + "; ".join(problems) if problems else "ok"
        failures += bool(problems)
        print(f"{verdict:4} | {name:28} | {error_type or '-':20} | {duration or 0:8.1f} ms | peak {peak:4d} MB | {first_run}")
        sys.stdout.flush()
    shutil.rmtree(workspace, ignore_errors=True)
    print(f"{failures} failed; latest stop {worst_late:.0f} ms after the deadline; highest peak {worst_peak} MB")
    sys.exit(1 if failures else 0)


def run_measured(host, workspace, call):
    """Runs one invocation: (exit status or None when it hung, stdout, stderr, peak resident MB, seconds)."""
    start = time.monotonic()
    process = subprocess.Popen([host, "invoke", "--workspace", workspace, "Stress", "--log-type", "Tail",
                                "--event", json.dumps({"call": call})],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out_chunks, err_chunks = [], []
    selector = selectors.DefaultSelector()
    selector.register(process.stdout, selectors.EVENT_READ, out_chunks)
    selector.register(process.stderr, selectors.EVENT_READ, err_chunks)
    open_streams = 2
    while open_streams:
        if time.monotonic() - start > 60:
            process.kill()
            break
        for key, _ in selector.select(timeout=1):
            data = os.read(key.fileobj.fileno(), 1 << 16)
            if data:
                key.data.append(data)
            else:
                selector.unregister(key.fileobj)
                open_streams -= 1
    _, status, usage = os.wait4(process.pid, 0)
    code = None if time.monotonic() - start > 60 else (os.waitstatus_to_exitcode(status))
    return code, b"".join(out_chunks), b"".join(err_chunks), usage.ru_maxrss // 1024, time.monotonic() - start


if __name__ == "__main__":
    main()
