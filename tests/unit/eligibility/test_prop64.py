"""Prop 64, HS 11361.8: one case per rule, named for it and citing its subdivision."""

from __future__ import annotations

from datetime import date

import pytest

from app.eligibility import ConvictionFacts, Person, Reason
from app.eligibility.remedies.prop64 import (
    AFTER_PROP64,
    PLEA_SIGNAL,
    PRIOR_PC290,
    PRIOR_SUPERSTRIKE,
    REGISTRANT_TIMING,
    SAME_SECTION_PRIORS,
)
from tests.unit.eligibility.builders import SETTLED, Expect, conviction, determination, person

SERVING = {"sentence_completed": False, "sentence_completed_date": None, "probation_completed": False}

RULES = [
    pytest.param(conviction("HS 11357(b)"), SETTLED, (),
                 Expect("eligible", "dismiss_and_seal", "application", "HS 11361.8(e)", ()),
                 id="11361.8(e) misdemeanor possession completed -> dismiss and seal"),
    pytest.param(conviction("HS 11357(b)", level="infraction", sentence="fine_only"), SETTLED, (),
                 Expect("eligible", "dismiss_and_seal", "application"),
                 id="11361.8(e) infraction completed -> dismiss and seal"),
    pytest.param(conviction("11358 HS-CULTIVATE MARIJUANA", level="felony"), SETTLED, (),
                 Expect("eligible", "redesignate_misdemeanor", "application", "HS 11361.8(e)"),
                 id="11361.8(e) felony cultivation completed -> redesignate misdemeanor"),
    pytest.param(conviction("HS 11360(a)", level="felony", **SERVING), SETTLED, (),
                 Expect("eligible", "resentence", "petition", "HS 11361.8(a)"),
                 id="11361.8(a) still serving -> petition to resentence"),
    pytest.param(conviction("HS 11357", conviction_date=date(2016, 11, 9)), SETTLED, (),
                 Expect("eligible", "dismiss_and_seal"),
                 id="11361.8 conviction on 2016-11-09 is still covered"),
    pytest.param(conviction("HS 11357", conviction_date=date(2016, 11, 10)), SETTLED, (),
                 Expect("not_eligible"),
                 id="11361.8 conviction after 2016-11-09 -> not eligible"),
    pytest.param(conviction("HS 11357", conviction_date=None), SETTLED, (),
                 Expect("needs_review", missing=("conviction_date",)),
                 id="11361.8 unknown conviction date -> needs review"),
    pytest.param(conviction("HS 11357", level=None), SETTLED, (),
                 Expect("needs_review", missing=("level",)),
                 id="11361.8 unknown level -> needs review"),
    pytest.param(conviction("HS 11357", sentence_completed=None, sentence_completed_date=None), SETTLED, (),
                 Expect("needs_review", missing=("sentence_completed",)),
                 id="11361.8 unknown whether sentence finished -> needs review (petition or application)"),
    pytest.param(conviction("HS 11359", level="felony", conviction_date=date(2010, 1, 1)), SETTLED,
                 (conviction("PC 187", level="felony", conviction_date=date(2001, 1, 1), case_number="A"),),
                 Expect("not_eligible"),
                 id="11359(c)(1) prior super strike keeps the felony"),
    pytest.param(conviction("HS 11359", level="felony", case_number="A"), SETTLED,
                 (conviction("PC 187", level="felony", conviction_date=date(2012, 5, 1), case_number="A"),),
                 Expect("eligible", "redesignate_misdemeanor"),
                 id="11359(c)(1) super strike in the same case is not a prior (People v. Smit)"),
    pytest.param(conviction("HS 11359", level="felony", conviction_date=date(2010, 1, 1)), SETTLED,
                 (conviction("PC 187", level="felony", conviction_date=date(2015, 1, 1)),),
                 Expect("eligible", "redesignate_misdemeanor"),
                 id="11359(c)(1) super strike after the marijuana count is not a prior"),
    pytest.param(conviction("HS 11359", level="felony", conviction_date=date(2010, 1, 1)), SETTLED,
                 (conviction("PC 187", level="felony", conviction_date=None),),
                 Expect("needs_review", missing=("conviction_date",)),
                 id="11359(c)(1) super strike of unknown date may be a prior -> needs the dates"),
    pytest.param(conviction("HS 11358", level="felony"), person(superstrike_prior=True), (),
                 Expect("not_eligible"),
                 id="11358(d) person reports a prior super strike -> felony stays"),
    pytest.param(conviction("HS 11358", level="felony"), person(superstrike_prior=None), (),
                 Expect("needs_review", missing=("person.superstrike_prior",)),
                 id="11358(d) unknown super strike prior -> needs review"),
    pytest.param(conviction("HS 11360", level="felony", conviction_date=date(2010, 1, 1)), SETTLED,
                 (conviction("PC 243.4", conviction_date=date(2005, 1, 1)),),
                 Expect("not_eligible"),
                 id="11360(a)(3)(A) prior PC 290 offense keeps the felony"),
    pytest.param(conviction("HS 11360", level="felony"), person(registered_sex_offender=True), (),
                 Expect("needs_review", missing=()),
                 id="11360(a)(3)(A) registrant without dated offense -> needs review of timing"),
    pytest.param(conviction("HS 11359", level="felony"), person(registered_sex_offender=None), (),
                 Expect("needs_review", missing=("person.registered_sex_offender",)),
                 id="11359(c)(1) unknown PC 290 status -> needs review"),
    pytest.param(conviction("HS 11359(b)", level="felony", conviction_date=date(2012, 5, 1)), SETTLED,
                 (conviction("HS 11359", conviction_date=date(2005, 1, 1)),
                  conviction("HS 11359", conviction_date=date(2008, 1, 1))),
                 Expect("not_eligible"),
                 id="11359(c)(2) two prior convictions of the same section keep the felony"),
    pytest.param(conviction("HS 11359(b)", level="felony", conviction_date=date(2012, 5, 1)), SETTLED,
                 (conviction("HS 11359", conviction_date=date(2005, 1, 1)),),
                 Expect("eligible", "redesignate_misdemeanor"),
                 id="11359(c)(2) one prior of the same section does not"),
    pytest.param(conviction("HS 11359(b)", level="felony", conviction_date=date(2012, 5, 1)), SETTLED,
                 (conviction("HS 11359", conviction_date=date(2005, 1, 1)), conviction("HS 11359", conviction_date=None)),
                 Expect("needs_review", missing=("conviction_date",)),
                 id="11359(c)(2) a same-section count of unknown date may be the second prior"),
    pytest.param(conviction("HS 11359", level="misdemeanor"), person(superstrike_prior=True), (),
                 Expect("eligible", "dismiss_and_seal"),
                 id="11359 misdemeanor is not held by felony aggravators"),
    pytest.param(conviction("HS 11360", level="felony", conviction_date=date(2010, 1, 1)), person(superstrike_prior=None),
                 (conviction("PC 215", level="felony", conviction_date=date(2001, 1, 1)),),
                 Expect("needs_review", missing=("person.superstrike_prior",)),
                 id="11360(a)(3)(A) carjacking is a super strike only with a gang enhancement -> ask"),
    pytest.param(conviction("HS 11360", level="felony", conviction_date=date(2010, 1, 1)), SETTLED,
                 (conviction("PC 215", level="felony", conviction_date=date(2001, 1, 1)),),
                 Expect("eligible", "redesignate_misdemeanor"),
                 id="11360(a)(3)(A) person says no super strike -> possible one does not block"),
]


