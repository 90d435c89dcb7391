"""Finding an application by name or case number without either being readable in the database.

Each application keeps `search_terms`: the blind index (app.crypto) of every word of its name and of each case
number, compacted to letters and digits. They are refreshed on every flush that changes a name, a case number or the
list of convictions, so no code path that edits those can forget. A search matches an application holding every word
typed, or the whole term compacted (a case number typed with spaces), so staff find whole words, not fragments:
"Delgado" and "rosa delgado" find Rosa Delgado, "Delg" does not.
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import ColumnElement, event, false, func, inspect, or_, select
from sqlalchemy.orm import Session

from app.crypto import compact, keyring, name_words, search_words
from app.models import Application, Conviction, SearchTerm


def words_of(full_name: str | None, case_numbers: Iterable[str | None]) -> set[str]:
    """The normalised words an application is found by (before hashing): its name's and its case numbers."""
    words = name_words(full_name or "")
    words.update(number for number in (compact(n or "") for n in case_numbers) if number)
    return words


def application_words(application: Application) -> set[str]:
    return words_of(application.full_name, (conviction.case_number for conviction in application.convictions))


def refresh(application: Application) -> None:
    """Make the application's search terms match its name and case numbers, touching only what changed."""
    ring = keyring()
    wanted = {ring.blind_index(word) for word in application_words(application)}
    kept = [term for term in application.search_terms if term.digest in wanted]
    missing = wanted - {term.digest for term in kept}
    if len(kept) != len(application.search_terms) or missing:
        application.search_terms = kept + [SearchTerm(digest=digest) for digest in sorted(missing)]


def matches(term: str) -> ColumnElement[bool]:
    """A condition on Application: holds every word of `term`, or the whole term as one (a case number)."""
    ring = keyring()
    words = sorted({ring.blind_index(word) for word in search_words(term)})
    whole = compact(term)
    if not words:
        return false()
    every_word = (
        select(SearchTerm.application_id)
        .where(SearchTerm.digest.in_(words))
        .group_by(SearchTerm.application_id)
        .having(func.count(func.distinct(SearchTerm.digest)) == len(words))
    )
    as_one = select(SearchTerm.application_id).where(SearchTerm.digest == ring.blind_index(whole))
    return or_(Application.id.in_(every_word), Application.id.in_(as_one))


def _changed(instance: Any, *attributes: str) -> bool:
    state = inspect(instance)
    return any(state.attrs[name].history.has_changes() for name in attributes)


def _stale_applications(session: Session) -> set[Application]:
    stale: set[Application] = set()
    for instance in session.new | session.dirty:
        if isinstance(instance, Application) and (instance in session.new
                                                  or _changed(instance, "full_name", "convictions")):
            stale.add(instance)
        elif isinstance(instance, Conviction) and (instance in session.new or _changed(instance, "case_number")):
            if instance.application is not None:
                stale.add(instance.application)
    return {application for application in stale if application not in session.deleted}


@event.listens_for(Session, "before_flush")
def _refresh_changed_applications(session: Session, flush_context: Any, instances: Any) -> None:
    for application in _stale_applications(session):
        refresh(application)


def rebuild(batch: int = 500) -> int:
    """`flask keys reindex`, after BLIND_INDEX_KEY changed: every application's search terms and every queued
    message's address index computed again under the current key; returns how many applications were visited."""
    from sqlalchemy.orm import selectinload

    from app.crypto import address_index
    from app.extensions import db
    from app.models import OutboxMessage

    visited, last_id = 0, 0
    while True:
        applications = db.session.scalars(
            select(Application).where(Application.id > last_id).order_by(Application.id).limit(batch)
            .options(selectinload(Application.convictions), selectinload(Application.search_terms))
        ).all()
        if not applications:
            break
        for application in applications:
            refresh(application)
        visited += len(applications)
        last_id = applications[-1].id
        db.session.commit()
    for message in db.session.scalars(select(OutboxMessage)):
        message.to_address_index = address_index(message.to_address)
    db.session.commit()
    return visited
