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
    MINOR_INFRACTION,
    REDESIGNATE_INFRACTION,
    REGISTRANT_TIMING,
    LISTED_MISDEMEANOR_FOR_SALE,
    SAME_CONDUCT_TODAY,
    SAME_OFFENSE_TODAY,
    SAME_SECTION_PRIORS,
    YOUNG_ADULT_CULTIVATION,
    YOUNG_ADULT_TRANSPORT,
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
    pytest.param(conviction("HS 11357(b)", conviction_date=date(2016, 11, 9)), SETTLED, (),
                 Expect("eligible", "dismiss_and_seal"),
                 id="11361.8 conviction on 2016-11-09 is still covered"),
    pytest.param(conviction("HS 11357(b)", conviction_date=date(2016, 11, 10), offense_date=date(2016, 11, 10)),
                 SETTLED, (), Expect("not_eligible"),
                 id="11361.8(e) offense on or after 2016-11-09 -> not eligible"),
    pytest.param(conviction("HS 11357(b)", conviction_date=date(2017, 3, 1), offense_date=date(2016, 6, 1)),
                 SETTLED, (), Expect("eligible", "dismiss_and_seal"),
                 id="11361.8(e) offense before 2016-11-09 convicted later -> covered (time of the offense)"),
    pytest.param(conviction("HS 11357(b)", conviction_date=date(2017, 3, 1)), SETTLED, (),
                 Expect("needs_review", missing=("offense_date",)),
                 id="11361.8(e) convicted after 2016-11-09, offense date unknown -> needs review"),
    pytest.param(conviction("HS 11357(b)", conviction_date=None), SETTLED, (),
                 Expect("needs_review", missing=("conviction_date",)),
                 id="11361.8 unknown conviction date -> needs review"),
    pytest.param(conviction("HS 11357", level=None), SETTLED, (),
                 Expect("needs_review", missing=("level",)),
                 id="11361.8 unknown level -> needs review"),
    pytest.param(conviction("HS 11357(b)", sentence_completed=None, sentence_completed_date=None), SETTLED, (),
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
    pytest.param(conviction("HS 11358", level="misdemeanor"), person(superstrike_prior=True), (),
                 Expect("eligible", "dismiss_and_seal"),
                 id="11358(d) misdemeanor is not held by felony aggravators"),
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
        pytest.param(conviction("HS 11357", conviction_date=date(2018, 1, 1), offense_date=date(2017, 6, 1)), (),
                     AFTER_PROP64, id="after Prop 64"),
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


# HS 11361.8(e): relief only where today's HS 11357 makes the conduct lawful or a lesser offense, by the person's
# age at the time of the offense and by the amount. The builders' person was born 1980-04-02.
BORN = date(1980, 4, 2)
AT_19 = date(1999, 9, 1)
AT_16 = date(1996, 9, 1)
LESSER_OFFENSE_RULES = [
    pytest.param(conviction("HS 11357(c)"), Expect("not_eligible"),
                 id="11357(b) today: adult over 28.5 g is still the same misdemeanor -> not eligible"),
    pytest.param(conviction("HS 11357(c)", level="felony"), Expect("eligible", "redesignate_misdemeanor"),
                 id="11357(b) today: adult over 28.5 g felony -> redesignate misdemeanor"),
    pytest.param(conviction("HS 11357(b)", level="infraction", sentence="fine_only", conviction_date=AT_19),
                 Expect("not_eligible"),
                 id="11357(a)(2) today: 18-20 year old's infraction is the same infraction -> not eligible"),
    pytest.param(conviction("HS 11357(b)", conviction_date=AT_19), Expect("eligible", "redesignate_infraction"),
                 id="11357(a)(2) today: 18-20 year old's misdemeanor is now an infraction -> redesignate infraction"),
    pytest.param(conviction("HS 11357(c)", conviction_date=AT_16), Expect("eligible", "redesignate_infraction"),
                 id="11357(b)(1) today: under 18 over 28.5 g misdemeanor is now an infraction"),
    pytest.param(conviction("HS 11357(b)"), Expect("eligible", "dismiss_and_seal"),
                 id="11362.1 today: adult 28.5 g or less is lawful -> dismiss and seal"),
    pytest.param(conviction("HS 11357(d)"), Expect("not_eligible"),
                 id="11357(c) today: adult on school grounds is still a misdemeanor -> not eligible"),
    pytest.param(conviction("HS 11357"), Expect("needs_review", missing=("marijuana_over_limit",)),
                 id="11357 amount unknown -> needs review"),
    pytest.param(conviction("HS 11357", marijuana_over_limit=False), Expect("eligible", "dismiss_and_seal"),
                 id="11357 amount given as 28.5 g or less by an adult -> dismiss and seal"),
    pytest.param(conviction("HS 11357(b)", conviction_date=date(2001, 9, 1)), Expect("needs_review", missing=("offense_date",)),
                 id="11357 convicted at 21, offense date unknown: may have been under 21 -> needs review"),
    pytest.param(conviction("HS 11357(b)", conviction_date=date(2001, 9, 1), offense_date=date(2001, 5, 1)),
                 Expect("eligible", "dismiss_and_seal"),
                 id="11357 offense date after the 21st birthday settles it"),
]


@pytest.mark.parametrize(("subject", "expected"), LESSER_OFFENSE_RULES)
def test_prop64_lesser_offense_rule(subject: ConvictionFacts, expected: Expect) -> None:
    expected.check(determination("prop64", subject))


def test_unknown_age_at_the_offense_needs_review() -> None:
    found = determination("prop64", conviction("HS 11357(b)"), who=person(date_of_birth=None))

    assert found.outcome == "needs_review" and "person.date_of_birth" in found.missing


def test_same_offense_today_says_why_and_points_to_dismissal() -> None:
    found = determination("prop64", conviction("HS 11357(c)"))

    assert found.reasons == (SAME_OFFENSE_TODAY,) and "1203.4" in found.reasons[0].en


def test_redesignation_as_infraction_explains_the_age() -> None:
    found = determination("prop64", conviction("HS 11357(b)", conviction_date=AT_19))

    assert found.reasons == (REDESIGNATE_INFRACTION,)


# HS 11361.8(e) for HS 11358-11360 by age at the offense: under 18 each is an infraction punished as 11357(b)(1)
# (11358(a), 11359(a), 11360(a)(1)); 18 to 20, six plants or fewer (11358(b)) and 28.5 g or less given away or
# transported (11360(b)) are infractions; from 18 possession for sale is a misdemeanor (11359(b)); at 21 and over the
# adult-use limits are lawful (11362.1(a)). Offense dates are given so that the age is certain.
AT_20 = date(2000, 9, 1)
AT_17 = date(1997, 9, 1)
AT_30 = date(2010, 9, 1)
AGE_RULES = [
    pytest.param(conviction("HS 11358", offense_date=AT_17, conviction_date=AT_17), Expect("eligible", "redesignate_infraction", "application", "HS 11361.8(e)"),
                 id="11358(a) under 18: misdemeanor cultivation is an infraction today -> redesignate infraction"),
    pytest.param(conviction("HS 11359", offense_date=AT_17, conviction_date=AT_17), Expect("eligible", "redesignate_infraction"),
                 id="11359(a) under 18: misdemeanor possession for sale is an infraction today -> redesignate infraction"),
    pytest.param(conviction("HS 11360(a)", offense_date=AT_17, conviction_date=AT_17), Expect("eligible", "redesignate_infraction"),
                 id="11360(a)(1) under 18: misdemeanor transport or sale is an infraction today -> redesignate infraction"),
    pytest.param(conviction("HS 11359", level="felony", offense_date=AT_17, conviction_date=AT_17),
                 Expect("eligible", "redesignate_infraction", "application"),
                 id="11359(a) under 18: felony possession for sale -> redesignate infraction"),
    pytest.param(conviction("HS 11357(a)", level="felony", offense_date=AT_17, conviction_date=AT_17),
                 Expect("eligible", "redesignate_infraction"),
                 id="11357(b)(1) under 18: felony concentrate possession -> redesignate infraction"),
    pytest.param(conviction("HS 11360(a)", level="infraction", sentence="fine_only", offense_date=AT_17, conviction_date=AT_17),
                 Expect("not_eligible"),
                 id="11360(a)(1) under 18: an infraction is the same today -> not eligible"),
    pytest.param(conviction("HS 11358", offense_date=AT_20, conviction_date=AT_20), Expect("eligible", "redesignate_infraction"),
                 id="11358(b) 18 to 20: misdemeanor cultivation (six plants or fewer, presumed) -> redesignate infraction"),
    pytest.param(conviction("HS 11358", level="infraction", sentence="fine_only", offense_date=AT_20, conviction_date=AT_20),
                 Expect("not_eligible"),
                 id="11358(b) 18 to 20: an infraction is the same today -> not eligible"),
    pytest.param(conviction("HS 11360(b)", offense_date=AT_20, conviction_date=AT_20), Expect("eligible", "redesignate_infraction"),
                 id="11360(b) 18 to 20: misdemeanor transport of 28.5 g or less -> redesignate infraction"),
    pytest.param(conviction("HS 11359", offense_date=AT_20, conviction_date=AT_20), Expect("needs_review"),
                 id="11359(b) 18 to 20: a misdemeanor possession for sale, a felony-only section before 2016 -> needs review"),
    pytest.param(conviction("HS 11359", offense_date=AT_30, conviction_date=AT_30), Expect("needs_review"),
                 id="11359(b) adult: a misdemeanor possession for sale, a felony-only section before 2016 -> needs review"),
    pytest.param(conviction("HS 11359", level="infraction", sentence="fine_only", offense_date=AT_17, conviction_date=AT_17),
                 Expect("not_eligible"),
                 id="11359(a) under 18: an infraction is the same today -> not eligible"),
    pytest.param(conviction("HS 11358", offense_date=AT_30, conviction_date=AT_30), Expect("eligible", "dismiss_and_seal"),
                 id="11362.1(a)(3) 21 and over: misdemeanor cultivation (six plants or fewer, presumed) -> dismiss and seal"),
    pytest.param(conviction("HS 11360(b)", offense_date=AT_30, conviction_date=AT_30), Expect("eligible", "dismiss_and_seal"),
                 id="11362.1(a)(1) 21 and over: misdemeanor transport of 28.5 g or less -> dismiss and seal"),
    pytest.param(conviction("HS 11359", level="felony", offense_date=AT_20, conviction_date=AT_20),
                 Expect("eligible", "redesignate_misdemeanor"),
                 id="11359(b) 18 and over: felony possession for sale -> redesignate misdemeanor"),
    pytest.param(conviction("HS 11358", conviction_date=date(1998, 9, 1)), Expect("needs_review", missing=("offense_date",)),
                 id="11358 convicted at 18, offense date unknown: may have been under 18 -> needs review"),
    pytest.param(conviction("HS 11359", level="felony", conviction_date=date(1998, 9, 1)),
                 Expect("needs_review", missing=("offense_date",)),
                 id="11359 felony convicted at 18, offense date unknown: may have been under 18 -> needs review"),
]


@pytest.mark.parametrize(("subject", "expected"), AGE_RULES)
def test_prop64_age_rule(subject: ConvictionFacts, expected: Expect) -> None:
    expected.check(determination("prop64", subject))


def test_an_offense_date_after_the_conviction_is_not_believed() -> None:
    """Found by the Hypothesis property: a 2017 offense date on a 2000 conviction once made the count "after Prop 64"
    (not eligible), while forgetting the date made it eligible."""
    found = determination("prop64", conviction("HS 11357(b)", conviction_date=AT_17, offense_date=date(2017, 1, 1)))

    assert found.outcome == "needs_review" and "offense_date" in found.missing


@pytest.mark.parametrize("section", ["HS 11358", "HS 11359", "HS 11360"])
def test_unknown_age_holds_a_marijuana_trade_conviction_at_review(section: str) -> None:
    found = determination("prop64", conviction(section), who=person(date_of_birth=None))

    assert found.outcome == "needs_review" and "person.date_of_birth" in found.missing


def test_a_prior_super_strike_does_not_hold_a_felony_committed_under_18() -> None:
    """11359(c): the priors reach "a person 18 years of age or over" only."""
    subject = conviction("HS 11359", level="felony", offense_date=AT_17, conviction_date=AT_17)

    found = determination("prop64", subject, who=person(superstrike_prior=True))

    assert (found.outcome, found.relief) == ("eligible", "redesignate_infraction")


def test_a_prior_super_strike_with_the_age_unknown_needs_review_not_a_refusal() -> None:
    found = determination("prop64", conviction("HS 11359", level="felony"),
                          who=person(superstrike_prior=True, date_of_birth=None))

    assert found.outcome == "needs_review" and found.reasons[0] == PRIOR_SUPERSTRIKE


@pytest.mark.parametrize(
    ("subject", "reason"),
    [
        pytest.param(conviction("HS 11358", offense_date=AT_17, conviction_date=AT_17), MINOR_INFRACTION, id="under 18"),
        pytest.param(conviction("HS 11357(b)", offense_date=AT_16, conviction_date=AT_16), MINOR_INFRACTION,
                     id="11357 under 18"),
        pytest.param(conviction("HS 11358", offense_date=AT_20, conviction_date=AT_20), YOUNG_ADULT_CULTIVATION,
                     id="11358(b) 18 to 20"),
        pytest.param(conviction("HS 11360(b)", offense_date=AT_20, conviction_date=AT_20), YOUNG_ADULT_TRANSPORT,
                     id="11360(b) 18 to 20"),
        pytest.param(conviction("HS 11358", level="infraction", sentence="fine_only", offense_date=AT_20,
                                conviction_date=AT_20), SAME_CONDUCT_TODAY, id="11358(b) infraction same today"),
        pytest.param(conviction("HS 11359", offense_date=AT_30, conviction_date=AT_30), LISTED_MISDEMEANOR_FOR_SALE,
                     id="11359 listed as a misdemeanor before 2016"),
    ],
)
def test_age_answers_say_why(subject: ConvictionFacts, reason: Reason) -> None:
    assert determination("prop64", subject).reasons == (reason,)


def test_a_minors_infraction_names_the_minors_sentence() -> None:
    assert "11361.1" in MINOR_INFRACTION.en and "11361.1" in MINOR_INFRACTION.es
