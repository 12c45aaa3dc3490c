"""What the reports show, read from the page's address: one department of the
person's or all of them, and how many weeks back. A choice that is not offered
is refused with a message, and the reports show the defaults."""

from typing import cast

from crispy_forms_gds.layout import Field
from django import forms

from portal.govuk_forms import form_helper

WEEKS = [
    ("4", "Last 4 weeks"),
    ("12", "Last 12 weeks"),
    ("26", "Last 26 weeks"),
    ("52", "Last 52 weeks"),
]
DEFAULT_WEEKS = 12


class ReportFilter(forms.Form):
    department = forms.ChoiceField(
        label="Department",
        required=False,
        error_messages={"invalid_choice": "Choose a department from the list"},
    )
    weeks = forms.ChoiceField(
        label="Period",
        required=False,
        choices=WEEKS,
        error_messages={"invalid_choice": "Choose a period from the list"},
    )

    def __init__(self, data, *, places, **kwargs):
        super().__init__(data, **kwargs)
        department = cast(forms.ChoiceField, self.fields["department"])
        department.choices = [
            ("", "All your departments"),
            *((place.slug, place.name) for place in places),
        ]
        self.fields["weeks"].initial = str(DEFAULT_WEEKS)
        self.helper = form_helper(Field.select("department"), Field.select("weeks"))

    def chosen(self) -> tuple[str, int]:
        """The department's slug ("" for all) and the weeks accepted, or the defaults."""
        if not self.is_valid():
            return "", DEFAULT_WEEKS
        return self.cleaned_data["department"], int(self.cleaned_data["weeks"] or DEFAULT_WEEKS)
