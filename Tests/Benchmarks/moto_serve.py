"""moto's server, as `moto_server` runs it, with Step Functions executing state machines.

The `serve.*` figures of HostBenchmarks start this to compare host serve with moto's server
mode. It is `moto_server` (moto 5.2.1, `pip install "moto[server]==5.2.1"`) with two changes,
both made in this process (nothing installed is modified):

1. moto's `stepfunctions.execute_state_machine` switch is on, as
   `POST /moto-api/config {"stepfunctions": {"execute_state_machine": true}}` would turn it
   on, so that StartExecution runs the machine instead of only recording the execution.
2. moto 5.2.1's StartExecution deep-copies the state machine with its earlier executions,
   whose workers hold locks, so the second execution of a machine fails with "cannot pickle
   '_thread.RLock' object" (getmoto/moto#10077, fixed after 5.2.1). The copy is given an empty
   list of executions, as the peer harness of this project does.

It listens on 127.0.0.1 at --port (0: a free port) and prints `port N` once it listens.
"""

import argparse
import copy
import sys
from typing import Any

from moto.core.config import default_user_config
from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app
from moto.stepfunctions.parser import models as parser_models
from werkzeug.serving import make_server


class _CopyWithoutExecutions:
    """Stands in for the `copy` module in moto's parser models (see 2. above)."""

    @staticmethod
    def deepcopy(obj: Any, memo: dict | None = None) -> Any:
        memo = {} if memo is None else memo
        executions = getattr(obj, "executions", None)
        if isinstance(executions, list):
            memo[id(executions)] = []
        backend = getattr(obj, "backend", None)
        if backend is not None:
            memo[id(backend)] = backend
        return copy.deepcopy(obj, memo)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args()

    default_user_config["stepfunctions"]["execute_state_machine"] = True
    parser_models.copy = _CopyWithoutExecutions

    # As moto_server's main: the dispatcher over every service, run by werkzeug with a
    # thread per connection (werkzeug then speaks keep-alive HTTP/1.1).
    app = DomainDispatcherApplication(create_backend_app)
    app.debug = True
    server = make_server("127.0.0.1", args.port, app, threaded=True)
    print(f"port {server.port}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    sys.exit(main())
