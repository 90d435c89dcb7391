"""The clinic's forms: creating an event, inviting volunteers, the next resident's language, consent read aloud."""
from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, IntegerField, RadioField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Email, InputRequired, Length, NumberRange, Optional, ValidationError

from app.intake.forms import DateParts

LANGUAGE_CHOICES = [SelectChoice("en", "English"), SelectChoice("es", "Español")]

# What the volunteer reads aloud: the public consent page's statement, put as questions to the person.
CONSENT_STATEMENT = (
    _l("A free legal office will get your answers and your results. They use them only to help you clear your record."),
    _l("Do you agree that your answers are sent to the free legal office for your county?"),
    _l("Do you understand that not everyone qualifies, and that a lawyer will check your answers?"),
)


def event_date_rules(form: Any, field: DateParts) -> None:
    if field.value() is None:
        raise ValidationError(_l("Enter the date of the event as a real date, for example 3 14 2027"))


class EventForm(FlaskForm):
    name = StringField(_l("Name of the event"), validators=[InputRequired(_l("Enter the name of the event")),
                                                            Length(max=160)])
    event_date = DateParts(_l("Date of the event"), date_validators=(event_date_rules,))
    place = StringField(_l("Place"), validators=[InputRequired(_l("Enter where the event is")), Length(max=200)])
    county_id = SelectField(_l("County"), coerce=int, validators=[InputRequired(_l("Select the county"))])
    office_id = SelectField(_l("Hosting partner office"), coerce=int,
                            validators=[InputRequired(_l("Select the hosting office"))])
    help_window_days = IntegerField(
        _l("Days after the event that volunteers can still open it"),
        validators=[InputRequired(_l("Enter a number of days, for example 7")),
                    NumberRange(min=0, max=60, message=_l("Enter a number of days from 0 to 60"))])


class InviteVolunteerForm(FlaskForm):
    email = EmailField(_l("Volunteer's email address"), validators=[
        InputRequired(_l("Enter the volunteer's email address")),
        Email(message=_l("Enter an email address like name@example.org"), check_deliverability=False),
        Length(max=254)])
    name = StringField(_l("Volunteer's name (for a new account)"), validators=[Optional(), Length(max=120)])


class StartResidentForm(FlaskForm):
    language = RadioField(_l("Which language does the person want?"), choices=LANGUAGE_CHOICES, default="en",
                          validators=[InputRequired(_l("Select the person's language"))])


class ClinicConsentForm(FlaskForm):
    """The volunteer reads the statement aloud and records the person's answer; the stored consent names the
    volunteer, the time and the language it was read in."""

    read_language = RadioField(_l("Which language did you read the statement in?"), choices=LANGUAGE_CHOICES,
                               validators=[InputRequired(_l("Select the language you read the statement in"))])
    agreed = BooleanField(_l("I read the statement aloud, and the person agreed to share their answers and "
                             "understands that a lawyer will check them"),
                          validators=[InputRequired(_l("Read the statement aloud and record the person's agreement"))])
    personal_statement = TextAreaField(_l("Why does the person want to clear their record? (optional)"),
                                       validators=[Optional(), Length(max=4000, message=_l("Write 4000 characters or fewer"))])
    good_cause_statement = TextAreaField(_l("Why is the person applying for Prop 47 relief now? (optional)"),
                                         validators=[Optional(), Length(max=4000, message=_l("Write 4000 characters or fewer"))])
