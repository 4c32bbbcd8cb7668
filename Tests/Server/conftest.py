"""Fixtures for the tests of `host serve`: a copy of the repository's workspace (its functions,
machines and rules), a server on a free port of loopback, and boto3 clients pointed at it.

The server is the built `host` (HOST_BIN, default .build/debug/host beside this repository).
"""
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time

import boto3
import pytest
from botocore.config import Config

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
HOST = os.environ.get("HOST_BIN", os.path.join(ROOT, ".build", "debug", "host"))
REGION = "us-east-1"
ACCOUNT = "123456789012"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """`host serve` in a workspace of its own."""

    def __init__(self, workspace, bind=None, env=None):
        self.workspace = workspace
        self.port = free_port()
        # A server bound beyond loopback is still reached through loopback: tests send nothing
        # to any other address.
        self.endpoint = "http://127.0.0.1:%d" % self.port
        self.bind = bind
        self.env = env
        self.process = None

    def start(self):
        self.log = open(os.path.join(self.workspace, "serve.log"), "ab")
        arguments = [HOST, "serve", "--port", str(self.port)] + (["--bind", self.bind] if self.bind else [])
        self.process = subprocess.Popen(arguments, cwd=self.workspace, env=self.env, stdout=self.log, stderr=self.log)
        deadline = time.time() + 30
        while time.time() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                    return self
            except OSError:
                if self.process.poll() is not None:
                    raise RuntimeError("host serve exited: " + open(os.path.join(self.workspace, "serve.log")).read())
                time.sleep(0.05)
        raise RuntimeError("host serve did not listen within 30 s")

    def stop(self, sig=None):
        if self.process and self.process.poll() is None:
            if sig is None:
                self.process.terminate()
            else:
                self.process.send_signal(sig)
            self.process.wait(timeout=30)
        self.log.close()

    def client(self, service, key="test", secret="test"):
        return boto3.client(service, endpoint_url=self.endpoint, region_name=REGION, aws_access_key_id=key,
                            aws_secret_access_key=secret, config=Config(retries={"max_attempts": 1}, inject_host_prefix=False))

    def aws(self, *args, check=True):
        """The aws CLI against the server: (exit status, stdout, stderr)."""
        env = dict(os.environ, AWS_ACCESS_KEY_ID="test", AWS_SECRET_ACCESS_KEY="test", AWS_DEFAULT_REGION=REGION,
                   AWS_PAGER="", AWS_DISABLE_HOST_PREFIX_INJECTION="true")
        p = subprocess.run(["aws", "--endpoint-url", self.endpoint] + list(args), cwd=self.workspace, env=env,
                           capture_output=True, text=True, timeout=120)
        if check and p.returncode != 0:
            raise AssertionError("aws %s: %s" % (" ".join(args), p.stderr))
        return p.returncode, p.stdout, p.stderr


def make_workspace():
    folder = tempfile.mkdtemp(prefix="host-serve-")
    for name in ("functions", "machines", "rules", "tables", "topics", "examples"):
        if os.path.isdir(os.path.join(ROOT, name)):
            shutil.copytree(os.path.join(ROOT, name), os.path.join(folder, name))
    return folder


@pytest.fixture
def server():
    folder = make_workspace()
    running = Server(folder).start()
    yield running
    running.stop()
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def sfn(server):
    return server.client("stepfunctions")


def machine_arn(name):
    return "arn:aws:states:%s:%s:stateMachine:%s" % (REGION, ACCOUNT, name)


def wait_for_end(sfn, arn, timeout=60):
    deadline = time.time() + timeout
    while time.time() < deadline:
        described = sfn.describe_execution(executionArn=arn)
        if described["status"] != "RUNNING":
            return described
        time.sleep(0.05)
    raise AssertionError("%s still RUNNING after %d s" % (arn, timeout))


def history(sfn, arn, **kwargs):
    events = []
    paginator = sfn.get_paginator("get_execution_history")
    for page in paginator.paginate(executionArn=arn, **kwargs):
        events += page["events"]
    return events
