"""`/check`, the public look-up, and `/lookup/publish`, where DA, court and admin staff publish granted relief.

Views stay thin: matching and hashing live in app.lookup.matching, publishing in app.lookup.publishing.
Every non-match renders one page with no per-request content (no form, no token, nothing typed), so a wrong birth
date and an unknown case answer with the same bytes.
"""
from __future__ import annotations

import tempfile
from pathlib import Path

from flask import Response, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import format_date
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from app.audit import record_audit
from app.auth.decorators import staff_required
from app.extensions import csrf, db, limiter
from app.lookup import bp, publishing
from app.lookup.explanations import EXPLANATIONS, RELIEF_NAMES
from app.lookup.forms import CheckForm, PublishCsvForm, PublishRunForm
from app.lookup.matching import Identity, find_relief, normalize_case_number
from app.models import BulkJob, County, PublishBatch, User


def _case_number_key() -> str:
    """Counts look-ups per case number, whoever asks: guessing birth dates for one case from many addresses stops."""
    return "lookup-case:" + normalize_case_number(request.form.get("case_number", ""))


def _no_case_number() -> bool:
    return not normalize_case_number(request.form.get("case_number", ""))


@bp.route("/check", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["LOOKUP_RATE_LIMIT"], methods=["POST"])
@limiter.limit(lambda: current_app.config["LOOKUP_CASE_RATE_LIMIT"], methods=["POST"], key_func=_case_number_key,
               exempt_when=_no_case_number)
def check() -> str:
    counties = {county.slug: county for county in db.session.scalars(select(County).order_by(County.name))}
    form = CheckForm()
    form.configure([(slug, county.name) for slug, county in counties.items()])
    if not form.validate_on_submit():
        return render_template("lookup/check.html", form=form)
    identity = Identity.of(form.county.data, form.case_number.data, form.date_of_birth.value(), form.last_name.data)
    record = find_relief([identity])
    if record is None:
        return render_template("lookup/no_record.html")
    return render_template("lookup/match.html", county=record.county, order_date=format_date(record.order_date, "long"),
                           relief_name=RELIEF_NAMES[record.relief], explanation=EXPLANATIONS[record.relief])


# ---------------------------------------------------------------------------------------------------------------
# Publishing (staff)
# ---------------------------------------------------------------------------------------------------------------

def _run_form(user: User) -> PublishRunForm:
    form = PublishRunForm()
    form.job.choices = [("", _("Select a run"))] + [
        (job.token, _("%(county)s, uploaded %(date)s (%(name)s)", county=job.county.name,
                      date=job.created_at.date().isoformat(), name=job.upload_name))
        for job in publishing.publishable_runs(user)]
    return form


def _publish_page(run_form: PublishRunForm | None = None, csv_form: PublishCsvForm | None = None,
                  rejected: publishing.PublishRejected | None = None, status: int = 200) -> tuple[str, int]:
    return render_template(
        "lookup/publish.html", run_form=run_form or _run_form(current_user), csv_form=csv_form or PublishCsvForm(),
        rejected=rejected, batches=publishing.recent_batches(current_user), county=current_user.county,
    ), status


@bp.get("/lookup/publish")
@staff_required(*publishing.PUBLISHING_ROLES)
def publish() -> tuple[str, int]:
    """The publishing page; `?run=TOKEN` (the link on a finished run's page) chooses that run."""
    record_audit(current_user, "lookup.publish_page", "county", current_user.county_id)
    db.session.commit()
    run_form = _run_form(current_user)
    run_form.job.data = request.args.get("run", "")
    return _publish_page(run_form=run_form)


@bp.post("/lookup/publish/run")
@staff_required(*publishing.PUBLISHING_ROLES)
def publish_run() -> Response | tuple[str, int]:
    form = _run_form(current_user)
    if not form.validate_on_submit():
        return _publish_page(run_form=form)
    job = db.session.scalar(select(BulkJob).where(BulkJob.token == form.job.data))
    if job is None:
        abort(404)
    try:
        batch = publishing.publish_bulk_run(current_user, job, form.order_date.data)
    except publishing.NotPublishable:
        abort(404)
    _flash_published(batch)
    return redirect(url_for("lookup.publish"))


@csrf.exempt  # the global check would parse the upload under the site-wide size limit; PublishCsvForm checks the token
@bp.post("/lookup/publish/csv")
@staff_required(*publishing.PUBLISHING_ROLES)
def publish_csv() -> Response | tuple[str, int]:
    request.max_content_length = current_app.config["LOOKUP_MAX_UPLOAD_MB"] * 1024 * 1024
    form = PublishCsvForm()
    if not form.validate_on_submit():
        return _publish_page(csv_form=form)
    with tempfile.TemporaryDirectory(dir=current_app.instance_path) as folder:
        path = Path(folder) / "orders.csv"
        form.orders_file.data.save(path)
        try:
            batch = publishing.publish_orders_csv(path, current_user)
        except publishing.PublishRejected as rejected:
            record_audit(current_user, "lookup.publish_rejected", "county", current_user.county_id)
            db.session.commit()
            return _publish_page(csv_form=form, rejected=rejected, status=422)
    _flash_published(batch)
    return redirect(url_for("lookup.publish"))


def _flash_published(batch: PublishBatch) -> None:
    flash(_("Published: %(added)d new, %(replaced)d corrected, %(unchanged)d unchanged, %(withdrawn)d withdrawn, "
            "%(skipped)d left out.", added=batch.rows_added, replaced=batch.rows_replaced,
            unchanged=batch.rows_unchanged, withdrawn=batch.rows_withdrawn, skipped=batch.rows_skipped), "success")
