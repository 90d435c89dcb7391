"""The DA's pages: upload the county's DOJ file, follow the run, download the outputs.

Every route is for the "da" role, which sees only the runs of the user's own county (another county's run is a
404), and for administrators, who screen statewide files and see only those runs (one per county). Every view,
upload, download and deletion is audited (identifiers only).
"""
from __future__ import annotations

from datetime import date

from flask import Response, abort, current_app, flash, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user
from sqlalchemy import select

from app.audit import record_audit
from app.auth.decorators import staff_required
from app.bulk import jobs
from app.bulk import queue as bulk_queue
from app.bulk.progress import job_progress, rounded_time_left
from app.bulk.web import bp
from app.bulk.forms import UploadForm
from app.bulk.policy import N_, BulkOptions, OptionsError, options_from_bytes
from app.extensions import csrf, db
from app.models import BulkJob
from app.models.bulk import ACTIVE_STATUSES

REFRESH_SECONDS = 5
_interrupted_checked = False


def status_labels() -> dict[str, str]:
    return {
        "queued": _("Waiting to start"),
        "running": _("Running"),
        "done": _("Done"),
        "failed": _("Failed"),
        "deleted": _("Deleted"),
    }


@bp.app_template_global()
def bulk_status_label(status: str) -> str:
    return status_labels().get(status, status)


@bp.app_template_global()
def bulk_error_message(key: str | None) -> str:
    messages = {
        jobs.UNREADABLE: _("The uploaded file could not be read as a DOJ research file."),
        jobs.CRASHED: _("The run failed. Try again, or ask for the file to be run with `flask bulk screen`."),
        jobs.INTERRUPTED: _("The run stopped when the server or its worker restarted. Upload the file again."),
        jobs.NOT_QUEUED: _("The run could not be started: the job queue is not answering. Upload the file again later, or tell the site's administrators."),
    }
    return messages.get(key or "", messages[jobs.CRASHED])


@bp.app_template_global()
def bulk_failure_reason(job: BulkJob) -> str | None:
    """What went wrong, for the DA to pass on: the error's type and how many attempts failed."""
    if not job.error_detail:
        return None
    if not job.attempts:
        return _("Reason: %(reason)s.", reason=job.error_detail)
    return ngettext(
        "Reason: %(reason)s (after %(num)d failed attempt).", "Reason: %(reason)s (after %(num)d failed attempts).",
        job.attempts, reason=job.error_detail,
    )


@bp.app_template_global()
def bulk_percent(job: BulkJob) -> int:
    return job_progress(job).percent


@bp.app_template_global()
def bulk_time_left(seconds: int) -> str:
    minutes, seconds = rounded_time_left(seconds)
    if minutes:
        return _("about %(minutes)d min %(seconds)d s", minutes=minutes, seconds=seconds)
    return _("about %(seconds)d s", seconds=seconds)


@bp.before_app_request
def fail_jobs_left_by_a_previous_process() -> None:
    """Once per process, at its first request: runs of a process that died are marked failed."""
    global _interrupted_checked
    if not _interrupted_checked:
        _interrupted_checked = True
        jobs.fail_interrupted_jobs()


def _own_job(token: str) -> BulkJob:
    """A DA's own county run, or, for an administrator, a county run of a statewide upload; else 404."""
    job = db.session.scalar(select(BulkJob).where(BulkJob.token == token))
    if job is None:
        abort(404)
    if current_user.role == "admin":
        allowed = job.statewide_run is not None
    else:  # a statewide run's county runs hold the whole state's people: never a county DA's
        allowed = job.statewide_run is None and job.county_id == current_user.county_id
    if not allowed:
        abort(404)
    return job


def _start(created: list[BulkJob]) -> None:
    """Queue the stored runs; those Redis did not take are failed with the reason, so no page waits for them."""
    try:
        bulk_queue.submit(current_app._get_current_object(), *(job.id for job in created))  # type: ignore[attr-defined]
    except bulk_queue.QueueUnavailable as error:
        for job in created:
            if job.id not in error.started:
                job.error_detail = str(error)
                jobs.finish(job, "failed", error=jobs.NOT_QUEUED)


MAX_OPTIONS_BYTES = 64 * 1024


