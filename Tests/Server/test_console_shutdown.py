"""`host serve` stops on SIGTERM while the console's streams are open (docs/console.md): a
log group's live tail and a running execution's event stream end when the graceful shutdown
begins, so that the server, which waits for the requests in flight, exits."""
import http.client
import json
import shutil
import signal
import time

from conftest import Server, make_workspace, machine_arn


def open_stream(server, path):
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    connection.request("GET", path, headers={"Accept": "text/event-stream"})
    answer = connection.getresponse()
    assert answer.status == 200, answer.status
    assert answer.getheader("Content-Type") == "text/event-stream"
    return connection, answer


def next_message(answer):
    """The next server-sent event: (type, data); (None, None) when the stream has ended."""
    lines = []
    while True:
        line = answer.fp.readline()
        if not line:
            return None, None
        line = line.decode().rstrip("\n")
        if line:
            lines.append(line)
            continue
        kind = next((l[7:] for l in lines if l.startswith("event: ")), None)
        if kind is not None:
            return kind, json.loads(next(l[6:] for l in lines if l.startswith("data: ")))
        lines = []  # a comment that keeps the stream open


def test_sigterm_stops_the_server_with_a_live_tail_and_an_execution_stream_open():
    folder = make_workspace()
    with open(folder + "/machines/Sleepy.json", "w") as f:
        json.dump({"StartAt": "Sleep", "States": {"Sleep": {"Type": "Wait", "Seconds": 600, "End": True}}}, f)
    server = Server(folder).start()
    try:
        logs = server.client("logs")
        logs.create_log_group(logGroupName="tailed")
        logs.create_log_stream(logGroupName="tailed", logStreamName="s")
        tail_connection, tail = open_stream(server, "/live-tail/tailed?after=0")
        # A line written now reaches the tail: the stream is being served.
        logs.put_log_events(logGroupName="tailed", logStreamName="s",
                            logEvents=[{"timestamp": int(time.time() * 1000), "message": "while tailing"}])
        kind, data = next_message(tail)
        assert kind == "log" and [e["message"] for e in data["events"]] == ["while tailing"], (kind, data)

        sfn = server.client("stepfunctions")
        sfn.start_execution(stateMachineArn=machine_arn("Sleepy"), name="sleeping")
        events_connection, events = open_stream(server, "/executions/sleeping/events?after=0")
        kind, data = next_message(events)
        assert kind == "history" and data["status"] == "RUNNING", (kind, data)

        server.process.send_signal(signal.SIGTERM)
        deadline = time.time() + 30
        while server.process.poll() is None and time.time() < deadline:
            time.sleep(0.05)
        assert server.process.returncode is not None, "host serve still running 30 s after SIGTERM"
        assert server.process.returncode == 0
        # Both streams were ended, not left hanging: what is left of them reads to the end.
        assert next_message(tail) == (None, None)
        assert next_message(events) == (None, None)
        tail_connection.close()
        events_connection.close()
    finally:
        server.stop()
        shutil.rmtree(folder, ignore_errors=True)
