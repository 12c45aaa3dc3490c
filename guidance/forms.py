from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Submit
from django import forms

from guidance import selectors


class AcknowledgementForm(forms.Form):
    STALE_MESSAGE = (
        "The principles changed while you were reading them. Read them again below, then confirm."
    )

    confirm = forms.BooleanField(
        label="I have read the principles",
        error_messages={"required": "Tick the box to confirm you have read the principles"},
    )
    # The version the reader was shown (the template writes it from the
    # current status), so that a change published while they read is never
    # confirmed on their behalf.
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = Layout(Field.checkbox("confirm"), Submit("submit", "Confirm"))

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("version") != selectors.current_version():
            raise forms.ValidationError(self.STALE_MESSAGE)
        return cleaned_data
