"""Spanish is complete: the intake catalog has every string, and the resident's emails read in Spanish."""
from __future__ import annotations

from sqlalchemy import select

from app.models.referrals import OutboxMessage
from tests.support.intake import MARIJUANA_IN_ALAMEDA, answer_until


def test_every_intake_string_has_a_spanish_translation():
    from tools.i18n import untranslated

    assert untranslated("intake") == []


def test_the_email_strings_of_the_journey_have_spanish_translations():
    from tools.i18n import untranslated

    journey_emails = ("Your link to continue your application %(reference)s",
                      "We received your application %(reference)s")
    assert not set(journey_emails) & set(untranslated("partner"))


def test_the_resume_link_email_is_written_in_the_application_language(client_request, db_session):
    from app.outbox import render

    client_request.client.get("/language/es")
    answer_until(client_request, MARIJUANA_IN_ALAMEDA, stop_before="/question/address")
    message = db_session.scalars(select(OutboxMessage).where(OutboxMessage.template == "resume_link")).one()
    assert message.language == "es"
    email = render(message)
    assert email.subject.startswith("Su enlace para continuar su solicitud")
    assert "/resume/" in email.body


def test_the_results_page_gives_reasons_in_spanish(client_request):
    client_request.client.get("/language/es")
    answer_until(client_request, MARIJUANA_IN_ALAMEDA)
    page = client_request.get("/results")
    assert page.h1.get_text() == "Sus resultados"
    card = page.find("section", class_="result")
    assert "Posesión de marihuana (HS 11357)" in card.h2.get_text()
    assert "Parece posible" in card.get_text() and "Proposición 64 (marihuana)" in card.get_text()
