"""Forms for line managers arranging cover and department admins granting authority."""

from typing import cast

from crispy_forms_gds.layout import Button, Field, Size
from django import forms
from django.contrib.auth import get_user_model

from approvals.authority import cover
from approvals.models import SignOffPolicy
from portal.govuk_forms import DateField, form_helper


class UsernameField(forms.CharField):
    """A colleague, named by username: a list of thousands of staff helps nobody."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 150)
        kwargs.setdefault("error_messages", {"required": "Enter their username"})
        super().__init__(**kwargs)

    def clean(self, value):
        username = super().clean(value).strip()
        if not username and not self.required:
            return None
        user = get_user_model().objects.filter(username=username, is_active=True).first()
        if user is None:
            raise forms.ValidationError("There is no active colleague with that username")
        return user


class CoverForm(forms.Form):
    """Cover for the signed-in manager's sign-off. A department admin may also name
    the manager covered (``for_others``); the service checks that they may."""

    manager = UsernameField(
        label="Username of the manager being covered",
        required=False,
        help_text="Leave this empty to arrange cover for your own sign-off",
    )
    deputy = UsernameField(label="Username of the deputy")
    starts_on = DateField(label="Cover starts")
    ends_on = DateField(label="Cover ends")
    reason = forms.CharField(
        label="Reason",
        max_length=500,
        help_text="For example, annual leave",
        error_messages={"required": "Enter the reason for the cover"},
    )

    def __init__(self, *args, for_others=False, **kwargs):
        super().__init__(*args, **kwargs)
        if not for_others:
            del self.fields["manager"]
        self.helper = form_helper(
            *([Field.text("manager", field_width=20)] if for_others else []),
            Field.text("deputy", field_width=20),
            Field("starts_on"),
            Field("ends_on"),
            Field.text("reason"),
        )

    def clean(self):
        super().clean()
        cleaned = self.cleaned_data
        starts, ends = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts and ends:
            try:
                cover.check_dates(starts_on=starts, ends_on=ends)
            except cover.CoverRefused as refusal:
                self.add_error(refusal.field, str(refusal))
        return cleaned


class GrantForm(forms.Form):
    grantee = UsernameField(label="Username of the colleague")
    authority = forms.ChoiceField(
        label="Authority to grant",
        widget=forms.RadioSelect,
        error_messages={"required": "Select the authority to grant"},
    )

    def __init__(self, *args, authorities=(), **kwargs):
        super().__init__(*args, **kwargs)
        authority = cast(forms.ChoiceField, self.fields["authority"])
        authority.choices = [(a.value, a.label) for a in authorities]
        self.helper = form_helper(
            Field.text("grantee", field_width=20),
            Field.radios("authority", legend_size=Size.SMALL),
            Button("grant", "Grant authority"),
        )


class PolicyForm(forms.Form):
    signoff_policy = forms.ChoiceField(
        label="When does a post need a second sign-off from a department approver?",
        choices=SignOffPolicy.choices,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper(
            Field.radios("signoff_policy", legend_size=Size.SMALL),
            Button.secondary("policy", "Save policy"),
        )
