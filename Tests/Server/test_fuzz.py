"""Malformed requests to every route of `host serve`: truncated bodies, wrong content types,
invalid JSON, JSON of the wrong shape, fields of the wrong type, random bytes, bodies over the
limit. Each must get an AWS-shaped error (4xx, `x-amzn-ErrorType`, a JSON body with the code and
a message), never a 5xx or a dropped connection; afterwards the server still serves, and what
was stored before is unchanged. The random parts come from a seeded generator, so a failure
repeats.

An AWS JSON protocol error carries its code as `__type` in the body; Lambda's REST-JSON carries
it in `x-amzn-ErrorType` only, with `{"Type": "User", "Message": ...}` in the body, as Lambda
answers (docs/server.md#errors).
"""
import http.client
import json
import random
import socket

import pytest

from conftest import machine_arn, wait_for_end

SEED = 20251205
ROLE = "arn:aws:iam::123456789012:role/test"
PASS = json.dumps({"StartAt": "P", "States": {"P": {"Type": "Pass", "End": True}}})
SAMPLE_MACHINE = "arn:aws:states:us-east-1:123456789012:stateMachine:fuzz-sample"
SAMPLE_EXECUTION = "arn:aws:states:us-east-1:123456789012:execution:fuzz-sample:one"
# Routes.bodyLimit: Lambda's 6 MB payload limit and 64 KB for the JSON around it.
BODY_LIMIT = 6 * 1024 * 1024 + 64 * 1024

# The fields each operation reads and their kinds, as StepFunctionsAPI and LogsAPI read them.
STEP_FUNCTIONS = {
    "ListStateMachines": {"maxResults": "int", "nextToken": "string"},
    "DescribeStateMachine": {"stateMachineArn": "arn"},
    "CreateStateMachine": {"name": "string", "definition": "definition", "roleArn": "role", "type": "string", "tags": "tags"},
    "UpdateStateMachine": {"stateMachineArn": "arn", "definition": "definition", "roleArn": "role"},
    "DeleteStateMachine": {"stateMachineArn": "arn"},
    "ValidateStateMachineDefinition": {"definition": "definition"},
    "StartExecution": {"stateMachineArn": "arn", "name": "string", "input": "string"},
    "StopExecution": {"executionArn": "execution", "error": "string", "cause": "string"},
    "DescribeExecution": {"executionArn": "execution"},
    "ListExecutions": {"stateMachineArn": "arn", "statusFilter": "string", "maxResults": "int", "nextToken": "string"},
    "GetExecutionHistory": {"executionArn": "execution", "maxResults": "int", "nextToken": "string", "reverseOrder": "bool",
                            "includeExecutionData": "bool"},
    "DescribeStateMachineForExecution": {"executionArn": "execution"},
    "TagResource": {"resourceArn": "arn", "tags": "tags"},
    "UntagResource": {"resourceArn": "arn", "tagKeys": "strings"},
    "ListTagsForResource": {"resourceArn": "arn"},
    "SendTaskSuccess": {"taskToken": "string", "output": "string"},
    "SendTaskFailure": {"taskToken": "string", "error": "string", "cause": "string"},
    "SendTaskHeartbeat": {"taskToken": "string"},
}
LOGS = {
    "DescribeLogGroups": {"logGroupNamePrefix": "string", "limit": "int", "nextToken": "string"},
    "DescribeLogStreams": {"logGroupName": "group", "logStreamNamePrefix": "string", "orderBy": "string", "descending": "bool",
                           "limit": "int", "nextToken": "string"},
    "GetLogEvents": {"logGroupName": "group", "logStreamName": "string", "startTime": "millis", "endTime": "millis",
                     "nextToken": "string", "limit": "int", "startFromHead": "bool"},
    "FilterLogEvents": {"logGroupName": "group", "logStreamNames": "strings", "logStreamNamePrefix": "string", "startTime": "millis",
                        "endTime": "millis", "filterPattern": "string", "nextToken": "string", "limit": "int"},
    "CreateLogGroup": {"logGroupName": "group"},
    "CreateLogStream": {"logGroupName": "group", "logStreamName": "string"},
    "PutLogEvents": {"logGroupName": "group", "logStreamName": "string", "logEvents": "events"},
    "PutRetentionPolicy": {"logGroupName": "group", "retentionInDays": "int"},
    "DeleteRetentionPolicy": {"logGroupName": "group"},
    "DeleteLogGroup": {"logGroupName": "group"},
}
SAMPLES = {"int": 5, "string": "fuzz-sample", "arn": SAMPLE_MACHINE, "execution": SAMPLE_EXECUTION, "definition": PASS, "role": ROLE,
           "bool": True, "tags": [{"key": "k", "value": "v"}], "strings": ["a"], "millis": 0, "group": "/fuzz/sample",
           "events": [{"timestamp": 0, "message": "m"}]}
WRONG = {"int": "ten", "string": 5, "arn": ["arn"], "execution": {"arn": 1}, "definition": {"StartAt": "P"}, "role": 1.5,
         "bool": "yes", "tags": "k=v", "strings": [1], "millis": "yesterday", "group": False, "events": [{"timestamp": "now"}]}
