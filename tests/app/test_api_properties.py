"""Any body of the schema's shape, and any junk, gets 200 or 400 from POST /api/v1/screen: never a crash."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.api.schema import CONVICTION_FLAGS, PERSON_FLAGS

URL = "/api/v1/screen"
FUZZ = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

json_scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-10**6, 10**6), st.floats(allow_nan=False), st.text(max_size=20)
)
json_values = st.recursive(
    json_scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=8), inner, max_size=3)),
    max_leaves=8,
)
dates = st.one_of(
    st.dates().map(lambda d: d.isoformat()),
    st.sampled_from(["2021-02-30", "2012-13-01", "0000-00-00", "20120501", ""]),
    json_values,
)
flags = st.one_of(st.sampled_from([True, False, None]), json_values)
offenses = st.one_of(st.sampled_from(["HS 11357(b)", "11359 HS-POSSESS", "PC 459.5", "VC 23152(a)", "junk"]),
                     st.text(max_size=60), json_values)
person_bodies = st.one_of(
    st.none(),
    json_values,
    st.fixed_dictionaries({}, optional={"date_of_birth": dates, **{name: flags for name in PERSON_FLAGS}}),
)
conviction_bodies = st.one_of(
    json_values,
    st.fixed_dictionaries(
        {"id": st.one_of(st.text(min_size=1, max_size=10), json_values), "offense": offenses},
        optional={
            "county": st.one_of(st.sampled_from(["Alameda", "SAN JOAQUIN", "Gotham"]), json_values),
            "case_number": st.one_of(st.sampled_from(["A", "B", ""]), json_values),
            "level": st.one_of(st.sampled_from(["felony", "misdemeanor", "infraction", "FELONY"]), json_values),
            "sentence": st.one_of(st.sampled_from(["probation", "county_jail", "state_prison", "fine_only"]), json_values),
            "conviction_date": dates,
            "sentence_completed_date": dates,
            **{name: flags for name in CONVICTION_FLAGS},
        },
    ),
)
bodies = st.one_of(
    json_values,
    st.fixed_dictionaries(
        {},
        optional={
            "today": dates,
            "person": person_bodies,
            "convictions": st.one_of(st.lists(conviction_bodies, max_size=5), json_values),
        },
    ),
)


@FUZZ
@given(body=bodies)
def test_any_json_body_gets_200_or_400(client: Any, body: Any) -> None:
    response = client.post(URL, json=body)

    assert response.status_code in (200, 400)
    answer = response.get_json()
    assert ("convictions" in answer) if response.status_code == 200 else answer["errors"]


@FUZZ
@given(raw=st.binary(max_size=200))
def test_any_bytes_get_200_or_400(client: Any, raw: bytes) -> None:
    response = client.post(URL, data=raw, content_type="application/json")

    assert response.status_code in (200, 400)
