"""The questionnaire's forms: one small form per question page, validated on the server.

Validation only checks that an answer is usable (a real date, an email that looks like one). What an answer means
for eligibility is never a validation error: that is the engine's job, and "I don't know" is always accepted.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, Form, HiddenField, RadioField, SelectField, SelectMultipleField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.fields.form import FormField
from wtforms.validators import InputRequired, Length, Optional, StopValidation, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from app.eligibility import OFFENSE_CHOICES

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
ZIP = re.compile(r"^\d{5}(-\d{4})?$")


class MultiCheckboxField(SelectMultipleField):
    """Checkboxes; the `choices` macro renders them (its error anchor knows this type name)."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def _strip(value: Any) -> Any:
    return value.strip() if isinstance(value, str) else value


class DatePartsForm(Form):
    day = StringField(filters=[_strip])
    month = StringField(filters=[_strip])
    year = StringField(filters=[_strip])


class DateParts(FormField):
    """Day, month and year boxes (GOV.UK's memorable date) with one error for the whole date.

    `data` stays a {"day", "month", "year"} dict of strings, so a half-typed date is shown again as typed.
    """

    def __init__(self, label: Any = None, date_validators: tuple[Any, ...] = (), **kwargs: Any) -> None:
        super().__init__(DatePartsForm, label, **kwargs)
        self.date_validators = date_validators
        self._date_errors: list[str] = []

    @property
    def errors(self) -> list[str]:  # type: ignore[override]
        return self._date_errors

    @property
    def day(self) -> Any:
        return self.form.day

    @property
    def month(self) -> Any:
        return self.form.month

    @property
    def year(self) -> Any:
        return self.form.year

    def value(self) -> dt.date | None:
        """The whole date, or None while any part is missing or impossible."""
        day, month, year = self.parts()
        return _to_date(day, month, year) if day and month and year.isdigit() else None

    def parts(self) -> tuple[str, str, str]:
        return tuple((getattr(self.form, part).data or "").strip() for part in ("day", "month", "year"))  # type: ignore[return-value]

    def validate(self, form: Any, extra_validators: Any = ()) -> bool:
        self._date_errors = []
        for validator in self.date_validators:
            try:
                validator(form, self)
            except StopValidation as stop:
                if stop.args and stop.args[0]:
                    self._date_errors.append(str(stop.args[0]))
                break
            except ValidationError as error:
                self._date_errors.append(str(error))
                break
        return not self._date_errors


def _to_date(day: str, month: str, year: str) -> dt.date | None:
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError:
        return None


def _check_year(year: str, message: Any) -> int:
    if not (year.isdigit() and len(year) == 4 and 1900 <= int(year) <= dt.date.today().year):
        raise ValidationError(message)
    return int(year)


def date_of_birth_rules(form: Any, field: DateParts) -> None:
    day, month, year = field.parts()
    if not (day or month or year):
        raise ValidationError(_l("Enter your date of birth"))
    if not (day and month and year):
        raise ValidationError(_l("Your date of birth must include a day, month and year"))
    value = _to_date(day, month, year) if year.isdigit() and len(year) == 4 else None
    if value is None:
        raise ValidationError(_l("Date of birth must be a real date, like 3 27 1985"))
    today = dt.date.today()
    if value >= today:
        raise ValidationError(_l("Date of birth must be in the past"))
    if value.year < today.year - 120:
        raise ValidationError(_l("Check the year of your date of birth"))


def partial_past_date_rules(form: Any, field: DateParts) -> None:
    """Blank means "I don't know"; a year alone or a month and year are fine; a day needs a month."""
    day, month, year = field.parts()
    if not (day or month or year):
        return
    if not year:
        raise ValidationError(_l("Enter the year, or leave all three boxes empty if you don't know"))
    _check_year(year, _l("Enter the year as 4 numbers, like 2012"))
    if day and not month:
        raise ValidationError(_l("Enter the month as well as the day, or only the year"))
    if month and not (month.isdigit() and 1 <= int(month) <= 12):
        raise ValidationError(_l("Enter the month as a number from 1 to 12"))
    if day and _to_date(day, month, year) is None:
        raise ValidationError(_l("Enter a real date, like 14 6 2012"))
    if day and _to_date(day, month, year) > dt.date.today():  # type: ignore[operator]
        raise ValidationError(_l("The date must be in the past"))


