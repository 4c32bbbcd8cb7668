"""Benchmarks of the web console of `host serve` (docs/console.md, docs/profiles/console.md):

1. `console.page`: time to first byte and to the complete page of `/executions/NAME` for an
   execution of 25,006 events (an inline Map of 6,250 Pass items: 4 events an item and 6 for
   the execution and its Map, docs/history.md), the first page and a middle one; and the
   server's processor time (user + system, /proc/PID/stat) for each, which the machine's load
   inflates much less than the wall clock.
2. `console.follow`: the server's peak resident memory while 20 clients follow 20 running
   executions live. Each client is a plain HTTP client that holds the execution's server-sent
   event stream (`/executions/NAME/events`) open until its `end` and, in a second thread, fetches
   the execution's page again at most once a second while events arrive, as console.js does.

Usage: python3 Tests/Benchmarks/console_bench.py [--host PATH] [--runs N] [--items N] [--followers N] [--only follow|page]
Only loopback is used; every loop is bounded in count and time.
"""
import argparse
import http.client
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
ACCOUNT, REGION = "123456789012", "us-east-1"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def call(port, operation, body):
    """One AWS JSON 1.0 call to Step Functions; its answer as JSON."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    connection.request("POST", "/", json.dumps(body), {
        "X-Amz-Target": "AWSStepFunctions." + operation, "Content-Type": "application/x-amz-json-1.0"})
    answer = connection.getresponse()
    data = answer.read()
    connection.close()
    if answer.status != 200:
        raise RuntimeError("%s: %d %s" % (operation, answer.status, data[:300]))
    return json.loads(data)


def machine_arn(name):
    return "arn:aws:states:%s:%s:stateMachine:%s" % (REGION, ACCOUNT, name)


def wait_for_end(port, arn, timeout):
    deadline = time.time() + timeout
    while time.time() < deadline:
        described = call(port, "DescribeExecution", {"executionArn": arn})
        if described["status"] != "RUNNING":
            return described
        time.sleep(0.2)
    raise RuntimeError("%s still RUNNING after %d s" % (arn, timeout))


def rss_kib(pid, field="VmRSS"):
    with open("/proc/%d/status" % pid) as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0


def timed_get(port, path):
    """(seconds to the first byte of the body, seconds to the last, bytes)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    started = time.perf_counter()
    connection.request("GET", path)
    answer = connection.getresponse()
    first = answer.read(1)
    first_byte = time.perf_counter() - started
    rest = answer.read()
    complete = time.perf_counter() - started
    connection.close()
    if answer.status != 200:
        raise RuntimeError("GET %s: %d" % (path, answer.status))
    return first_byte, complete, len(first) + len(rest)


