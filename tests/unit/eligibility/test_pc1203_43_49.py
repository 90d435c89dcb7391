"""PC 1203.43 (deferred entry of judgment) and PC 1203.49 (trafficking victims, PC 647(b))."""

from __future__ import annotations

import pytest

from app.eligibility import ConvictionFacts

from tests.unit.eligibility.builders import Expect, conviction, determination

RULES_1203_43 = [
    pytest.param(conviction("HS 11377(a)", dej_dismissed=True), Expect("eligible", "dismiss", statute="PC 1203.43"),
                 id="1203.43(a) charge dismissed after DEJ -> plea can be withdrawn"),
    pytest.param(conviction("HS 11377(a)", dej_dismissed=None), Expect("not_eligible"),
                 id="1203.43 unknown DEJ history gives no answer"),
]


@pytest.mark.parametrize(("subject", "expected"), RULES_1203_43)
def test_pc1203_43_rule(subject: ConvictionFacts, expected: Expect) -> None:
    expected.check(determination("pc1203_43", subject))


RULES_1203_49 = [
    pytest.param(conviction("PC 647(b)", trafficking_victim=True), Expect("eligible", "dismiss", statute="PC 1203.49"),
                 id="1203.49 trafficking victim after probation -> judge may dismiss"),
    pytest.param(conviction("PC 647(b)", trafficking_victim=None), Expect("needs_review", missing=("trafficking_victim",)),
                 id="1203.49 unknown trafficking history -> ask"),
    pytest.param(conviction("PC 647(b)", trafficking_victim=False), Expect("not_eligible"),
                 id="1203.49 not a trafficking victim"),
    pytest.param(conviction("PC 647(b)", trafficking_victim=True, probation_completed=False), Expect("not_eligible"),
                 id="1203.49 probation not completed -> not yet"),
    pytest.param(conviction("PC 647", trafficking_victim=True), Expect("needs_review", missing=("offense",)),
                 id="1203.49 PC 647 without subdivision -> confirm it was 647(b)"),
    pytest.param(conviction("PC 647(f)", trafficking_victim=True), Expect("not_eligible"),
                 id="1203.49 only PC 647(b)"),
]


@pytest.mark.parametrize(("subject", "expected"), RULES_1203_49)
def test_pc1203_49_rule(subject: ConvictionFacts, expected: Expect) -> None:
    expected.check(determination("pc1203_49", subject))