class QuestionForm(FlaskForm):
    """Base of every question page's form. `configure` gives a form what it needs from earlier answers.

    `needs_choice` names the fields that only mean something when an option of another field is chosen:
    {"phone": ("methods", {"text", "phone"})} keeps a typed phone number only while text or phone is ticked.
    """

    needs_choice: dict[str, tuple[str, set[str]]] = {}

    def configure(self, context: dict[str, Any]) -> None:
        pass

    def answers(self) -> dict[str, Any]:
        """The page's answers as JSON-friendly data (what is saved and what fills the form again). A field whose
        option is not chosen is saved empty: we keep only what the person chose to give."""
        return {name: None if self.unchosen(name) else field.data
                for name, field in self._fields.items() if name != "csrf_token"}

    def unchosen(self, name: str) -> bool:
        if name not in self.needs_choice:
            return False
        controlling, options = self.needs_choice[name]
        chosen = self._fields[controlling].data
        chosen = set(chosen) if isinstance(chosen, (list, tuple, set)) else {chosen}
        return not options & chosen


def yes_no_form(required_message: Any, unknown_label: Any = None) -> type[QuestionForm]:
    """A one-question yes / no / I don't know page; the page list gives each its own question text."""
    choices = [SelectChoice("yes", _l("Yes")), SelectChoice("no", _l("No")),
               SelectChoice("unknown", unknown_label or _l("I don't know"))]

    class YesNoForm(QuestionForm):
        answer = RadioField(choices=choices, validators=[InputRequired(required_message)])

    return YesNoForm


class CountiesForm(QuestionForm):
    counties = MultiCheckboxField(validators=[InputRequired(_l("Select a county, or “I'm not sure”"))])

    def configure(self, context: dict[str, Any]) -> None:
        self.counties.choices = [SelectChoice(name) for name in context["participating_counties"]] + [
            SelectChoice("not_listed", _l("Another California county")), SelectChoice("not_sure", _l("I'm not sure"))]

    def validate_counties(self, field: Any) -> None:
        if "not_sure" in (field.data or []) and len(field.data) > 1:
            raise ValidationError(_l("Select counties, or “I'm not sure”, but not both"))


class NameForm(QuestionForm):
    full_name = StringField(_l("Full name"), validators=[InputRequired(_l("Enter your full name")),
                                                         Length(max=200, message=_l("Name must be 200 characters or fewer"))])
    other_names = StringField(_l("Other names you have used (optional)"),
                              validators=[Optional(), Length(max=200, message=_l("Other names must be 200 characters or fewer"))])


class DateOfBirthForm(QuestionForm):
    date_of_birth = DateParts(_l("What is your date of birth?"), date_validators=(date_of_birth_rules,))


CONTACT_METHODS = [
    SelectChoice("email", _l("Email")), SelectChoice("text", _l("Text message")),
    SelectChoice("phone", _l("Phone call")), SelectChoice("mail", _l("Mail")),
    SelectChoice("none", _l("Do not contact me")),
]


# Fields checked by a `validate_<name>` method carry no Optional(): it would stop the chain before the method runs.
class ContactForm(QuestionForm):
    methods = MultiCheckboxField(_l("How can the legal office contact you?"), choices=CONTACT_METHODS,
                                 validators=[InputRequired(_l("Select how the office can contact you, or “Do not contact me”"))])
    email = StringField(_l("Email address"), validators=[Length(max=254)])
    phone = StringField(_l("Phone number"), validators=[Length(max=40)])
    needs_choice = {"email": ("methods", {"email"}), "phone": ("methods", {"text", "phone"})}

    def validate_methods(self, field: Any) -> None:
        if "none" in (field.data or []) and len(field.data) > 1:
            raise ValidationError(_l("Select ways to contact you, or “Do not contact me”, but not both"))

    def validate_email(self, field: Any) -> None:
        if self.unchosen("email"):
            return  # not kept, so not checked
        if not field.data:
            raise ValidationError(_l("Enter your email address"))
        if field.data and not EMAIL.match(field.data.strip()):
            raise ValidationError(_l("Enter an email address like name@example.com"))

    def validate_phone(self, field: Any) -> None:
        if self.unchosen("phone"):
            return
        digits = re.sub(r"\D", "", field.data or "")
        if not digits:
            raise ValidationError(_l("Enter your phone number"))
        if field.data and not (len(digits) == 10 or (len(digits) == 11 and digits.startswith("1"))):
            raise ValidationError(_l("Enter a phone number with 10 digits, like 510 555 0123"))


class AddressForm(QuestionForm):
    street = StringField(_l("Street address"), validators=[Length(max=200)])
    city = StringField(_l("City"), validators=[Length(max=100)])
    state = StringField(_l("State"), default="CA", validators=[Optional(), Length(max=30)])
    zip = StringField(_l("ZIP code"), validators=[Length(max=10)])
    mail_required = False

    def configure(self, context: dict[str, Any]) -> None:
        self.mail_required = "mail" in context.get("contact_methods", [])

    def validate_street(self, field: Any) -> None:
        if self.mail_required and not field.data:
            raise ValidationError(_l("Enter your street address, because you asked to be contacted by mail"))

    def validate_city(self, field: Any) -> None:
        if self.mail_required and not field.data:
            raise ValidationError(_l("Enter your city"))

    def validate_zip(self, field: Any) -> None:
        if self.mail_required and not field.data:
            raise ValidationError(_l("Enter your ZIP code"))
        if field.data and not ZIP.match(field.data.strip()):
            raise ValidationError(_l("Enter a ZIP code with 5 numbers, like 94612"))


