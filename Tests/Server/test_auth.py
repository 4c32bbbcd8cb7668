"""`host serve` beyond loopback: it refuses to start without credentials, and with them serves
only requests signed (SigV4) by a configured key, answering the rest as AWS does
(docs/server.md). botocore's signer is the oracle: an implementation independent of host's.

The server listens on 0.0.0.0 but every request goes to 127.0.0.1: nothing leaves the machine.
"""
import datetime
import json
import os
import re
import shutil
import subprocess
import urllib.error
import urllib.request
from urllib.parse import quote

import boto3
import pytest
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.config import Config
from botocore.credentials import Credentials
from botocore.exceptions import ClientError

from conftest import HOST, REGION, Server, free_port, machine_arn, make_workspace, wait_for_end

KEY, SECRET = "AKIDHOSTDEFAULT", "default/secret+key"
SECOND_KEY, SECOND_SECRET = "AKIDHOSTSECOND", "second-secret"
ENV_KEY, ENV_SECRET = "AKIDHOSTENV", "environment-secret"
BIND = "0.0.0.0"
PASS = json.dumps({"StartAt": "P", "States": {"P": {"Type": "Pass", "End": True}}})
ROLE = "arn:aws:iam::123456789012:role/test"
MISMATCH = "The request signature we calculated does not match the signature you provided."


def server_environment(**variables):
    """This process's environment without the server's credential variables, plus `variables`."""
    env = {k: v for k, v in os.environ.items() if k not in ("HOST_ACCESS_KEY_ID", "HOST_SECRET_ACCESS_KEY")}
    env.update(variables)
    return env


def write_credentials(folder, text):
    os.makedirs(os.path.join(folder, ".host"), exist_ok=True)
    with open(os.path.join(folder, ".host", "credentials"), "w") as f:
        f.write(text)


CREDENTIALS = """# two profiles: either key is served
[default]
aws_access_key_id = %s
aws_secret_access_key = %s

[second]
aws_access_key_id = %s
aws_secret_access_key = %s
""" % (KEY, SECRET, SECOND_KEY, SECOND_SECRET)


@pytest.fixture
def workspace():
    folder = make_workspace()
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def signed(workspace):
    write_credentials(workspace, CREDENTIALS)
    running = Server(workspace, bind=BIND, env=server_environment(HOST_ACCESS_KEY_ID=ENV_KEY, HOST_SECRET_ACCESS_KEY=ENV_SECRET))
    running.start()
    yield running
    running.stop()


def serve_and_exit(folder, env):
    """`host serve --bind 0.0.0.0` that must exit by itself: a server that started would run
    until the timeout, which fails the test."""
    return subprocess.run([HOST, "serve", "--bind", BIND, "--port", str(free_port())], cwd=folder, env=env,
                          capture_output=True, text=True, timeout=60)


def error_of(info):
    response = info.value.response
    return response["Error"]["Code"], response["ResponseMetadata"]["HTTPStatusCode"], response["Error"]["Message"]


def send(request):
    """A request botocore prepared, sent as it is: (status, headers, JSON body)."""
    prepared = request.prepare()
    plain = urllib.request.Request(prepared.url, data=prepared.body, headers=dict(prepared.headers), method=prepared.method)
    try:
        with urllib.request.urlopen(plain, timeout=30) as answer:
            return answer.status, answer.headers, json.loads(answer.read() or b"{}")
    except urllib.error.HTTPError as error:
        return error.code, error.headers, json.loads(error.read())


def botocore_request(endpoint, key, secret, service, target, body=b"{}", method="POST", path="/"):
    headers = {"Content-Type": "application/x-amz-json-1.0"}
    if target:
        headers["X-Amz-Target"] = target
    request = AWSRequest(method=method, url=endpoint + path, data=body, headers=headers)
    signer = SigV4Auth(Credentials(key, secret), service, REGION)
    signer.add_auth(request)
    return request, signer


