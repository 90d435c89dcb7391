"""PC 17(b) (wobbler felony -> misdemeanor) and PC 17(d)(2) (misdemeanor -> infraction)."""

from __future__ import annotations

import pytest

from app.eligibility import ConvictionFacts

from tests.unit.eligibility.builders import Expect, conviction, determination

RULES_17B = [
    pytest.param(conviction("PC 487(a)", level="felony", prison_term_suspended=False),
                 Expect("eligible", "reduce_to_misdemeanor", statute="PC 17(b)(3)", missing=()),
                 id="17(b)(3) wobbler felony with probation (imposition suspended) -> reduce to misdemeanor"),
    pytest.param(conviction("PC 487(a)", level="felony", prison_term_suspended=True), Expect("not_eligible"),
                 id="17(b)(3) probation after a prison term imposed and suspended -> not eligible (People v. Wood)"),
    pytest.param(conviction("PC 487(a)", level="felony"), Expect("needs_review", missing=("prison_term_suspended",)),
                 id="17(b)(3) how probation was granted unknown -> needs review (People v. Wood)"),
    pytest.param(conviction("PC 245(a)(4)", level="felony", prison_term_suspended=False),
                 Expect("eligible", "reduce_to_misdemeanor"),
                 id="17(b) PC 245(a)(4) force likely to produce great bodily injury is a wobbler"),
    pytest.param(conviction("PC 459", level="felony", prison_term_suspended=False),
                 Expect("needs_review", missing=("offense",)),
                 id="17(b) PC 459 burglary of unknown degree -> needs review (PC 461)"),
    pytest.param(conviction("PC 460(b)", level="felony", prison_term_suspended=False),
                 Expect("eligible", "reduce_to_misdemeanor"),
                 id="17(b) PC 461(b) second-degree burglary is a wobbler"),
    pytest.param(conviction("PC 460(a)", level="felony", prison_term_suspended=False), Expect("not_eligible"),
                 id="17(b) PC 461(a) first-degree burglary is a straight felony"),
    pytest.param(conviction("PC 245(a)(1)", level="felony", sentence="state_prison"), Expect("not_eligible"),
                 id="17(b) not after a state prison sentence"),
    pytest.param(conviction("PC 245(a)(1)", level="felony", sentence="county_jail"), Expect("not_eligible"),
                 id="17(b)(1) not after a felony county jail term"),
    pytest.param(conviction("PC 245(a)(1)", level="felony", sentence=None),
                 Expect("needs_review", missing=("sentence", "prison_term_suspended")),
                 id="17(b) unknown sentence -> needs review"),
    pytest.param(conviction("PC 245", level="felony", prison_term_suspended=False),
                 Expect("needs_review", missing=("offense",)),
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
                 Expect("needs_review", "reduce_to_infraction", statute="PC 17(d)(2)", missing=()),
                 id="17(d)(2) acts at arraignment: after judgment a wobblette is a review case, not CR-180 relief"),
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


def test_17d2_after_judgment_says_it_acts_at_arraignment() -> None:
    from app.eligibility.remedies.pc17d2 import AFTER_JUDGMENT

    found = determination("pc17d2", conviction("PC 415", level="misdemeanor"))

    assert found.reasons == (AFTER_JUDGMENT,) and "arraignment" in found.reasons[0].en


def test_burglary_review_asks_for_the_degree() -> None:
    from app.eligibility.remedies.pc17b import BURGLARY_DEGREE

    found = determination("pc17b", conviction("PC 459", level="felony", prison_term_suspended=False))

    assert found.reasons[0] == BURGLARY_DEGREE
