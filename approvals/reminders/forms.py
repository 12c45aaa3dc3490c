"""The form a department admin sets its reminders with."""

from crispy_forms_gds.layout import Button, Field
from django import forms

from approvals.models import ReminderPolicy
from portal.govuk_forms import form_helper


class ReminderPolicyForm(forms.ModelForm):
    class Meta:
        model = ReminderPolicy
        fields = ["first_after", "repeat_every", "escalate_after", "urgent_within"]
        # The Design System's number input: a text input with a numeric keypad.
        widgets = {
            name: forms.TextInput(attrs={"inputmode": "numeric", "spellcheck": "false"})
            for name in fields
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper(
            *(Field.text(name, field_width=3) for name in self.Meta.fields),
            Button.secondary("reminders", "Save reminders"),
        )