def test_without_credentials_it_refuses_to_start_and_names_both_places(workspace):
    result = serve_and_exit(workspace, server_environment())
    assert result.returncode == 2, result.stderr
    message = result.stderr
    assert message.startswith("host: serving on 0.0.0.0, beyond loopback,"), message
    assert os.path.join(workspace, ".host", "credentials") in message
    assert "HOST_ACCESS_KEY_ID" in message and "HOST_SECRET_ACCESS_KEY" in message
    # The clients' own variables are not the server's credentials.
    result = serve_and_exit(workspace, server_environment(AWS_ACCESS_KEY_ID="AKID", AWS_SECRET_ACCESS_KEY="secret"))
    assert result.returncode == 2 and "HOST_ACCESS_KEY_ID" in result.stderr


def test_a_malformed_credentials_file_is_refused_at_its_line(workspace):
    write_credentials(workspace, "[default]\naws_access_key_id = AKID\naws_secret_acces_key = typo\n")
    result = serve_and_exit(workspace, server_environment())
    path = os.path.join(workspace, ".host", "credentials")
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        "host: %s:3:1: error: 'aws_secret_acces_key' is not read by host serve: a profile holds aws_access_key_id and "
        "aws_secret_access_key only" % path,
        "%s:1:1: error: profile 'default' sets aws_access_key_id but no aws_secret_access_key" % path,
    ]


def test_every_configured_key_is_served(signed):
    for key, secret in ((KEY, SECRET), (SECOND_KEY, SECOND_SECRET), (ENV_KEY, ENV_SECRET)):
        names = [m["name"] for m in signed.client("stepfunctions", key, secret).list_state_machines()["stateMachines"]]
        assert "MyAPIStateMachine" in names
    sfn = signed.client("stepfunctions", KEY, SECRET)
    sfn.create_state_machine(name="signed", definition=PASS, roleArn=ROLE)
    started = sfn.start_execution(stateMachineArn=machine_arn("signed"), input='{"a": [1, "ሴ"]}')
    described = wait_for_end(sfn, started["executionArn"])
    assert described["status"] == "SUCCEEDED" and json.loads(described["output"]) == {"a": [1, "ሴ"]}
    lam = signed.client("lambda", KEY, SECRET)
    # A function named by ARN: its colons are escaped in the path, which is signed escaped again.
    answer = lam.invoke(FunctionName="arn:aws:lambda:us-east-1:123456789012:function:MockAPIFunction", Payload=b'{"statuscode":"200"}')
    assert json.loads(answer["Payload"].read()) == "200 OK"
    # A query string is signed too.
    assert len(lam.list_functions(MaxItems=1)["Functions"]) == 1
    logs = signed.client("logs", KEY, SECRET)
    assert "/aws/lambda/MockAPIFunction" in [g["logGroupName"] for g in logs.describe_log_groups()["logGroups"]]


def test_a_wrong_secret_is_an_invalid_signature(signed):
    calls = (("stepfunctions", lambda c: c.list_state_machines(), 400),
             ("logs", lambda c: c.describe_log_groups(), 400),
             ("lambda", lambda c: c.list_functions(), 403),
             ("lambda", lambda c: c.invoke(FunctionName="MockAPIFunction", Payload=b"{}"), 403))
    for service, call, status in calls:
        with pytest.raises(ClientError) as info:
            call(signed.client(service, KEY, "not-" + SECRET))
        code, http_status, message = error_of(info)
        assert (code, http_status) == ("InvalidSignatureException", status), service
        assert message.startswith(MISMATCH + " Check your AWS Secret Access Key and signing method."), message


def test_the_canonical_request_host_reports_is_botocores(signed):
    """With a wrong secret, host answers the canonical request and string to sign it computed:
    they must be botocore's, which depend on the request and not on the secret."""
    marker = signed.client("lambda", KEY, SECRET).list_functions(MaxItems=1)["NextMarker"]
    for service, target, path, method in (("states", "AWSStepFunctions.ListStateMachines", "/", "POST"),
                                          ("lambda", None, "/2015-03-31/functions/?MaxItems=2&Marker=%s" % quote(marker, safe=""), "GET"),
                                          ("lambda", None, "/2015-03-31/functions/arn%3Aaws%3Alambda%3Aus-east-1%3A123456789012"
                                                           "%3Afunction%3AMockAPIFunction/invocations", "POST")):
        request, signer = botocore_request(signed.endpoint, KEY, "wrong", service, target, path=path, method=method)
        # botocore computes them without the Authorization header it then adds.
        authorization = request.headers["Authorization"]
        del request.headers["Authorization"]
        canonical = signer.canonical_request(request)
        string_to_sign = signer.string_to_sign(request, canonical)
        request.headers["Authorization"] = authorization
        status, _, body = send(request)
        message = body.get("message") or body.get("Message")
        assert status in (400, 403) and message == (
            MISMATCH + " Check your AWS Secret Access Key and signing method. Consult the service documentation for details."
            "\n\nThe Canonical String for this request should have been\n'%s'\n\nThe String-to-Sign should have been\n'%s'\n"
            % (canonical, string_to_sign)), message
        # The same request with the right secret is served.
        request, _ = botocore_request(signed.endpoint, KEY, SECRET, service, target, path=path, method=method)
        assert send(request)[0] == 200, path


