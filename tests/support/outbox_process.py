"""`flask outbox deliver` in a process of its own (python -m tests.support.outbox_process CONFIG_JSON), on a test's
database and SMTP server, so a fault test can SIGKILL it mid-send and start another."""
from __future__ import annotations

import json
import sys

from app import create_app

if __name__ == "__main__":
    app = create_app(json.loads(sys.argv[1]))
    result = app.test_cli_runner().invoke(args=["outbox", "deliver"])
    print(result.output, end="")
    sys.exit(result.exit_code)
