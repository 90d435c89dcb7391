"""schemathesis against /api/v1/openapi.json: cases generated from the published schema (valid and not), each
checked for a server error, responses matching the schema, and statuses the document declares.

The API is stateless (no row of an application is written), so one app on a migrated SQLite file serves every case;
schemathesis' fixture loader does not run under this pytest, hence the module-level app."""
from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance, status_code_conformance

from app import create_app
from tests.conftest import base_config, build_schema

_FOLDER = Path(tempfile.mkdtemp(prefix="schemathesis-"))
_APP = create_app(base_config(_FOLDER, f"sqlite:///{_FOLDER / 'api.sqlite3'}"))
build_schema(_APP)
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", _APP)


CHECKS = [not_a_server_error, status_code_conformance, response_schema_conformance]


@schema.exclude(path_regex="packet").parametrize()
@settings(max_examples=100, deadline=None, suppress_health_check=list(HealthCheck))
def test_the_api_answers_every_generated_case_as_its_schema_says(case: Any) -> None:
    case.call_and_validate(checks=CHECKS)


@schema.include(path_regex="packet").parametrize()
@settings(max_examples=10, deadline=None, suppress_health_check=list(HealthCheck))
def test_the_packet_endpoint_answers_generated_cases_as_its_schema_says(case: Any) -> None:
    """Fewer cases: each valid one renders a PDF (about a second); tests/app/test_api_packet.py covers the rest."""
    case.call_and_validate(checks=CHECKS)