def test_a_body_other_than_the_signed_one_is_refused(signed):
    request, _ = botocore_request(signed.endpoint, KEY, SECRET, "states", "AWSStepFunctions.CreateStateMachine",
                                  body=json.dumps({"name": "signed-body", "definition": PASS, "roleArn": ROLE}).encode())
    request.data = json.dumps({"name": "other-body", "definition": PASS, "roleArn": ROLE}).encode()
    request.headers["Content-Length"] = str(len(request.data))
    status, headers, body = send(request)
    assert (status, body["__type"], headers["x-amzn-ErrorType"]) == (400, "InvalidSignatureException", "InvalidSignatureException")
    sfn = signed.client("stepfunctions", KEY, SECRET)
    assert [m["name"] for m in sfn.list_state_machines()["stateMachines"] if m["name"] in ("signed-body", "other-body")] == []


def test_an_unknown_key_is_an_unrecognized_client(signed):
    for service, call, status in (("stepfunctions", lambda c: c.list_state_machines(), 400),
                                  ("lambda", lambda c: c.list_functions(), 403)):
        with pytest.raises(ClientError) as info:
            call(signed.client(service, "AKIDNOTCONFIGURED", SECRET))
        assert error_of(info) == ("UnrecognizedClientException", status, "The security token included in the request is invalid.")
    # Temporary credentials cannot be checked: host keeps no session tokens.
    client = boto3.client("stepfunctions", endpoint_url=signed.endpoint, region_name=REGION, aws_access_key_id=KEY,
                          aws_secret_access_key=SECRET, aws_session_token="token", config=Config(retries={"max_attempts": 1}))
    with pytest.raises(ClientError) as info:
        client.list_state_machines()
    assert error_of(info)[0] == "UnrecognizedClientException"


def test_an_unsigned_request_is_refused(signed):
    """AWS answers a request without an Authorization header with MissingAuthenticationToken
    (HTTP 403) on the JSON protocols and on Lambda alike."""
    for path, method, headers in (("/", "POST", {"X-Amz-Target": "AWSStepFunctions.ListStateMachines",
                                                 "Content-Type": "application/x-amz-json-1.0"}),
                                  ("/", "POST", {"X-Amz-Target": "Logs_20140328.DescribeLogGroups",
                                                 "Content-Type": "application/x-amz-json-1.1"}),
                                  ("/2015-03-31/functions/", "GET", {}),
                                  ("/2015-03-31/functions/MockAPIFunction/invocations", "POST", {})):
        plain = urllib.request.Request(signed.endpoint + path, data=b"{}" if method == "POST" else None, headers=headers, method=method)
        with pytest.raises(urllib.error.HTTPError) as info:
            urllib.request.urlopen(plain, timeout=30)
        body = json.loads(info.value.read())
        assert info.value.code == 403, path
        assert info.value.headers["x-amzn-ErrorType"] == "MissingAuthenticationTokenException"
        assert (body.get("message") or body.get("Message")) == "Missing Authentication Token"


