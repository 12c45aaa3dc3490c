"""GOV.UK form parts the apps' forms share (markup through crispy-forms-gds)."""

import calendar
import re
from datetime import date, time

from crispy_forms_gds.fields import DateInputField
from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Size
from django import forms
from django.core.validators import RegexValidator

# People write months as numbers, names or their first three letters.
MONTHS = {
    **{name.lower(): number for number, name in enumerate(calendar.month_name) if name},
    **{name.lower(): number for number, name in enumerate(calendar.month_abbr) if name},
    "sept": 9,
}


class DateField(DateInputField):
    """The Design System's date input, with its error messages: "Enter the
    date…", "… must include a month", "… must be a real date", "Year must
    include 4 numbers", each on the part that is wrong."""

    def __init__(self, *, label: str, **kwargs):
        super().__init__(label=label, require_all_fields=False, **kwargs)
        self.error_messages["required"] = f"Enter the {label[0].lower()}{label[1:]}"
        self.error_messages["incomplete"] = self.error_messages["required"]
        self.real_date = f"{label} must be a real date"
        day, month, year = self.fields
        for part, name, pattern in (
            (day, "day", r"^\s*\d{1,2}\s*$"),
            (month, "month", r"^\s*(\d{1,2}|[A-Za-z]{3,9})\s*$"),
        ):
            part.error_messages["incomplete"] = f"{label} must include a {name}"
            part.validators = [RegexValidator(pattern, self.real_date)]
        year.error_messages["incomplete"] = f"{label} must include a year"
        year.validators = [RegexValidator(r"^\s*\d{4}\s*$", "Year must include 4 numbers")]

    def compress(self, data_list):
        day, month, year = data_list
        if not (day and month and year):
            return None
        month = month.strip().lower()
        number = int(month) if month.isdigit() else MONTHS.get(month)
        try:
            return date(int(year), number or 0, int(day))
        except ValueError as error:
            raise forms.ValidationError(self.real_date) from error


_CLOCK = re.compile(r"^(\d{1,2})(?:[:.](\d{2}))?(am|pm)?$")
_FOUR_FIGURES = re.compile(r"^(\d{1,2})(\d{2})$")


def parse_time(text: str) -> time | None:
    """The time as people type it: 9.30am, 9:30 am, 2pm, 14:00, 1400, midday,
    midnight. None when it is not a time."""
    value = re.sub(r"\s+|(?<=[apm])\.", "", text.lower())
    if value in {"midday", "noon", "12noon", "12midday"}:
        return time(12)
    if value in {"midnight", "12midnight"}:
        return time(0)
    four_figures = _FOUR_FIGURES.match(value)
    match = four_figures or _CLOCK.match(value)
    if not match:
        return None
    hour, minute = int(match.group(1)), int(match.group(2) or 0)
    half = None if four_figures else match.group(3)
    if half:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if half == "pm" else 0)
    elif not four_figures and match.group(2) is None:
        # "9" alone could be morning or evening.
        return None
    if hour > 23 or minute > 59:
        return None
    return time(hour, minute)


def form_helper(*fields) -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    helper.disable_csrf = True
    helper.label_size = Size.SMALL
    helper.legend_size = Size.SMALL
    helper.layout = Layout(*fields)
    return helper


def radios(label: str, choices, *, required: str, **kwargs) -> forms.ChoiceField:
    """One choice, as radios; ``required`` is the error when none is chosen."""
    return forms.ChoiceField(
        label=label,
        choices=choices,
        widget=forms.RadioSelect,
        error_messages={"required": required},
        **kwargs,
    )


def long_text(
    label: str,
    *,
    rows: int,
    max_length: int = 5000,
    required: str | None = None,
    too_long: str | None = None,
    **kwargs,
) -> forms.CharField:
    """Text in a box of ``rows`` lines. ``required`` is the error when it is left
    empty (None: it may be); ``too_long`` the error past ``max_length`` (None:
    Django's own)."""
    errors = {"required": required, "max_length": too_long}
    return forms.CharField(
        label=label,
        required=required is not None,
        max_length=max_length,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={key: message for key, message in errors.items() if message},
        **kwargs,
    )


class ReasonForm(forms.Form):
    """A form that asks only for a reason; each declares its ``reason``."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper(Field.textarea("reason"))