def cpu_seconds(pid):
    """The process's processor time so far, user and system (/proc/PID/stat's utime + stime)."""
    with open("/proc/%d/stat" % pid) as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def follower(port, name, results, index, deadline):
    """Holds the execution's event stream until `end`; meanwhile another thread fetches the page
    again at most once a second after new events, one fetch at a time, as console.js does."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    connection.request("GET", "/executions/%s/events?after=0" % name, headers={"Accept": "text/event-stream"})
    answer = connection.getresponse()
    state = {"events": 0, "pages": 0, "dirty": False, "ended": None, "done": False}

    def redraw():
        while not state["done"] and time.time() < deadline:
            if state["dirty"]:
                state["dirty"] = False
                timed_get(port, "/executions/" + name)
                state["pages"] += 1
            time.sleep(1)

    drawer = threading.Thread(target=redraw)
    drawer.start()
    message = []
    while time.time() < deadline:
        line = answer.fp.readline()
        if not line:
            break
        line = line.decode().rstrip("\n")
        if line:
            message.append(line)
            continue
        kind = next((l[7:] for l in message if l.startswith("event: ")), None)
        data = next((l[6:] for l in message if l.startswith("data: ")), None)
        message = []
        if kind == "history":
            state["events"] += len(json.loads(data)["events"])
            state["dirty"] = True
        elif kind == "end":
            state["ended"] = json.loads(data).get("status")
            break
    connection.close()
    state["done"] = True
    drawer.join()
    results[index] = (state["events"], state["pages"], state["ended"])


def serve(host, workspace):
    port = free_port()
    log = open(os.path.join(workspace, "serve.log"), "ab")
    process = subprocess.Popen([host, "serve", "--port", str(port)], cwd=workspace, stdout=log, stderr=log)
    deadline = time.time() + 30
    while time.time() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return process, port
        except OSError:
            time.sleep(0.05)
    process.kill()
    raise RuntimeError("host serve did not listen")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--host", default=os.path.join(ROOT, ".build", "release", "host"))
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--items", type=int, default=6250)
    parser.add_argument("--followers", type=int, default=20)
    parser.add_argument("--only", choices=["follow", "page"], help="one of the two figures")
    options = parser.parse_args()
    options.host = os.path.abspath(options.host)

    workspace = tempfile.mkdtemp(prefix="host-console-bench-")
    os.makedirs(os.path.join(workspace, "machines"))
    with open(os.path.join(workspace, "machines", "BigMap.json"), "w") as f:
        json.dump({"StartAt": "Each", "States": {"Each": {"Type": "Map", "ItemsPath": "$.items", "ItemProcessor": {
            "ProcessorConfig": {"Mode": "INLINE"}, "StartAt": "Step", "States": {"Step": {"Type": "Pass", "End": True}}},
            "End": True}}}, f)
    # About 40 s of events: 80 items, 2 at a time, each waiting 1 s.
    with open(os.path.join(workspace, "machines", "Slow.json"), "w") as f:
        json.dump({"StartAt": "Each", "States": {"Each": {"Type": "Map", "ItemsPath": "$.items", "MaxConcurrency": 2,
            "ItemProcessor": {"ProcessorConfig": {"Mode": "INLINE"}, "StartAt": "Pause", "States": {
                "Pause": {"Type": "Wait", "Seconds": 1, "Next": "Step"}, "Step": {"Type": "Pass", "End": True}}},
            "End": True}}}, f)
    process, port = serve(options.host, workspace)
    try:
        # console.follow first, so that the page figures' memory does not count in its peak.
        if options.only != "page":
            follow(port, process, options)
        if options.only != "follow":
            page(port, process, options)
    finally:
        process.terminate()
        process.wait(timeout=30)
        shutil.rmtree(workspace, ignore_errors=True)


def follow(port, process, options):
    baseline = rss_kib(process.pid)
    names = ["follow-%d" % i for i in range(options.followers)]
    for name in names:
        call(port, "StartExecution", {"stateMachineArn": machine_arn("Slow"), "name": name,
                                      "input": json.dumps({"items": list(range(80))})})
    results = [None] * len(names)
    deadline = time.time() + 300
    threads = [threading.Thread(target=follower, args=(port, name, results, i, deadline)) for i, name in enumerate(names)]
    for thread in threads:
        thread.start()
    peak = baseline
    while any(thread.is_alive() for thread in threads) and time.time() < deadline:
        peak = max(peak, rss_kib(process.pid))
        time.sleep(0.1)
    for thread in threads:
        thread.join(timeout=5)
    load = os.getloadavg()
    print("console.follow: %d clients; RSS before %.1f MiB, peak while following %.1f MiB; "
          "events received %s; pages fetched %d; ends %s; load %.1f %.1f %.1f" % (
              len(names), baseline / 1024, peak / 1024, sorted({r[0] for r in results if r}),
              sum(r[1] for r in results if r), sorted({str(r[2]) for r in results if r}), *load))


def page(port, process, options):
    items = list(range(options.items))
    big = call(port, "StartExecution", {"stateMachineArn": machine_arn("BigMap"), "name": "big",
                                        "input": json.dumps({"items": items})})
    wait_for_end(port, big["executionArn"], 600)
    print("console.page: execution 'big' of %d items (%d events expected)" % (options.items, 4 * options.items + 6))
    for path in ["/executions/big", "/executions/big?after=12000"]:
        timed_get(port, path)  # one untimed warm-up
        runs, cpu = [], []
        for _ in range(options.runs):
            before = cpu_seconds(process.pid)
            runs.append(timed_get(port, path))
            cpu.append(cpu_seconds(process.pid) - before)
        first = sorted(r[0] for r in runs)
        complete = sorted(r[1] for r in runs)
        cpu.sort()
        print("  %s: first byte %.0f ms (%.0f..%.0f), complete %.0f ms (%.0f..%.0f), server CPU %.0f ms (%.0f..%.0f), "
              "%d bytes, %d runs, load %.1f" % (
                  path, statistics.median(first) * 1000, first[0] * 1000, first[-1] * 1000,
                  statistics.median(complete) * 1000, complete[0] * 1000, complete[-1] * 1000,
                  statistics.median(cpu) * 1000, cpu[0] * 1000, cpu[-1] * 1000, runs[0][2], len(runs),
                  os.getloadavg()[0]))
    print("  server peak RSS over the whole run (VmHWM): %.1f MiB" % (rss_kib(process.pid, "VmHWM") / 1024))


if __name__ == "__main__":
    sys.exit(main())
