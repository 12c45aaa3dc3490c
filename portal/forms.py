from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Size, Submit
from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.validators import MaxLengthValidator
from wagtail.admin.forms.auth import LoginForm

from portal.auth import SSO_REQUIRED_FLAG, SSO_REQUIRED_MESSAGE


class SingleSignOnRequiredMixin:
    """Says why a correct password was refused, instead of calling it wrong."""

    def get_invalid_login_error(self):
        if getattr(self.request, SSO_REQUIRED_FLAG, False):
            return forms.ValidationError(SSO_REQUIRED_MESSAGE, code="sso_required")
        return super().get_invalid_login_error()


class UsernameLengthMixin:
    """Refuses a username longer than any account's before it reaches authentication.

    Django's sign-in form sets the field's max_length without checking it, and
    django-axes records every failed sign-in under the username given, in a
    column of 255 characters: a longer one was a server error
    (jazzband/django-axes#1381).
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        limit = self.fields["username"].max_length
        self.fields["username"].validators.append(
            MaxLengthValidator(limit, f"Enter a username of {limit} characters or fewer")
        )


class AdminSignInForm(UsernameLengthMixin, SingleSignOnRequiredMixin, LoginForm):
    """The Wagtail admin's sign-in form (WAGTAILADMIN_USER_LOGIN_FORM)."""


class SignInForm(UsernameLengthMixin, SingleSignOnRequiredMixin, AuthenticationForm):
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": (
            "The username or password is not right. Check them and try again: both "
            "are case-sensitive. If you have forgotten your password, ask your IT service desk."
        ),
        "inactive": "This account is closed. Ask your IT service desk if you need it again.",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # No autofocus: it would skip the skip link and the page's heading.
        self.fields["username"].widget.attrs.pop("autofocus", None)
        self.fields["username"].widget.attrs.update(
            {"autocomplete": "username", "spellcheck": "false"}
        )
        self.fields["password"].widget.attrs.update({"autocomplete": "current-password"})
        self.helper = FormHelper()
        self.helper.form_tag = False
        # The template writes the form tag and its CSRF token itself.
        self.helper.disable_csrf = True
        self.helper.label_size = Size.SMALL
        self.helper.layout = Layout(
            Field.text("username", field_width=20),
            Field.text("password", field_width=20),
            Submit("submit", "Sign in"),
        )
