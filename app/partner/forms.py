"""The dashboard's forms. Three share the referral page, so their field names (and so ids) are all distinct."""
from __future__ import annotations

from typing import Iterable

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, RadioField, SelectField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length

from app.models import PartnerOffice
from app.referrals import STATUS_LABELS

MAX_NOTE_CHARS = 5000
MAX_REASON_CHARS = 1000


class StatusForm(FlaskForm):
    status = RadioField(_l("New status"), choices=[SelectChoice(value, label) for value, label in STATUS_LABELS.items()],
                        validators=[InputRequired(_l("Choose a status"))])
    notify_resident = BooleanField(_l("Tell the resident by e-mail, in their language"))


class NoteForm(FlaskForm):
    note = TextAreaField(_l("Add a note"), validators=[
        DataRequired(_l("Write the note")),
        Length(max=MAX_NOTE_CHARS, message=_l("A note can be at most %(max)d characters", max=MAX_NOTE_CHARS)),
    ])


class TransferForm(FlaskForm):
    office = SelectField(_l("Office to transfer to"), coerce=int, validators=[InputRequired(_l("Choose an office"))])
    reason = TextAreaField(_l("Reason (optional)"), validators=[
        Length(max=MAX_REASON_CHARS, message=_l("A reason can be at most %(max)d characters", max=MAX_REASON_CHARS)),
    ])

    def __init__(self, offices: Iterable[PartnerOffice], *args, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.office.choices = [SelectChoice(office.id, f"{office.name} ({office.county.name})") for office in offices]
