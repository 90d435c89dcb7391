"""The resident's pages. Each view parses the request, calls one function of app.applications, and renders or
redirects; the journey's rules live in the service."""
from __future__ import annotations

from flask import abort, current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from app import resume_guard
from app.applications import answers, facts, journey, lifecycle, submission, tokens
from app.applications.journey import CHECK, CONVICTIONS_SUMMARY, StepRef
from app.clinic import shift
from app.extensions import limiter
from app.intake import bp, presenters
from app.intake.forms import ActionForm, ConfirmDeleteForm, ConsentForm, ResumeForm
from app.intake.pages import PAGES
from app.intake.resident_session import (
    OPENED_BY_CODE,
    SESSION_KEY,
    current_application,
    forget,
    opened_at_clinic,
    opened_by_code,
    remember,
)
from app.intake.presenters import step_url
from app.models import Application
from app.packets import NothingToFile, PacketRenderTimeout, resident_packet


def require_application(draft_only: bool = True) -> Application:
    application = current_application()
    if application is None:
        abort(redirect(url_for("intake.resume_by_code", expired=1)))
    if draft_only and application.status != "draft":
        abort(redirect(url_for("intake.confirmation")))
    return application


def continue_url(application: Application) -> str:
    """Where an application goes on: its first unanswered question while a draft, else the confirmation."""
    if application.status != "draft":
        return url_for("intake.confirmation")
    return step_url(journey.first_unanswered(application))


def back_to_unanswered(application: Application) -> Response | None:
    """The pages after the questions: a redirect to the first unanswered question, or None once all are answered."""
    unanswered = journey.first_unanswered(application)
    return None if unanswered == CHECK else redirect(step_url(unanswered))


@bp.before_request
def clinic_questions_need_their_volunteer() -> Response | None:
    """Registered first: a clinic application's pages are shown only to its event's volunteer (app.clinic.shift)."""
    return shift.guard_questionnaire()


@bp.before_request
def keep_language_with_application() -> None:
    """Switching language mid-journey changes the application's language (emails, petition cover follow it)."""
    if session.get(SESSION_KEY) and session.get("language"):
        application = current_application()
        if application is not None and application.status == "draft":
            lifecycle.set_language(application, session["language"])


@bp.get("/")
def start():
    return render_template("intake/start.html", application=current_application(), start_form=ActionForm())


@bp.post("/start")
def begin():
    if not ActionForm().validate_on_submit():
        abort(400)
    if shift.on_shift():  # a resident helped at a clinic is started from the event, so the application carries it
        flash(_("You are on a clinic shift: start each person from your event's page."), "info")
        return redirect(url_for("clinic.home"))
    application, _token = lifecycle.create_draft(language=str(get_locale() or "en"))
    remember(application, via="start")
    return redirect(step_url(journey.first_unanswered(application)))


@bp.get("/continue")
def continue_application():
    """Back to where this browser's application stopped: the first unanswered question, or the confirmation."""
    return redirect(continue_url(require_application(draft_only=False)))


@bp.route("/question/<slug>", methods=["GET", "POST"], endpoint="question")
@bp.route("/conviction/<int:number>/<slug>", methods=["GET", "POST"], endpoint="conviction_question")
@bp.route("/arrest/<int:number>/<slug>", methods=["GET", "POST"], endpoint="arrest_question")
def question(slug: str, number: int | None = None):
    application = require_application()
    ref = StepRef(slug, number)
    page = PAGES.get(slug)
    if page is None or not journey.is_reachable(application, ref) or not _url_fits(ref):
        abort(404)
    returning = request.args.get("return") == "check"
    stored = answers.stored_answers(application, ref)
    form = page.form(data=stored) if request.method == "POST" else page.form(formdata=None, data=stored)
    form.configure(presenters.form_context(application, ref))
    if form.validate_on_submit():
        answers.save_answers(application, ref, form.answers())
        return redirect(step_url(journey.next_step(application, ref, returning)))
    previous = journey.previous_step(application, ref)
    back = url_for("intake.check_answers") if returning else (step_url(previous) if previous else url_for("intake.start"))
    # Only the list page shows the convictions: loading them for every other page would cost a query each.
    listed = presenters.conviction_titles(application) if slug == CONVICTIONS_SUMMARY.slug else []
    arrests = presenters.arrest_titles(application) if slug == journey.ARRESTS_SUMMARY.slug else []
    return render_template(page.template, page=page, form=form, ref=ref, back_url=back,
                           progress=presenters.progress_caption(application, ref), convictions=listed, arrests=arrests)


def _url_fits(ref: StepRef) -> bool:
    """An arrest page only under /arrest/, a conviction page only under /conviction/."""
    step = journey.STEPS[ref.slug]
    return ref.index is None or step.per_arrest == (request.endpoint == "intake.arrest_question")


# A list page's remove buttons: what each kind of item is removed with, and the list page to show again.
_REMOVERS = {
    "conviction": (answers.remove_conviction, CONVICTIONS_SUMMARY.slug),
    "arrest": (answers.remove_arrest, journey.ARRESTS_SUMMARY.slug),
}


@bp.post("/conviction/<int:number>/remove", endpoint="remove_conviction", defaults={"kind": "conviction"})
@bp.post("/arrest/<int:number>/remove", endpoint="remove_arrest", defaults={"kind": "arrest"})
def remove_from_list(number: int, kind: str):
    """POST only, with the list page's CSRF token; a draft's item goes, the later ones move up a number."""
    application = require_application()
    if not ActionForm().validate_on_submit():
        abort(400)
    remove, list_slug = _REMOVERS[kind]
    remove(application, number)
    return redirect(url_for("intake.question", slug=list_slug))


