"""Log-in forms. Password fields never send their value back to the page; every form carries a CSRF token."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, StringField
from wtforms.validators import DataRequired, Email, EqualTo, Length

from app.auth.passwords import MAX_LENGTH, MIN_LENGTH


class LoginForm(FlaskForm):
    email = EmailField(_l("Email address"), validators=[DataRequired(_l("Enter your email address"))])
    password = PasswordField(_l("Password"), validators=[DataRequired(_l("Enter your password"))])


class CodeForm(FlaskForm):
    code = StringField(_l("Code"), validators=[DataRequired(_l("Enter the code")), Length(max=40)])


class EmailForm(FlaskForm):
    email = EmailField(_l("Email address"), validators=[
        DataRequired(_l("Enter your email address")),
        Email(message=_l("Enter an email address in the correct format, like name@example.org"),
              check_deliverability=False),
    ])


class NewPasswordForm(FlaskForm):
    password = PasswordField(_l("New password"), validators=[
        DataRequired(_l("Enter a new password")),
        Length(min=MIN_LENGTH, max=MAX_LENGTH,
               message=_l("Your password must be between %(min)d and %(max)d characters long",
                          min=MIN_LENGTH, max=MAX_LENGTH)),
    ])
    confirmation = PasswordField(_l("Type the new password again"), validators=[
        DataRequired(_l("Type the new password again")),
        EqualTo("password", _l("The two passwords are not the same")),
    ])


class ConfirmForm(FlaskForm):
    """A button that changes something (log out, an admin action): only the CSRF token."""
