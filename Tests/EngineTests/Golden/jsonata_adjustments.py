#!/usr/bin/env python3
"""The adjustments of the jsonata/ and variables/ golden cases that belong to one case each
(README.md, "Adjustments to the peer's results"), made after `peer_case.py expect`:

    python3 Golden/peer_case.py expect ...     # first, for these cases
    python3 Golden/jsonata_adjustments.py      # from Tests/EngineTests, once after it

moto evaluates JSONata with jsonata-python (the peer harness plugs it in), but its Step Functions
layer differs from AWS where a JSONata expression fails: it leaves the field out of the cause
and the `location` out of EvaluationFailed, and it does not fail a Task's Arguments or a
Parallel branch with States.QueryEvaluationError. Each change is written into the case's
"adjustments" with its evidence.
"""
import json
import os
import sys

sys.dont_write_bytecode = True  # nothing written beside the scripts
HERE = os.path.dirname(os.path.abspath(__file__))

FIELD_EVIDENCE = (
    "recorded on AWS (conformance corpus, assign/test_assign_reference_variables.py::"
    "test_undefined_reference[BASE_UNDEFINED_OUTPUT_FIELD], [BASE_UNDEFINED_ASSIGN], "
    "[BASE_UNDEFINED_ARGUMENTS_FIELD]): the cause names the field, 'The JSONata expression "
    "'$doesNotExist' specified for the field 'Output/result' returned nothing (undefined).'; "
    "EvaluationFailed carries {error, cause, location, state}, location being the field and the "
    "members on the way joined by '/' (docs/variables.md, \"Failures\")")


def prefix(state, event_id):
    return "An error occurred while executing the state '%s' (entered at the event id #%d). " % (state, event_id)


def load(case):
    path = os.path.join(HERE, case + ".expected.json")
    with open(path) as f:
        return path, json.load(f)


def save(path, expected):
    with open(path, "w") as f:
        json.dump(expected, f, indent=1, ensure_ascii=False)
        f.write("\n")


def evaluation_failed(event_id, previous, offset, state, entered, text, detail, location):
    cause = prefix(state, entered) + detail
    return {"offset": offset, "type": "EvaluationFailed", "id": event_id, "previousEventId": previous,
            "evaluationFailedEventDetails": {"error": "States.QueryEvaluationError", "cause": cause,
                                             "location": location, "state": state}}, cause


def name_field(case, state, entered, expression, location):
    """moto's undefined-result cause without the field, and no location: AWS's wording."""
    path, expected = load(case)
    detail = "The JSONata expression '%s' specified for the field '%s' returned nothing (undefined)." % (expression, location)
    cause = prefix(state, entered) + detail
    for event in expected["history"]:
        details = event.get("evaluationFailedEventDetails")
        if details is not None:
            details["cause"] = cause
            details["location"] = location
            event["evaluationFailedEventDetails"] = {k: details[k] for k in ("error", "cause", "location", "state")}
        if "executionFailedEventDetails" in event:
            event["executionFailedEventDetails"]["cause"] = cause
    expected["cause"] = cause
    expected["adjustments"].append(
        "The cause names the field ('%s') and EvaluationFailed has location '%s'; moto leaves both out. "
        "Evidence: %s." % (location, location, FIELD_EVIDENCE))
    save(path, expected)


def arguments_type_error():
    case = "jsonata/arguments_type_error.basic"
    path, expected = load(case)
    history = [e for e in expected["history"] if e["type"] in ("ExecutionStarted", "TaskStateEntered")]
    entered = history[-1]
    detail = ("The JSONata expression '$sum([1..$states.input.count])' specified for the field 'Arguments/a' threw an "
              "error during evaluation. T2004: The right side of the range operator (..) must evaluate to an integer")
    failed, cause = evaluation_failed(3, entered["id"], entered["offset"], "Call", entered["id"], None, detail, "Arguments/a")
    history.append(failed)
    history.append({"offset": entered["offset"], "type": "ExecutionFailed", "id": 4, "previousEventId": 3,
                    "executionFailedEventDetails": {"error": "States.QueryEvaluationError", "cause": cause}})
    expected["history"] = history
    expected["error"] = "States.QueryEvaluationError"
    expected["cause"] = cause
    expected["adjustments"].append(
        "moto runs the failed Arguments expression as the Lambda function's failure (LambdaFunctionFailed, "
        "error 'Exception', a Python tuple as cause). AWS fails the state before it schedules anything: "
        "TaskStateEntered, EvaluationFailed, ExecutionFailed with States.QueryEvaluationError (recorded on AWS, "
        "test_undefined_reference[BASE_UNDEFINED_ARGUMENTS_FIELD]: those event types for an Arguments member), "
        "the cause worded '... threw an error during evaluation. <code>: <message>' (recorded on AWS, "
        "intrinsic_functions/test_math_operations_jsonata.py::test_math_random_seeded: 'T1006: Attempted to "
        "invoke a non-function'). T2004 and its message are JSONata's own for a range ending in a non-integer "
        "(the peer's jsonata-python gives the same text; the message has no token or value filled in, which "
        "JSONata's implementations write differently). Location: " + FIELD_EVIDENCE + ".")
    save(path, expected)


def other_branch():
    case = "variables/other_branch.basic"
    path, expected = load(case)
    history = expected["history"]
    assert history[-1]["type"] == "ExecutionFailed" and history[-2]["type"] == "EvaluationFailed"
    failed = history[-2]
    detail = "The JSONata expression '$own' specified for the field 'Assign/borrowed' returned nothing (undefined)."
    cause = prefix("Borrow", failed["previousEventId"]) + detail
    failed["evaluationFailedEventDetails"] = {"error": "States.QueryEvaluationError", "cause": cause,
                                              "location": "Assign/borrowed", "state": "Borrow"}
    last = history.pop()
    history.append({"offset": last["offset"], "type": "ParallelStateFailed", "id": last["id"],
                    "previousEventId": failed["id"]})
    history.append({"offset": last["offset"], "type": "ExecutionFailed", "id": last["id"] + 1,
                    "previousEventId": last["id"],
                    "executionFailedEventDetails": {"error": "States.QueryEvaluationError", "cause": cause}})
    expected["error"] = "States.QueryEvaluationError"
    expected["cause"] = cause
    expected["adjustments"].append(
        "moto fails the execution with States.Runtime ('ValueError(Custom Error Names MUST NOT begin with the "
        "prefix 'States.' ...)'): it refuses its own States.QueryEvaluationError as a branch's error. AWS: the "
        "branch fails with States.QueryEvaluationError, so the Parallel state fails (ParallelStateFailed after "
        "the branch's last event, as for any uncaught branch failure: parallel/branch_fails.uncaught) and the "
        "execution fails with the branch's error and cause. A sibling branch's variable is not in the reading "
        "branch's scope, so '$own' is undefined (docs/variables.md, \"Scope\"; AWS: a Parallel branch sees the "
        "variables of the scope it started from, recorded in assign/test_assign_base.py::"
        "test_base_parallel_cases[BASE_SCOPE_PARALLEL]). Cause and location: " + FIELD_EVIDENCE + ".")
    save(path, expected)


def main():
    name_field("jsonata/missing_field.basic", "Shape", 2, "$states.input.customer.name", "Output/name")
    name_field("variables/read_before_assign.basic", "Read", 2, "$total", "Output/total")
    arguments_type_error()
    other_branch()
    print("adjusted")


if __name__ == "__main__":
    main()
