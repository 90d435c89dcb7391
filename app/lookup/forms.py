"""The look-up's form (public) and the publishing forms (staff)."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import BooleanField, DateField, SelectField, StringField
from wtforms.validators import InputRequired, Length

from app.intake.forms import DateParts, date_of_birth_rules


class CheckForm(FlaskForm):
    county = SelectField(_l("County where the case was"), validators=[InputRequired(_l("Select the county"))])
    case_number = StringField(_l("Court case number"), validators=[InputRequired(_l("Enter the court case number")),
                                                                    Length(max=40)])
    date_of_birth = DateParts(_l("Date of birth"), date_validators=(date_of_birth_rules,))
    last_name = StringField(_l("Last name"), validators=[InputRequired(_l("Enter your last name")), Length(max=80)])

    def configure(self, counties: list[tuple[str, str]]) -> None:
        self.county.choices = [("", _l("Select a county")), *counties]


class PublishRunForm(FlaskForm):
    job = SelectField(_l("Bulk run"), validators=[InputRequired(_l("Select a run"))])
    order_date = DateField(_l("Date of the court's order"), validators=[InputRequired(_l("Enter the date of the court's order"))])
    confirmed = BooleanField(_l("The court has granted relief for every dismissal and reduction in this run"),
                             validators=[InputRequired(_l("Confirm that the court has ruled"))])


class PublishCsvForm(FlaskForm):
    orders_file = FileField(_l("CSV file of court orders"), validators=[FileRequired(_l("Choose a CSV file"))])
