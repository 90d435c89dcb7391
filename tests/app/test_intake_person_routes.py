"""Person steps asked once for the routes beside the dismissals: citizenship (PC 1473.7), military service
(PC 1170.91, 1170.9) and surviving human trafficking (PC 236.14)."""
from __future__ import annotations

from tests.support.intake import JUVENILE_ONLY, MARIJUANA_IN_ALAMEDA, answer_until

FELONY_PRISON = {**MARIJUANA_IN_ALAMEDA,
                 "/conviction/1/offense": {"offense": "", "offense_code": "PC 459"},
                 "/conviction/1/level": {"answer": "felony"},
                 "/conviction/1/sentence": {"answer": "state_prison"}}


def results_text(client_request, answers) -> str:
    assert answer_until(client_request, answers) == "/check-answers"
    return " ".join(client_request.get("/results").get_text().split())


def test_a_non_citizen_is_told_to_talk_to_an_immigration_attorney(client_request):
    text = results_text(client_request, {**MARIJUANA_IN_ALAMEDA, "/question/citizen": {"answer": "no"}})

    assert "Talk to an immigration attorney (Penal Code 1473.7)" in text
    assert "does not erase this conviction" in text


def test_rather_not_say_about_citizenship_raises_nothing(client_request):
    text = results_text(client_request, {**MARIJUANA_IN_ALAMEDA, "/question/citizen": {"answer": "unknown"}})

    assert "immigration attorney" not in text


def test_a_veteran_still_serving_a_felony_prison_term_is_offered_resentencing(client_request):
    """PC 1170.91(b)(1) reaches "a person currently serving a sentence for a felony conviction" (here, on parole)."""
    text = results_text(client_request, {**FELONY_PRISON, "/question/veteran": {"answer": "yes"},
                                         "/question/probation-or-parole": {"answer": "yes"},
                                         "/conviction/1/sentence-finished": {"answer": "no"}})

    assert "Resentencing for veterans (Penal Code 1170.91)" in text


def test_a_state_prison_felony_is_offered_the_certificate_of_rehabilitation(client_request):
    assert "Certificate of Rehabilitation and pardon (Penal Code 4852.01)" in results_text(client_request, FELONY_PRISON)


def test_a_person_with_only_a_juvenile_case_gets_the_wic_781_route(client_request):
    text = results_text(client_request, JUVENILE_ONLY)

    assert "Sealing juvenile records (Welfare and Institutions Code 781 and 786)" in text
    assert "WIC 786" in text


def test_a_trafficking_survivor_is_offered_vacatur_of_a_conviction(client_request):
    text = results_text(client_request, {**MARIJUANA_IN_ALAMEDA, "/question/trafficking-survivor": {"answer": "yes"}})

    assert "Relief for survivors of human trafficking (Penal Code 236.14)" in text
    assert "someone was trafficking you" in text


def test_rather_not_say_about_trafficking_raises_nothing(client_request):
    text = results_text(client_request, {**MARIJUANA_IN_ALAMEDA,
                                         "/question/trafficking-survivor": {"answer": "unknown"}})

    assert "236.14" not in text