class IncomeForm(QuestionForm):
    monthly_income = StringField(_l("Monthly income in dollars"), validators=[Length(max=12)])
    rather_not_say = BooleanField(_l("I'd rather not say"))

    def validate_monthly_income(self, field: Any) -> None:
        typed = (field.data or "").replace(",", "").replace("$", "").strip()
        if typed and self.rather_not_say.data:
            raise ValidationError(_l("Enter an amount, or choose “I'd rather not say”, but not both"))
        if not typed and not self.rather_not_say.data:
            raise ValidationError(_l("Enter your monthly income, or choose “I'd rather not say”"))
        if typed and not typed.isdigit():
            raise ValidationError(_l("Enter the amount in whole dollars, like 1800"))
        field.data = typed


class HearingForm(QuestionForm):
    choices = MultiCheckboxField(_l("Choices for your court papers"), choices=[
        SelectChoice("waive_appearance", _l("I do not need to go to the court hearing")),
        SelectChoice("waive_original_judge",
                     _l("Another judge may decide, if the judge who sentenced me is not available")),
    ])


class MoreConvictionsForm(QuestionForm):
    answer = RadioField(choices=[SelectChoice("yes", _l("Yes")), SelectChoice("no", _l("No"))],
                        validators=[InputRequired(_l("Select yes if you have another conviction to add"))])


class ConvictionCountyForm(QuestionForm):
    county = SelectField(validators=[InputRequired(_l("Choose a county, or “I don't know”"))])

    def configure(self, context: dict[str, Any]) -> None:
        self.county.choices = [SelectChoice("", _l("Choose a county")), SelectChoice("unknown", _l("I don't know"))] + [
            SelectChoice(name) for name in context["all_counties"]]
        shown_first_time = self.county.raw_data is None and not self.county.data  # not after a POST
        if shown_first_time and len(context.get("chosen_counties", [])) == 1:
            self.county.data = context["chosen_counties"][0]


class CaseNumberForm(QuestionForm):
    case_number = StringField(validators=[Optional(), Length(max=60, message=_l("Case number must be 60 characters or fewer"))])


# The searchable list, grouped by topic so it reads well in a plain <select> without JavaScript.
MARIJUANA_SECTIONS = {"11357", "11358", "11359", "11360", "11362.1"}
THEFT_SECTIONS = {"459", "459.5", "470", "473", "476a", "484", "487", "488", "490.2", "496", "503", "530.5", "594",
                  "602", "666", "211"}


def offense_topic(code: str, section: str) -> Any:
    if code == "HS" and section in MARIJUANA_SECTIONS:
        return _l("Marijuana")
    if code == "HS" or (code == "BP" and section in ("4060", "4140")):
        return _l("Other drugs")
    if code == "PC" and section in THEFT_SECTIONS:
        return _l("Theft and property")
    if code == "VC":
        return _l("Driving")
    return _l("Other offenses")


def grouped_offense_choices(language: str) -> list[SelectChoice]:
    """SelectChoice("HS 11357", "Possession of marijuana (HS 11357)", optgroup="Marijuana"), ... in the person's
    language: topics in first-seen order, options sorted by label within a topic (an <optgroup> needs them adjacent)."""
    groups: dict[str, list[SelectChoice]] = {}
    for code, section, label_en, label_es in OFFENSE_CHOICES:
        topic = str(offense_topic(code, section.split("(")[0]))
        label = label_es if language == "es" else label_en
        groups.setdefault(topic, []).append(SelectChoice(f"{code} {section}", f"{label} ({code} {section})",
                                                         optgroup=topic))
    return [option for options in groups.values() for option in sorted(options, key=lambda option: option.label)]


class OffenseForm(QuestionForm):
    offense = SelectField(_l("Choose from the list"), validate_choice=False)
    offense_code = StringField(_l("Type the code section, if you know it"), validators=[Optional(), Length(max=200)])

    def configure(self, context: dict[str, Any]) -> None:
        self.offense.choices = [SelectChoice("", _l("Choose what it was for")),
                                SelectChoice("unknown", _l("I don't know what it was for")),
                                *grouped_offense_choices(context["language"])]

    def validate_offense(self, field: Any) -> None:
        typed = (self.offense_code.data or "").strip()
        if field.data and field.data not in {choice.value for choice in field.choices}:
            raise ValidationError(_l("Choose an offense from the list"))
        if not field.data and not typed:
            raise ValidationError(_l("Choose what the conviction was for, type the code section, or choose “I don't know”"))
        if field.data and typed:
            raise ValidationError(_l("Choose from the list or type the code section, but not both"))


