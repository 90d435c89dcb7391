"""The upload form: the DOJ file, an optional options file from the desktop tool, the as-of date."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import DateField
from wtforms.validators import Optional


class UploadForm(FlaskForm):
    doj_file = FileField(_l("DOJ research file (CSV)"), validators=[FileRequired(_l("Choose the DOJ file to upload"))])
    options_file = FileField(_l("Options file (optional)"))
    as_of = DateField(_l("Apply the rules as of (optional)"), validators=[Optional()])
