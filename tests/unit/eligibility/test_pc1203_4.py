"""PC 1203.4, dismissal after probation: one case per rule, citing its subdivision."""

from __future__ import annotations

import pytest

from app.eligibility import ConvictionFacts, Person

from tests.unit.eligibility.builders import SETTLED, Expect, conviction, determination, person

RULES = [
    pytest.param(conviction("VC 23152(a)"), SETTLED,
                 Expect("eligible", "dismiss", "probation_fulfilled", "PC 1203.4(a)(1)", ()),
                 id="1203.4(a)(1) probation fulfilled -> court must dismiss"),
    pytest.param(conviction("VC 23152(a)", probation_terminated_early=True, probation_violated=None), SETTLED,
                 Expect("eligible", "dismiss", "early_discharge"),
                 id="1203.4(a)(1) early discharge -> court must dismiss"),
    pytest.param(conviction("PC 242", probation_violated=True), SETTLED,
                 Expect("eligible", "dismiss", "interests_of_justice"),
                 id="1203.4(a)(1) violated probation -> interests of justice"),
    pytest.param(conviction("PC 242", probation_violated=None), SETTLED,
                 Expect("needs_review", missing=("probation_violated",)),
                 id="1203.4(a)(1) unknown violation -> needs review"),
    pytest.param(conviction("PC 242", probation_completed=False), SETTLED, Expect("not_eligible"),
                 id="1203.4(a)(1) probation not finished -> not yet"),
    pytest.param(conviction("PC 242", probation_completed=None), SETTLED,
                 Expect("needs_review", missing=("probation_completed",)),
                 id="1203.4(a)(1) unknown whether probation finished -> needs review"),
    pytest.param(conviction("PC 242"), person(on_probation_or_parole=True), Expect("not_eligible"),
                 id="1203.4(a)(1) not while on probation for any offense"),
    pytest.param(conviction("PC 242"), person(in_custody=True), Expect("not_eligible"),
                 id="1203.4(a)(1) not while serving a sentence"),
    pytest.param(conviction("PC 242"), person(pending_charges=True), Expect("not_eligible"),
                 id="1203.4(a)(1) not while charged with an offense"),
    pytest.param(conviction("PC 242"), person(pending_charges=None, in_custody=None),
                 Expect("needs_review", missing=("person.pending_charges", "person.in_custody")),
                 id="1203.4(a)(1) unknown custody or charges -> needs review"),
    pytest.param(conviction("PC 288(a)", level="felony"), SETTLED, Expect("not_eligible"),
                 id="1203.4(b) PC 288 is excluded"),
    pytest.param(conviction("PC 286(c)(2)", level="felony"), SETTLED, Expect("not_eligible"),
                 id="1203.4(b) PC 286(c) is excluded"),
    pytest.param(conviction("PC 286", level="felony"), SETTLED, Expect("needs_review", missing=("offense",)),
                 id="1203.4(b) PC 286 without subdivision may be excluded -> needs review"),
    pytest.param(conviction("VC 2800.1"), SETTLED, Expect("eligible", "dismiss"),
                 id="1203.4(b) VC 2800.1 is not on the VC 42002.1 list"),
    pytest.param(conviction("VC 2800(a)", level="misdemeanor"), SETTLED, Expect("not_eligible"),
                 id="1203.4(b) VC 42002.1 misdemeanor is excluded"),
    pytest.param(conviction("VC 2800(a)", level=None), SETTLED, Expect("needs_review", missing=("level",)),
                 id="1203.4(b) VC 42002.1 offense of unknown level -> needs review"),
    pytest.param(conviction("PC 261.5(d)", level="felony"), SETTLED, Expect("not_eligible"),
                 id="1203.4(b) felony 261.5(d) is excluded"),
    pytest.param(conviction("PC 261.5(d)", level="misdemeanor"), SETTLED, Expect("eligible", "dismiss"),
                 id="1203.4(b) misdemeanor 261.5(d) is not excluded"),
    pytest.param(conviction("PC 415", level="infraction"), SETTLED, Expect("not_eligible"),
                 id="1203.4(b) infractions use 1203.4a instead"),
    pytest.param(conviction("PC 459", level="felony", sentence="state_prison"), SETTLED, Expect("not_eligible"),
                 id="1203.4 executed prison sentence is outside it (People v. Borja)"),
    pytest.param(conviction("PC 459", level="felony", sentence=None), SETTLED,
                 Expect("needs_review", missing=("sentence",)),
                 id="1203.4 unknown sentence -> needs review"),
    pytest.param(conviction("gibberish"), SETTLED, Expect("needs_review", missing=("offense",)),
                 id="1203.4(b) unreadable offense may be excluded -> needs review"),
]


@pytest.mark.parametrize(("subject", "who", "expected"), RULES)
def test_pc1203_4_rule(subject: ConvictionFacts, who: Person, expected: Expect) -> None:
    expected.check(determination("pc1203_4", subject, who=who))