LEVELS = [
    SelectChoice("felony", _l("Felony")), SelectChoice("misdemeanor", _l("Misdemeanor")),
    SelectChoice("infraction", _l("Infraction")), SelectChoice("unknown", _l("I don't know")),
]


class LevelForm(QuestionForm):
    answer = RadioField(choices=LEVELS, validators=[InputRequired(_l("Select felony, misdemeanor, infraction or “I don't know”"))])


class ConvictionDateForm(QuestionForm):
    conviction_date = DateParts(_l("When were you convicted?"), date_validators=(partial_past_date_rules,))


SENTENCES = [
    SelectChoice("probation", _l("Probation")), SelectChoice("county_jail", _l("County jail")),
    SelectChoice("state_prison", _l("State prison")), SelectChoice("fine_only", _l("Only a fine")),
    SelectChoice("unknown", _l("I don't know")),
]


class SentenceForm(QuestionForm):
    answer = RadioField(choices=SENTENCES, validators=[InputRequired(_l("Select the sentence, or “I don't know”"))])


class FinishedDateForm(QuestionForm):
    finished_date = DateParts(_l("When did you finish your sentence?"), date_validators=(partial_past_date_rules,))


class OffenseDateForm(QuestionForm):
    offense_date = DateParts(_l("When did the offense happen?"), date_validators=(partial_past_date_rules,))


class MoreArrestsForm(QuestionForm):
    answer = RadioField(choices=[SelectChoice("yes", _l("Yes")), SelectChoice("no", _l("No"))],
                        validators=[InputRequired(_l("Select yes if you have another arrest to add"))])


class ArrestDateForm(QuestionForm):
    arrest_date = DateParts(_l("When were you arrested?"), date_validators=(partial_past_date_rules,))


class ArrestAgencyForm(QuestionForm):
    agency = StringField(validators=[Optional(), Length(max=100, message=_l("The agency must be 100 characters or fewer"))])


# How an arrest ended without a conviction (PC 851.91(a)(1)); the values are the engine's ARREST_OUTCOMES.
ARREST_OUTCOMES = [
    SelectChoice("no_charges", _l("No charges were filed")),
    SelectChoice("dismissed", _l("The charges were dropped or dismissed")),
    SelectChoice("acquitted", _l("I was found not guilty")),
    SelectChoice("vacated", _l("I was convicted, but the conviction was later vacated or overturned")),
    SelectChoice("unknown", _l("I don't know")),
]


class ArrestOutcomeForm(QuestionForm):
    answer = RadioField(choices=ARREST_OUTCOMES,
                        validators=[InputRequired(_l("Select how the case ended, or “I don't know”"))])


class ConsentForm(FlaskForm):
    share = BooleanField(_l("I agree that my answers are sent to the free legal office for my county"),
                         validators=[InputRequired(_l("Agree to share your answers with the legal office, so they can help you"))])
    understands = BooleanField(_l("I understand that not everyone qualifies, and that a lawyer will check my answers"),
                               validators=[InputRequired(_l("Confirm that you understand a lawyer will check your answers"))])
    personal_statement = TextAreaField(_l("Why do you want to clear your record? (optional)"),
                                       validators=[Optional(), Length(max=4000, message=_l("Write 4000 characters or fewer"))])
    good_cause_statement = TextAreaField(_l("Why are you applying for Prop 47 relief now? (optional)"),
                                         validators=[Optional(), Length(max=4000, message=_l("Write 4000 characters or fewer"))])


class ResumeForm(FlaskForm):
    reference = StringField(_l("Your application code"), validators=[InputRequired(_l("Enter your application code")),
                                                                     Length(max=16)])
    date_of_birth = DateParts(_l("Date of birth"), date_validators=(date_of_birth_rules,))
    NOT_FOUND = _l("We could not find an application with this code and date of birth. Check both and try again.")
    LOCKED = _l("This code was tried too many times with a wrong date of birth, so it is locked for today. Use the "
                "link we emailed you, or try again tomorrow.")
    PAUSED = _l("Continuing with a code is paused for a while, because of too many wrong tries. Use the link we "
                "emailed you, or try again in an hour.")


class ConfirmDeleteForm(FlaskForm):
    """Deleting a sent application: the page's one-time nonce and the reference code typed again."""

    nonce = HiddenField()
    reference = StringField(_l("Type your application code to confirm"),
                            validators=[InputRequired(_l("Type your application code")), Length(max=16)])
    MISMATCH = _l("Type your application code exactly as it is shown, then press the button again.")


class ActionForm(FlaskForm):
    """No fields: a button whose POST is the action (start, email the link, delete, remove), CSRF-protected."""