def test_a_request_time_more_than_15_minutes_away_is_refused(signed):
    for minutes, pattern in ((-20, r"Signature expired: (\d{8}T\d{6}Z) is now earlier than \d{8}T\d{6}Z \(\d{8}T\d{6}Z - 15 min\.\)"),
                             (20, r"Signature not yet current: (\d{8}T\d{6}Z) is still later than \d{8}T\d{6}Z \(\d{8}T\d{6}Z \+ 15 min\.\)")):
        moment = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(minutes=minutes)
        amz_date = moment.strftime("%Y%m%dT%H%M%SZ")
        headers = {"X-Amz-Target": "AWSStepFunctions.ListStateMachines", "Content-Type": "application/x-amz-json-1.0",
                   "X-Amz-Date": amz_date,
                   "Authorization": "AWS4-HMAC-SHA256 Credential=%s/%s/%s/states/aws4_request, SignedHeaders=host;x-amz-date, "
                                    "Signature=%s" % (KEY, amz_date[:8], REGION, "0" * 64)}
        plain = urllib.request.Request(signed.endpoint + "/", data=b"{}", headers=headers, method="POST")
        with pytest.raises(urllib.error.HTTPError) as info:
            urllib.request.urlopen(plain, timeout=30)
        body = json.loads(info.value.read())
        assert (info.value.code, body["__type"]) == (400, "InvalidSignatureException")
        match = re.fullmatch(pattern, body["message"])
        assert match and match.group(1) == amz_date, body["message"]


def test_on_loopback_any_credentials_or_none_are_served(workspace):
    write_credentials(workspace, CREDENTIALS)
    running = Server(workspace, env=server_environment()).start()
    try:
        assert running.client("stepfunctions", "anything", "at all").list_state_machines()["stateMachines"]
        plain = urllib.request.Request(running.endpoint + "/", data=b"{}", method="POST",
                                       headers={"X-Amz-Target": "AWSStepFunctions.ListStateMachines"})
        with urllib.request.urlopen(plain, timeout=30) as answer:
            assert answer.status == 200 and json.loads(answer.read())["stateMachines"]
    finally:
        running.stop()


def test_malformed_authorization_headers_are_answered_as_aws_errors(signed):
    """Truncations and mutations of a valid signature's headers, from a seeded generator: each
    is an AWS-shaped refusal, never a success, a 5xx or a dropped connection."""
    import random
    rng = random.Random(20251205)
    request, _ = botocore_request(signed.endpoint, KEY, SECRET, "states", "AWSStepFunctions.ListStateMachines")
    authorization, amz_date = request.headers["Authorization"], request.headers["X-Amz-Date"]
    variants = [authorization[:cut] for cut in sorted(rng.sample(range(len(authorization)), 25))]
    variants += [authorization.replace(part, "", 1) for part in ("Credential=", "SignedHeaders=", "Signature=", ", ", "AWS4-HMAC-SHA256 ")]
    variants += [authorization.replace("aws4_request", "aws4_requests"), authorization.replace("/states/", "//"),
                 authorization.replace(amz_date[:8], "20000101"), authorization.replace("host;", "HOST;"),
                 authorization.replace("SignedHeaders=", "SignedHeaders=authorization;"), authorization + ", Signature=00",
                 "AWS4-HMAC-SHA256 Credential=%s/%s/us-east-1/states/aws4_request, SignedHeaders=, Signature=" % (KEY, amz_date[:8]),
                 "AWS4-ECDSA-P256-SHA256 " + authorization.split(" ", 1)[1], "AWS %s:c2lnbmF0dXJl" % KEY, "", " ", ","]
    variants += ["".join(chr(rng.randrange(32, 127)) for _ in range(rng.randrange(1, 200))) for _ in range(15)]
    for variant in variants:
        for date in (amz_date, "2015-08-30T12:36:00Z", None):
            headers = {"X-Amz-Target": "AWSStepFunctions.ListStateMachines", "Content-Type": "application/x-amz-json-1.0",
                       "Authorization": variant}
            if date:
                headers["X-Amz-Date"] = date
            plain = urllib.request.Request(signed.endpoint + "/", data=b"{}", headers=headers, method="POST")
            with pytest.raises(urllib.error.HTTPError) as info:
                urllib.request.urlopen(plain, timeout=30)
            body = json.loads(info.value.read())
            assert info.value.code in (400, 403), (variant, date)
            assert body["__type"] == info.value.headers["x-amzn-ErrorType"] and body["__type"] in (
                "MissingAuthenticationTokenException", "IncompleteSignatureException", "UnrecognizedClientException",
                "InvalidSignatureException"), (variant, date, body)
            assert body["message"], (variant, date)
    # Still served, signed rightly.
    assert signed.client("stepfunctions", KEY, SECRET).list_state_machines()["stateMachines"]