@bp.get("/check-answers")
def check_answers():
    application = require_application()
    if (response := back_to_unanswered(application)) is not None:
        return response
    return render_template("intake/check.html", sections=presenters.check_answers(application),
                           progress=presenters.progress_caption(application, CHECK))


@bp.get("/results")
def results():
    application = require_application()
    if (response := back_to_unanswered(application)) is not None:
        return response
    return render_template("intake/results.html", results=presenters.results(application, str(get_locale())))


@bp.route("/consent", methods=["GET", "POST"])
def consent():
    if opened_at_clinic():  # the volunteer reads the statement aloud and records the answer
        return redirect(url_for("clinic.consent"))
    application = require_application()  # once sent, back-and-resubmit lands on the one confirmation
    if (response := back_to_unanswered(application)) is not None:
        return response
    form = ConsentForm()
    late_prop47 = facts.needs_good_cause(application)
    if form.validate_on_submit():
        submission.submit(application, form.personal_statement.data,
                          good_cause_statement=form.good_cause_statement.data if late_prop47 else None)
        return redirect(url_for("intake.confirmation"))
    return render_template("intake/consent.html", form=form, late_prop47=late_prop47)


@bp.get("/confirmation")
def confirmation():
    if opened_at_clinic():
        return redirect(url_for("clinic.resident_sent"))
    application = require_application(draft_only=False)
    if application.status == "draft":
        return redirect(url_for("intake.consent"))
    return render_template("intake/confirmation.html", application=application,
                           details=presenters.confirmation(application),
                           packet_available=presenters.packet_available(application),
                           packet_needs_link=opened_by_code(), email_form=ActionForm())


@bp.post("/petition/email-link")
def email_petition_link():
    """Opened by code: the papers come through a link sent to the person's own address."""
    application = require_application(draft_only=False)
    if not ActionForm().validate_on_submit():
        abort(400)
    if application.status != "draft" and application.email:
        tokens.email_petition_link(application)
        flash(_("We emailed you a link. Open it to download your court papers."), "success")
    return redirect(url_for("intake.confirmation"))


@bp.get("/petition.pdf")
def packet():
    application = require_application(draft_only=False)
    if application.status == "draft" or not presenters.packet_available(application):
        abort(404)
    if opened_by_code():
        return redirect(url_for("intake.confirmation"))
    try:
        pdf = resident_packet(application)
    except NothingToFile:  # the rules changed since the application was sent: say so, do not fail silently
        flash(_("We could not fill in court papers for your convictions. A lawyer, or the court's self-help "
                "center, can tell you what can be filed."), "error")
        return redirect(url_for("intake.confirmation"))
    except PacketRenderTimeout:
        flash(_("Your court papers took too long to prepare. Try again in a minute."), "error")
        return redirect(url_for("intake.confirmation"))
    response = current_app.response_class(pdf, mimetype="application/pdf")
    response.headers["Content-Disposition"] = f'attachment; filename="petition-{application.reference}.pdf"'
    return response


@bp.route("/save", methods=["GET", "POST"])
def save_and_return():
    application = require_application(draft_only=False)
    form = ActionForm()
    emailed = False
    if form.validate_on_submit() and application.email:
        tokens.email_resume_link(application)
        emailed = True
    link = tokens.resume_url(tokens.resume_token(application))
    remember(application, via=session[SESSION_KEY]["via"])  # a row older than the token salt just got a new token
    return render_template("intake/save.html", application=application, form=form, emailed=emailed, link=link,
                           continue_url=continue_url(application))


@bp.get("/resume/<token>")
def resume_with_link(token: str):
    application = tokens.find_by_token(token)
    if application is None:
        return render_template("intake/link_expired.html"), 404
    remember(application, via="link")
    return redirect(continue_url(application))


@bp.route("/resume", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config.get("RESUME_RATE_LIMIT", "10/hour"), methods=["POST"])
def resume_by_code():
    form = ResumeForm()
    if form.validate_on_submit():
        try:
            found = resume_guard.resume(form.reference.data, form.date_of_birth.value())
        except resume_guard.CodeLocked:
            form.reference.errors.append(form.LOCKED)
        except resume_guard.ResumePaused:
            form.reference.errors.append(form.PAUSED)
        else:
            if found is None:
                form.reference.errors.append(form.NOT_FOUND)
            else:
                remember(found[0], via=OPENED_BY_CODE)
                return redirect(continue_url(found[0]))
    return render_template("intake/resume.html", form=form,
                           expired=request.args.get("expired") == "1")


@bp.route("/delete", methods=["GET", "POST"])
def delete_application():
    """A draft goes with one press of the button; a sent application needs this page's one-time nonce and the
    reference code typed again, so no single scripted request can withdraw it."""
    application = require_application(draft_only=False)
    form = ActionForm() if application.status == "draft" else ConfirmDeleteForm()
    if form.validate_on_submit():
        if application.status == "draft" or lifecycle.delete_is_confirmed(application, form.nonce.data,
                                                                          form.reference.data):
            lifecycle.withdraw_application(application)
            forget()
            return redirect(url_for("intake.deleted"))
        form.reference.errors.append(form.MISMATCH)
    if isinstance(form, ConfirmDeleteForm):
        form.nonce.data = lifecycle.issue_delete_nonce(application)
        form.reference.data = ""
    return render_template("intake/delete.html", form=form, application=application)


@bp.get("/deleted")
def deleted():
    return render_template("intake/deleted.html")
