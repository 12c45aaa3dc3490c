"""The calendar's one filter, by channel, read from the page's address. A
channel that is not one of the choices is refused with a message, and the
month is shown whole."""

from crispy_forms_gds.layout import Field
from django import forms

from approvals.posts.channels import Channel
from portal.govuk_forms import form_helper


class ChannelFilter(forms.Form):
    channel = forms.ChoiceField(
        label="Channel",
        required=False,
        choices=[("", "All channels"), *Channel.choices()],
        error_messages={"invalid_choice": "Choose a channel from the list"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper(Field.select("channel"))

    def chosen(self) -> str:
        """The channel accepted, or "" for all of them."""
        return self.cleaned_data.get("channel", "") if self.is_valid() else ""
