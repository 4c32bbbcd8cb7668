"""The console's live stream of an execution reports its task tokens as well as its history
(docs/console.md): a callback task registers its token after its TaskSubmitted event, so a
page drawn for that event may not have had the token yet, and the stream must tell it to draw
again when the token is registered or answered."""
import json
import os
import shutil
import time

from conftest import Server, history, make_workspace, machine_arn
from test_console_shutdown import next_message, open_stream


def test_the_stream_reports_a_token_registered_after_the_page_read_the_tokens():
    folder = make_workspace()
    with open(os.path.join(folder, "machines", "Callback.json"), "w") as f:
        json.dump({"StartAt": "Submit", "States": {"Submit": {
            "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke.waitForTaskToken",
            "Parameters": {"FunctionName": "Submit", "Payload": {"token.$": "$$.Task.Token"}}, "End": True}}}, f)
    with open(os.path.join(folder, "functions", "Submit.lua"), "w") as f:
        f.write('function handler(event, context) return "queued" end\n')
    server = Server(folder).start()
    try:
        sfn = server.client("stepfunctions")
        arn = sfn.start_execution(stateMachineArn=machine_arn("Callback"), name="cb")["executionArn"]
        deadline = time.time() + 30
        while not any(e["type"] == "TaskSubmitted" for e in history(sfn, arn)):
            assert time.time() < deadline, "no TaskSubmitted after 30 s"
            time.sleep(0.05)
        last = history(sfn, arn)[-1]["id"]

        # A page that read the tokens at revision 0 (before any was registered) and the history
        # up to TaskSubmitted: the stream has no event to send, but the token is news.
        connection, stream = open_stream(server, "/executions/cb/events?after=%d&tokens=0" % last)
        # The stream polls every 250 ms; keep-alive comments come every 15 s, so 10 s without a
        # message means none is coming.
        connection.sock.settimeout(10)
        kind, data = next_message(stream)
        assert kind == "history" and data["events"] == [] and data["lastEventId"] == last, (kind, data)
        assert data["status"] == "RUNNING"
        connection.close()
    finally:
        server.stop()
        shutil.rmtree(folder, ignore_errors=True)
