"""Run the portal in a child process for browser tests, so a test can stop and restart "the server"."""
from __future__ import annotations

import os

from werkzeug.serving import run_simple

from app import create_app

if __name__ == "__main__":
    app = create_app({"INSTANCE_PATH": os.environ["TEST_INSTANCE_PATH"], "APP_ENV": "development"})
    run_simple("127.0.0.1", int(os.environ["TEST_PORT"]), app, threaded=True, use_reloader=False)
