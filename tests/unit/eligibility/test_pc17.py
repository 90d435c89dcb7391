"""PC 17(b) (wobbler felony -> misdemeanor) and PC 17(d)(2) (misdemeanor -> infraction)."""

from __future__ import annotations

import pytest

from app.eligibility import ConvictionFacts

from tests.unit.eligibility.builders import Expect, conviction, determination

RULES_17B = [
    pytest.param(conviction("PC 487(a)", level="felony"),
                 Expect("eligible", "reduce_to_misdemeanor", statute="PC 17(b)(3)", missing=()),
                 id="17(b)(3) wobbler felony with probation -> reduce to misdemeanor"),
    pytest.param(conviction("PC 245(a)(1)", level="felony", sentence="state_prison"), Expect("not_eligible"),
                 id="17(b) not after a state prison sentence"),
    pytest.param(conviction("PC 245(a)(1)", level="felony", sentence="county_jail"), Expect("not_eligible"),
                 id="17(b)(1) not after a felony county jail term"),
    pytest.param(conviction("PC 245(a)(1)", level="felony", sentence=None), Expect("needs_review", missing=("sentence",)),
                 id="17(b) unknown sentence -> needs review"),
    pytest.param(conviction("PC 245", level="felony"), Expect("needs_review", missing=("offense",)),
                 id="17(b) section cited without the wobbler subdivision -> needs review"),
    pytest.param(conviction("PC 187", level="felony"), Expect("not_eligible"),
                 id="17(b) straight felony is not a wobbler"),
    pytest.param(conviction("PC 487(a)", level="misdemeanor"), Expect("not_eligible"),
                 id="17(b) a misdemeanor has nothing to reduce"),
]


@pytest.mark.parametrize(("subject", "expected"), RULES_17B)
def test_pc17b_rule(subject: ConvictionFacts, expected: Expect) -> None:
    expected.check(determination("pc17b", subject))


RULES_17D2 = [
    pytest.param(conviction("PC 415", level="misdemeanor"),
                 Expect("eligible", "reduce_to_infraction", statute="PC 17(d)(2)", missing=()),
                 id="17(d)(2) disturbing the peace misdemeanor -> infraction"),
    pytest.param(conviction("VC 12500(a)", level=None), Expect("needs_review", missing=("level",)),
                 id="17(d)(2) unknown level -> needs review"),
    pytest.param(conviction("PC 602", level="misdemeanor"), Expect("needs_review", missing=("offense",)),
                 id="17(d)(2) trespass cited without subdivision (o) -> needs review"),
    pytest.param(conviction("PC 415", level="infraction"), Expect("not_eligible"),
                 id="17(d)(2) already an infraction"),
    pytest.param(conviction("PC 242", level="misdemeanor"), Expect("not_eligible"),
                 id="17(d)(2) battery is not on the list"),
]


@pytest.mark.parametrize(("subject", "expected"), RULES_17D2)
def test_pc17d2_rule(subject: ConvictionFacts, expected: Expect) -> None:
    expected.check(determination("pc17d2", subject))
