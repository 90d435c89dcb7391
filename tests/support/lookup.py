"""Fixtures and helpers of the look-up tests: a county's DA, a CSV of court orders, a published order, a look-up."""
from __future__ import annotations

import io
from pathlib import Path
from typing import Any, Callable

import pytest
from sqlalchemy import select

from app.models import County

ORDER = {"county": "San Francisco", "case_number": "SC-000123", "date_of_birth": "1985-03-27", "last_name": "García",
         "relief": "dismissal", "order_date": "2026-11-30"}
HEADER = ("county", "case_number", "date_of_birth", "last_name", "relief", "order_date", "action")


def orders_csv(*rows: dict[str, str]) -> bytes:
    lines = [",".join(HEADER)] + [",".join(row.get(column, "") for column in HEADER) for row in rows]
    return ("\n".join(lines) + "\n").encode()


def lookup_form(**changes: str) -> dict[str, str]:
    """The /check form for ORDER's case, as a resident might type it; `changes` overrides fields."""
    form = {"county": "san-francisco", "case_number": "sc 123", "date_of_birth-month": "3", "date_of_birth-day": "27",
            "date_of_birth-year": "1985", "last_name": "garcia"}
    form.update(changes)
    return form


@pytest.fixture
def san_francisco(db_session: Any) -> County:
    return db_session.scalars(select(County).where(County.slug == "san-francisco")).one()


@pytest.fixture
def sf_da(make_user: Callable[..., Any], san_francisco: County) -> Any:
    return make_user(role="da", office_slug=None, county_id=san_francisco.id)


def publish_rows(user: Any, tmp_path: Path, *rows: dict[str, str]) -> Any:
    """Publish a CSV of `rows` as `user` through the publishing module (the pages have their own tests)."""
    from app.lookup.publishing import publish_orders_csv

    path = tmp_path / f"orders-{len(list(tmp_path.glob('orders-*')))}.csv"
    path.write_bytes(orders_csv(*rows))
    return publish_orders_csv(path, user)


def upload_orders(client_request: Any, content: bytes, expected_status: int = 302) -> Any:
    data = {"orders_file": (io.BytesIO(content), "orders.csv")}
    return client_request.post("/lookup/publish/csv", data=data, content_type="multipart/form-data",
                               expected_status=expected_status, csrf_from="/lookup/publish")
