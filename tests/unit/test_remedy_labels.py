"""Every remedy the engine can answer has a name on the resident's results page and in the attorney's memo, so a new
remedy never shows up as its raw identifier."""
from __future__ import annotations

from app.eligibility.results import REMEDIES
from app.intake.presenters import REMEDY_NAMES
from app.partner.memo import REMEDY_LABELS


def test_every_remedy_has_a_name_on_the_results_page():
    assert set(REMEDIES) - set(REMEDY_NAMES) == set()


def test_every_remedy_has_a_label_in_the_attorneys_memo():
    assert set(REMEDIES) - set(REMEDY_LABELS) == set()