def _read_options(form: UploadForm) -> BulkOptions:
    upload = form.options_file.data
    if not upload or not upload.filename:
        return BulkOptions()
    content = upload.read(MAX_OPTIONS_BYTES + 1)
    if len(content) > MAX_OPTIONS_BYTES:  # cut short, it would only be reported as "not valid JSON"
        raise OptionsError(N_("%(name)s: larger than %(size)s KB"), name=upload.filename, size=MAX_OPTIONS_BYTES // 1024)
    return options_from_bytes(content, upload.filename)


@csrf.exempt  # the global check would parse the upload under the site-wide size limit; UploadForm checks the token
@bp.route("/", methods=["GET", "POST"])
@staff_required("da", "admin")
def index() -> Response | str:
    """A DA screens their county's file; an administrator screens a statewide file, one queue run per county."""
    request.max_content_length = current_app.config["BULK_MAX_UPLOAD_MB"] * 1024 * 1024  # before the body is read
    statewide = current_user.role == "admin"
    if not statewide and current_user.county_id is None:
        abort(403)
    form = UploadForm()
    if form.validate_on_submit():
        try:
            options = _read_options(form)
        except OptionsError as error:
            form.options_file.errors.append(_("Options file: %(problem)s", problem=_(error.template, **error.params)))
        else:
            upload = form.doj_file.data
            as_of = form.as_of.data or date.today()
            if statewide:
                created = jobs.create_statewide_jobs(current_user, upload.stream, upload.filename, options, as_of)
            else:
                created = [jobs.create_job(current_user, current_user.county, upload.stream, upload.filename, options, as_of)]
            for job in created:
                record_audit(current_user, "bulk.upload", "bulk_job", job.id)
            db.session.commit()
            _start(created)
            if statewide:
                flash(_("The file is being screened for each of California's %(count)d counties.", count=len(created)), "success")
                return redirect(url_for("bulk.index"))
            return redirect(url_for("bulk.job", token=created[0].token))
    jobs.purge_expired_jobs()
    jobs.fail_interrupted_jobs()
    record_audit(current_user, "bulk.list", "statewide" if statewide else "county", None if statewide else current_user.county_id)
    db.session.commit()
    return render_template(
        "bulk/index.html", form=form, statewide=statewide,
        jobs=[] if statewide else jobs.county_jobs(current_user.county_id),
        statewide_runs=jobs.statewide_runs() if statewide else [],
        county=current_user.county, max_upload_mb=current_app.config["BULK_MAX_UPLOAD_MB"],
        retention_days=current_app.config["BULK_RETENTION_DAYS"],
    )


@bp.get("/jobs/<token>")
@staff_required("da", "admin")
def job(token: str) -> str:
    found = _own_job(token)
    if found.status in ACTIVE_STATUSES:
        jobs.fail_interrupted_jobs()
    record_audit(current_user, "bulk.view", "bulk_job", found.id)
    db.session.commit()
    return render_template(
        "bulk/job.html", job=found, progress=job_progress(found), downloads=jobs.DOWNLOADS if found.status == "done" else (),
        refresh_seconds=REFRESH_SECONDS if found.active else None,
    )


@bp.get("/jobs/<token>/files/<name>")
@staff_required("da", "admin")
def download(token: str, name: str) -> Response:
    found = _own_job(token)
    if found.status != "done" or name not in jobs.DOWNLOADS:
        abort(404)
    path = jobs.output_folder(found) / name
    if not path.is_file():
        abort(404)
    record_audit(current_user, f"bulk.download.{name}"[:60], "bulk_job", found.id)
    db.session.commit()
    return send_file(path, as_attachment=True, download_name=name, max_age=0)


@bp.post("/jobs/<token>/delete")
@staff_required("da", "admin")
def delete(token: str) -> Response:
    found = _own_job(token)
    if found.active:
        flash(_("A run cannot be deleted while it is running."), "error")
        return redirect(url_for("bulk.job", token=token))
    jobs.delete_job_files(found)
    record_audit(current_user, "bulk.delete", "bulk_job", found.id)
    db.session.commit()
    flash(_("The upload and its results were deleted."), "success")
    return redirect(url_for("bulk.index"))
