"""Admin forms. Choices that come from the database (offices, counties) are filled in by the view."""
from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, IntegerField, RadioField, SelectField, SelectMultipleField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import URL, DataRequired, Email, Length, NumberRange, Optional, Regexp
from wtforms.widgets import CheckboxInput, ListWidget

from app.auth.accounts import SCOPE_BY_ROLE
from app.auth.roles import ROLE_NAMES

EMAIL_FORMAT = _l("Enter an email address in the correct format, like name@example.org")
OWNS_HOME_CHOICES = [SelectChoice("any", _l("Either")), SelectChoice("yes", _l("Only people who own a home")),
                     SelectChoice("no", _l("Only people who do not own a home"))]


class MultiCheckboxField(SelectMultipleField):
    """Several checkboxes; the name matches what components/forms.html expects for error anchors."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class OfficeForm(FlaskForm):
    name = StringField(_l("Name"), validators=[DataRequired(_l("Enter the office's name")), Length(max=160)])
    website = StringField(_l("Website (optional)"), validators=[
        Optional(), URL(message=_l("Enter a web address that starts with https://")), Length(max=200)])
    phone = StringField(_l("Phone (optional)"), validators=[Optional(), Length(max=40)])
    notification_email = EmailField(_l("Email address for new referral notices (optional)"), validators=[
        Optional(), Email(message=EMAIL_FORMAT, check_deliverability=False), Length(max=254)])
    live = BooleanField(_l("The office takes referrals now"))
    priority = IntegerField(_l("Priority (optional)"), validators=[
        Optional(), NumberRange(min=1, max=99, message=_l("Enter a whole number from 1 to 99"))])
    monthly_income_below = IntegerField(_l("Only people whose monthly income is below, in dollars (optional)"),
                                        validators=[Optional(), NumberRange(min=1, max=1_000_000, message=_l(
                                            "Enter a whole number of dollars, like 3000"))])
    owns_home = RadioField(_l("Home ownership"), choices=OWNS_HOME_CHOICES, default="any")


class CountiesForm(FlaskForm):
    participating = MultiCheckboxField(_l("Participating counties"), coerce=int, validate_choice=True)


class InviteForm(FlaskForm):
    email = EmailField(_l("Email address"), validators=[
        DataRequired(_l("Enter their email address")), Email(message=EMAIL_FORMAT, check_deliverability=False),
        Length(max=254)])
    name = StringField(_l("Full name"), validators=[DataRequired(_l("Enter their name")), Length(max=120)])
    role = RadioField(_l("Role"), choices=[SelectChoice(role, name) for role, name in ROLE_NAMES.items()],
                      validators=[DataRequired(_l("Select a role"))])
    office_id = SelectField(_l("Office (partner attorneys and clinic volunteers)"), coerce=int)
    county_id = SelectField(_l("County (district attorneys and court clerks)"), coerce=int)
    bar_number = StringField(_l("State Bar number (attorneys, optional)"),
                             validators=[Optional(),
                                         Regexp(r"^\d{1,8}$", message=_l("Enter the State Bar number in digits"))])

    def validate(self, extra_validators: Any = None) -> bool:
        """Attorneys and volunteers belong to an office, district attorneys to a county: that is what scopes their
        access, so an account without one would see nothing, or (worse) be fixed later by hand."""
        valid = super().validate(extra_validators)
        scope = SCOPE_BY_ROLE.get(self.role.data)
        if scope == "office" and not self.office_id.data:
            self.office_id.errors.append(_l("Select the office they work for"))
            valid = False
        if scope == "county" and not self.county_id.data:
            self.county_id.errors.append(_l("Select the county of their office"))
            valid = False
        return valid
