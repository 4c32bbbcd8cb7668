#!/usr/bin/env python3
"""The lambda:invoke adjustment (README.md): moto's `arn:aws:states:::lambda:invoke` result
becomes the Invoke response AWS returns, everywhere it appears in an expected result.

    python3 Golden/peer_case.py expect lambda_invoke/payload.basic --lambda-invoke

writes an expected file from the peer's result with this adjustment (`adjust`) applied.

moto keeps only `StatusCode`, `ExecutedVersion` and `Payload` of the response. What AWS returns
was recorded on AWS (services/test_lambda_task_service.py::test_invoke,
::test_invoke_json_values[...], ::test_invoke_unsupported_param for LogType Tail;
docs/history.md, "The lambda:invoke result"):

- members in the order ExecutedVersion, LogResult (LogType Tail only), Payload, SdkHttpMetadata,
  SdkResponseMetadata, StatusCode;
- SdkHttpMetadata.AllHttpHeaders, each value in an array, in the order X-Amz-Log-Result (Tail
  only), X-Amz-Executed-Version, x-amzn-Remapped-Content-Length, Connection, x-amzn-RequestId,
  Content-Length, Date, X-Amzn-Trace-Id, Content-Type; SdkHttpMetadata.HttpHeaders, the same
  headers as strings, sorted without regard to case; HttpStatusCode 200;
- Content-Length: the length of the response body, the function's result as its runtime wrote it
  (recorded: 2 for {}, 12 for "HelloWorld", 3 for 0.0). The peer's functions are Python, and
  Lambda's Python runtime writes a result with json.dumps' default separators ({"a": 1}), so the
  length is that of json.dumps(payload) (every golden payload is ASCII);
- Date: an HTTP date (RFC 9110 IMF-fixdate) of when Lambda answered: the virtual clock (start
  2024-05-01T12:00:00Z) plus the TaskSucceeded event's offset;
- X-Amzn-Trace-Id: per call and masked in the recording; written as the placeholder
  TRACE_PLACEHOLDER, which the expected file's "maskedTexts" lets stand for any X-Ray trace header
  (Root=1-<8 hex digits>-<24 hex digits>[;...], X-Ray Developer Guide, "Tracing header");
- the request id is the stub's (GoldenInvoker.requestId); LogResult and X-Amz-Log-Result are the
  base64 of the stub's log tail (STUB_LOG_TAIL: the golden functions log nothing, so the stub
  answers with the START, END and REPORT lines of such an invocation, with fixed figures).
"""
import base64
import datetime
import email.utils
import json
import sys

START = datetime.datetime(2024, 5, 1, 12, 0, 0, tzinfo=datetime.timezone.utc)
REQUEST_ID = "6c6d0a9e-0000-4000-8000-000000000001"
TRACE_PLACEHOLDER = "<X-Amzn-Trace-Id>"
TRACE_MASK = {"pattern": "[Rr]oot=1-[0-9a-f]{8}-[0-9a-f]{24}(;[A-Za-z]+=[0-9A-Za-z]+)*", "as": TRACE_PLACEHOLDER}
STUB_LOG_TAIL = (
    "START RequestId: %(id)s Version: $LATEST\n"
    "END RequestId: %(id)s\n"
    "REPORT RequestId: %(id)s\tDuration: 1.00 ms\tBilled Duration: 1 ms\tMemory Size: 128 MB\tMax Memory Used: 1 MB\t\n"
) % {"id": REQUEST_ID}
MOTO_KEYS = {"StatusCode", "ExecutedVersion", "Payload"}
ADJUSTMENT = (
    "lambda:invoke result: moto keeps only StatusCode, ExecutedVersion and Payload; AWS returns the "
    "whole Invoke response (recorded on AWS: services/test_lambda_task_service.py::test_invoke, "
    "::test_invoke_json_values[...], ::test_invoke_unsupported_param): ExecutedVersion, [LogResult,] "
    "Payload, SdkHttpMetadata (AllHttpHeaders in AWS's order, HttpHeaders sorted without regard to "
    "case, HttpStatusCode), SdkResponseMetadata, StatusCode, in every place the result appears. "
    "Applied by lambda_invoke_adjustment.py: Content-Length = the length of json.dumps(payload) (the "
    "Python runtime's body), Date = the HTTP date of the TaskSucceeded event's virtual time, "
    "X-Amzn-Trace-Id masked (maskedTexts), the stub's request id, and for LogType Tail the base64 of "
    "the stub's log tail.")


