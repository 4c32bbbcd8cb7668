"""The conformance cases' Lambda functions for moto (run_differential.py loads this module).

Python versions of the Lua ports in the shared corpus's functions/ folder, which port the small
Python functions of the test suite the cases were recorded with. A raised exception reaches moto
as {"errorMessage": str(exc), "errorType": type(exc).__name__}.
"""


class CustomException(Exception):
    pass


def ls_id_function(event, context):
    return event


def ls_id_function_2(event, context):
    return event


def ls_echo_function(event, context):
    return {"Return": "HelloWorld"}


def ls_echo_function_2(event, context):
    return {"Return": "HelloWorld"}


def ls_large_output_string(event, context):
    return "a" * (257 * 1024)


def ls_raise_custom_exception(event, context):
    raise CustomException("")


def ls_raise_exception(event, context):
    raise Exception("Some exception was raised.")


def ls_raise_exception_2(event, context):
    raise Exception("Some exception was raised.")


def ls_return_bytes_str(event, context):
    return "HelloWorld!"
