"""The peer's Lambda functions for the golden cases (moto_run.py --lambda-module lambdas.py).

GoldenInvoker in ../GoldenSupport.swift answers as these do; README.md has how they are used.
"""
import time


def _error(name, message):
    return type(name, (Exception,), {})(message)


class TooManyRequestsException(Exception):
    pass


class ServerUnavailableException(Exception):
    pass


class UnknownException(Exception):
    pass


def MockAPIFunction(event, context):  # as the seed machine's function
    statuscode = event.get("statuscode") if isinstance(event, dict) else None
    if statuscode == "429":
        raise TooManyRequestsException("429 Too Many Requests")
    if statuscode == "503":
        raise ServerUnavailableException("503 Server Unavailable")
    if statuscode == "200":
        return "200 OK"
    raise UnknownException("Unknown error")


def Echo(event, context):
    return event


def _is_number(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def Add(event, context):
    a = event.get("a") if isinstance(event, dict) else None
    b = event.get("b") if isinstance(event, dict) else None
    if not (_is_number(a) and _is_number(b)):
        raise _error("InvalidInput", "a and b must be numbers")
    return a + b


def Fail(event, context):
    event = event if isinstance(event, dict) else {}
    raise _error(event.get("errorType", "CustomError"), event.get("errorMessage", "failed"))


def FailByAttempt(event, context):  # called with {"attempt.$": "$$.State.RetryCount", ...}
    attempt = event["attempt"]
    errors = event.get("errors", [])
    if attempt < len(errors) and errors[attempt] is not None:
        raise _error(errors[attempt], f"attempt {attempt} failed")
    return {"attempt": attempt, "ok": True}


def Slow(event, context):  # the stub answers .timedOut when seconds > the Task's TimeoutSeconds
    seconds = event.get("seconds", 5)
    time.sleep(seconds)
    return {"slept": seconds}