def is_moto_result(value):
    return isinstance(value, dict) and MOTO_KEYS <= set(value) <= MOTO_KEYS | {"FunctionError"} \
        and "FunctionError" not in value


def aws_response(moto, date, log_tail=None):
    payload = moto["Payload"]
    log_result = base64.b64encode(log_tail.encode()).decode() if log_tail is not None else None
    headers = []
    if log_result is not None:
        headers.append(("X-Amz-Log-Result", log_result))
    headers += [
        ("X-Amz-Executed-Version", moto["ExecutedVersion"]),
        ("x-amzn-Remapped-Content-Length", "0"),
        ("Connection", "keep-alive"),
        ("x-amzn-RequestId", REQUEST_ID),
        ("Content-Length", str(len(json.dumps(payload).encode("utf-8")))),
        ("Date", email.utils.format_datetime(date, usegmt=True)),
        ("X-Amzn-Trace-Id", TRACE_PLACEHOLDER),
        ("Content-Type", "application/json"),
    ]
    response = {"ExecutedVersion": moto["ExecutedVersion"]}
    if log_result is not None:
        response["LogResult"] = log_result
    response["Payload"] = payload
    response["SdkHttpMetadata"] = {
        "AllHttpHeaders": {name: [value] for name, value in headers},
        "HttpHeaders": {name: value for name, value in sorted(headers, key=lambda h: h[0].lower())},
        "HttpStatusCode": moto["StatusCode"],
    }
    response["SdkResponseMetadata"] = {"RequestId": REQUEST_ID}
    response["StatusCode"] = moto["StatusCode"]
    return response


def key(value):
    return json.dumps(value, sort_keys=True)


def replace(value, responses):
    """value with every moto result in it replaced; (new value, whether anything changed)."""
    if is_moto_result(value):
        if key(value) not in responses:
            raise ValueError("a lambda:invoke result that no TaskSucceeded event gave: %s" % json.dumps(value))
        return responses[key(value)], True
    if isinstance(value, dict):
        changed = False
        out = {}
        for k, v in value.items():
            out[k], c = replace(v, responses)
            changed = changed or c
        return out, changed
    if isinstance(value, list):
        pairs = [replace(v, responses) for v in value]
        return [p[0] for p in pairs], any(p[1] for p in pairs)
    return value, False


def compact(value):
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


def adjust(expected):
    """Rewrites an expected result (status, output, history with offsets) in place."""
    responses = {}
    log_tail_wanted = False
    for event in expected["history"]:
        details = next((v for k, v in event.items() if k.endswith("EventDetails")), None)
        if not isinstance(details, dict) or details.get("resourceType") != "lambda" or details.get("resource") != "invoke":
            pass
        elif event["type"] == "TaskScheduled":
            log_tail_wanted = json.loads(details["parameters"]).get("LogType") == "Tail"
        elif event["type"] == "TaskSucceeded":
            moto = json.loads(details["output"])
            if not is_moto_result(moto):
                raise ValueError("event %d: not moto's lambda:invoke result: %s" % (event["id"], details["output"]))
            date = START + datetime.timedelta(seconds=event["offset"])
            response = aws_response(moto, date, STUB_LOG_TAIL if log_tail_wanted else None)
            if key(moto) in responses and responses[key(moto)] != response:
                raise ValueError("two calls gave the same moto result with different responses; tell them apart by hand")
            responses[key(moto)] = response
        if isinstance(details, dict):
            for field in ("input", "output"):
                if isinstance(details.get(field), str):
                    value, changed = replace(json.loads(details[field]), responses)
                    if changed:
                        details[field] = compact(value)
    expected["output"], _ = replace(expected.get("output"), responses)
    if not responses:
        raise ValueError("no lambda:invoke result in this history")
    masks = expected.setdefault("maskedTexts", [])
    if TRACE_MASK not in masks:
        masks.append(TRACE_MASK)
    adjustments = [a for a in expected.setdefault("adjustments", []) if not a.startswith("lambda:invoke result")]
    expected["adjustments"] = adjustments + [ADJUSTMENT]
    return expected


if __name__ == "__main__":
    sys.exit("run it through peer_case.py: python3 Golden/peer_case.py expect FEATURE/CASE.VARIANT --lambda-invoke")