@pytest.mark.parametrize(("subject", "who", "history", "expected"), RULES)
def test_prop64_rule(subject: ConvictionFacts, who: Person, history: tuple[ConvictionFacts, ...], expected: Expect) -> None:
    expected.check(determination("prop64", subject, who=who, history=history))


@pytest.mark.parametrize(
    ("subject", "history", "reason"),
    [
        pytest.param(conviction("HS 11357", conviction_date=date(2018, 1, 1)), (), AFTER_PROP64, id="after Prop 64"),
        pytest.param(conviction("HS 11359", level="felony", conviction_date=date(2010, 1, 1)),
                     (conviction("PC 187", conviction_date=date(2001, 1, 1)),), PRIOR_SUPERSTRIKE, id="super strike"),
        pytest.param(conviction("HS 11359", level="felony", conviction_date=date(2010, 1, 1)),
                     (conviction("PC 243.4", conviction_date=date(2001, 1, 1)),), PRIOR_PC290, id="PC 290 offense"),
        pytest.param(conviction("HS 11358", level="felony", conviction_date=date(2010, 1, 1)),
                     (conviction("HS 11358", conviction_date=date(2001, 1, 1)),
                      conviction("HS 11358", conviction_date=date(2003, 1, 1))), SAME_SECTION_PRIORS, id="two priors"),
    ],
)
def test_prop64_refusal_says_why(subject: ConvictionFacts, history: tuple[ConvictionFacts, ...], reason: Reason) -> None:
    assert determination("prop64", subject, history=history).reasons == (reason,)


def test_registrant_review_explains_the_timing_question() -> None:
    found = determination("prop64", conviction("HS 11360", level="felony"), who=person(registered_sex_offender=True))

    assert found.reasons == (REGISTRANT_TIMING,)


def test_felony_redesignation_says_the_court_may_do_more() -> None:
    found = determination("prop64", conviction("HS 11359", level="felony"))

    assert "may also dismiss and seal" in found.reasons[0].en


@pytest.mark.parametrize("related", ["PC 32", "HS 11364", "HS 11366"])
def test_plea_bargain_signal_in_the_same_case_needs_review(related: str) -> None:
    marijuana = conviction("HS 11359", level="felony", case_number="12-CR-1")
    plea = conviction(related, case_number="12-CR-1")

    found = determination("prop64", plea, history=[marijuana])

    assert found.outcome == "needs_review"
    assert found.reasons == (PLEA_SIGNAL,)


def test_plea_bargain_signal_needs_the_same_case_number() -> None:
    marijuana = conviction("HS 11359", level="felony", case_number="12-CR-1")

    assert determination("prop64", conviction("HS 11364", case_number="14-CR-9"), history=[marijuana]) is None


def test_hs_11361_is_outside_prop64() -> None:
    """People v. Samra (2018): HS 11361 (involving minors) is not among 11357-11360."""
    assert determination("prop64", conviction("HS 11361", level="felony")) is None