INVALID_JSON = [b"{", b"}", b"{'name': 1}", b'{"name": }', b"nul", b'{"name" 1}', b'{"name": 1,}', b"[1, 2", b'{"name": NaN}',
                b'{"name": "\\x"}', b'{"name": "unterminated', b"\xff\xfe{}", b"{}{}", b"[" * 5000 + b"]" * 5000, b'{"a":' * 3000]
WRONG_SHAPES = [b"[]", b'[{"name": "x"}]', b"5", b"-0.5e3", b'"text"', b"null", b"true"]
CONTENT_TYPES = [None, "text/plain", "application/json", "application/x-www-form-urlencoded", "application/x-amz-json-1.1",
                 "application/x-amz-json-1.0"]


def send(port, method, path, headers=None, body=None):
    """One request on a connection of its own: (status, lowercased headers, body). A dropped
    connection raises, which fails the test."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        answer = connection.getresponse()
        return answer.status, {k.lower(): v for k, v in answer.getheaders()}, answer.read()
    finally:
        connection.close()


def assert_aws_error(answer, what, rest_json=False):
    status, headers, body = answer
    assert 400 <= status < 500, "%s: HTTP %d %r" % (what, status, body[:300])
    code = headers.get("x-amzn-errortype")
    assert code, "%s: no x-amzn-ErrorType (%r)" % (what, body[:300])
    document = json.loads(body)
    assert isinstance(document, dict), what
    assert isinstance(document.get("message", document.get("Message")), str) and document.get("message", document.get("Message")), what
    if rest_json:
        assert document.get("Type") == "User", what
    else:
        assert document.get("__type") == code, what
    return code


def json_route(port, target, body, content_type):
    headers = {"X-Amz-Target": target} if target is not None else {}
    if content_type:
        headers["Content-Type"] = content_type
    return send(port, "POST", "/", headers, body)


def malformed_bodies(fields, rng):
    """(kind, body) for one operation: truncations of a sample, invalid JSON, wrong shapes,
    each field of the wrong type, random bytes."""
    sample = json.dumps({name: SAMPLES[kind] for name, kind in fields.items()}).encode()
    for cut in sorted(rng.sample(range(1, len(sample)), min(3, len(sample) - 1))):
        yield "truncated at %d" % cut, sample[:cut]
    for body in rng.sample(INVALID_JSON, 2):
        yield "invalid JSON %r" % body[:20], body
    for body in rng.sample(WRONG_SHAPES, 2):
        yield "shape %r" % body, body
    for name, kind in fields.items():
        wrong = {field: SAMPLES[k] for field, k in fields.items()}
        wrong[name] = WRONG[kind]
        yield "%s of the wrong type" % name, json.dumps(wrong).encode()
    for _ in range(2):
        yield "random bytes", bytes(rng.randrange(256) for _ in range(rng.randrange(1, 300)))


@pytest.fixture
def stored(server, sfn):
    """A machine and an execution stored before the fuzzing: what they read as."""
    sfn.create_state_machine(name="fuzz-kept", definition=PASS, roleArn=ROLE)
    started = sfn.start_execution(stateMachineArn=machine_arn("fuzz-kept"), name="kept-1", input='{"kept": true}')
    wait_for_end(sfn, started["executionArn"])

    def read():
        machine = sfn.describe_state_machine(stateMachineArn=machine_arn("fuzz-kept"))
        execution = sfn.describe_execution(executionArn=started["executionArn"])
        events = sfn.get_execution_history(executionArn=started["executionArn"])["events"]
        for answer in (machine, execution):
            answer.pop("ResponseMetadata")
        return machine, execution, events

    return read


def test_every_route_answers_malformed_requests_with_aws_errors(server, sfn, stored):
    before = stored()
    rng = random.Random(SEED)
    port = server.port
    count = 0
    for prefix, operations in (("AWSStepFunctions", STEP_FUNCTIONS), ("Logs_20140328", LOGS)):
        for operation, fields in operations.items():
            target = "%s.%s" % (prefix, operation)
            for kind, body in malformed_bodies(fields, rng):
                content_type = rng.choice(CONTENT_TYPES)
                assert_aws_error(json_route(port, target, body, content_type), "%s, %s, %s" % (target, kind, content_type))
                count += 1

    # Targets host does not serve, and none.
    for target in ("AWSStepFunctions.NoSuchOperation", "Logs_20140328.NoSuchOperation", "DynamoDB_20120810.ListTables", "NoDot",
                   "", "AWSStepFunctions.", None):
        for body in (b"{}", b"[", bytes(rng.randrange(256) for _ in range(64))):
            code = assert_aws_error(json_route(port, target, body, "application/x-amz-json-1.0"), "target %r" % target)
            assert code in ("UnknownOperationException", "SerializationException"), target
            count += 1
    for method in ("GET", "PUT", "DELETE", "PATCH"):
        for path in ("/", "/nowhere", "/2015-03-31"):
            if method == "GET" and path != "/2015-03-31":
                continue  # the web console's pages (docs/console.md)
            code = assert_aws_error(send(port, method, path, {}, b'{"a": 1}'), "%s %s" % (method, path))
            assert code == "UnknownOperationException"
            count += 1

    # Lambda: invocations with bodies that are not JSON, bad headers, names, paths and methods.
    invoke = "/2015-03-31/functions/MockAPIFunction/invocations"
    for kind, body in malformed_bodies({"statuscode": "string"}, rng):
        if kind.startswith("truncated") or kind.startswith("invalid"):
            code = assert_aws_error(send(port, "POST", invoke, {"Content-Type": rng.choice(CONTENT_TYPES) or "application/json"}, body),
                                    "invoke, " + kind, rest_json=True)
            assert code == "InvalidRequestContentException", kind
        else:
            # A JSON value of any shape is an event the function runs with.
            status, headers, answer = send(port, "POST", invoke, {}, body)
            if status == 200:
                json.loads(answer)
            else:
                assert_aws_error((status, headers, answer), "invoke, " + kind, rest_json=True)
        count += 1
    for headers in ({"X-Amz-Invocation-Type": "Sideways"}, {"X-Amz-Log-Type": "Everything"}, {"X-Amz-Client-Context": "e30="}):
        assert_aws_error(send(port, "POST", invoke, headers, b"{}"), "invoke with %s" % headers, rest_json=True)
        count += 1
    for method, path in (("POST", "/2015-03-31/functions/NoSuchFunction/invocations"), ("POST", "/2015-03-31/functions/%ZZ/invocations"),
                         ("POST", "/2015-03-31/functions/" + "a" * 300 + "/invocations"),
                         ("POST", "/2015-03-31/functions/%E1%88%B4/invocations"), ("GET", "/2015-03-31/functions/NoSuchFunction"),
                         ("GET", "/2015-03-31/functions/?MaxItems=ten"), ("GET", "/2015-03-31/functions/?MaxItems=99999999999999999999999"),
                         ("DELETE", "/2015-03-31/functions/MockAPIFunction"), ("PUT", "/2015-03-31/functions/MockAPIFunction"),
                         ("POST", "/2015-03-31/functions/MockAPIFunction/invocations/more"), ("POST", "/2015-03-31/functions")):
        assert_aws_error(send(port, method, path, {}, b"{}"), "%s %s" % (method, path), rest_json=True)
        count += 1
    assert count > 300

    # The server still serves, and what was stored is as it was.
    assert "MyAPIStateMachine" in [m["name"] for m in sfn.list_state_machines()["stateMachines"]]
    answer = server.client("lambda").invoke(FunctionName="MockAPIFunction", Payload=b'{"statuscode":"200"}')
    assert json.loads(answer["Payload"].read()) == "200 OK"
    assert stored() == before


def declared_too_large(port, path, headers):
    """A request that declares a body far over the limit and sends only its first megabyte:
    the answer comes without the server waiting for the rest."""
    with socket.create_connection(("127.0.0.1", port), timeout=60) as connection:
        head = "POST %s HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nContent-Length: %d\r\n" % (path, port, 64 * 1024 * 1024)
        head += "".join("%s: %s\r\n" % item for item in headers.items()) + "\r\n"
        connection.sendall(head.encode() + b"a" * (1024 * 1024))
        answer = http.client.HTTPResponse(connection)
        answer.begin()
        return answer.status, {k.lower(): v for k, v in answer.getheaders()}, answer.read()


def chunked_too_large(port, path, headers):
    """A chunked body (no Content-Length) past the limit: refused once the limit is passed."""
    def chunks():
        for _ in range((BODY_LIMIT // 65536) + 16):
            yield b"b" * 65536
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        connection.request("POST", path, body=chunks(), headers=headers, encode_chunked=True)
        answer = connection.getresponse()
        return answer.status, {k.lower(): v for k, v in answer.getheaders()}, answer.read()
    finally:
        connection.close()


def test_a_body_over_the_limit_is_refused_without_being_read_whole(server, sfn, stored):
    before = stored()
    sfn_headers = {"X-Amz-Target": "AWSStepFunctions.StartExecution", "Content-Type": "application/x-amz-json-1.0"}
    logs_headers = {"X-Amz-Target": "Logs_20140328.PutLogEvents", "Content-Type": "application/x-amz-json-1.1"}
    invoke = "/2015-03-31/functions/MockAPIFunction/invocations"
    for send_too_large in (declared_too_large, chunked_too_large):
        for path, headers, rest_json in (("/", sfn_headers, False), ("/", logs_headers, False), (invoke, {}, True)):
            answer = send_too_large(server.port, path, headers)
            assert answer[0] == 413, (send_too_large.__name__, path, answer)
            assert assert_aws_error(answer, path, rest_json=rest_json) == "RequestEntityTooLargeException"
    assert "MyAPIStateMachine" in [m["name"] for m in sfn.list_state_machines()["stateMachines"]]
    assert stored() == before
