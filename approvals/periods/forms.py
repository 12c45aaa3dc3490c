"""Forms for declaring and changing sensitive periods, stopping posting and
releasing held posts. Dates and times are entered in London time."""

from datetime import date, datetime, time
from typing import cast

from crispy_forms_gds.layout import Field, Size
from django import forms
from django.utils import timezone

from approvals.models import Department, PeriodKind, SensitivePeriod
from portal.govuk_forms import DateField, ReasonForm, form_helper, long_text, parse_time, radios
from portal.validators import validate_no_control_characters

ALL = "all"
CHOSEN = "chosen"


def _when(form: forms.Form, date_name: str, day: date | None, at: time | None) -> datetime | None:
    if day is None or at is None:
        return None
    try:
        return timezone.make_aware(datetime.combine(day, at))
    except (ValueError, OverflowError):
        form.add_error(date_name, cast(DateField, form.fields[date_name]).real_date)
        return None


def _time(text: str) -> time:
    at = parse_time(text)
    if at is None:
        raise forms.ValidationError("Enter a real time, like 9:30am, 2pm or 17:00")
    return at


class PeriodForm(forms.Form):
    name = forms.CharField(
        label="Name",
        max_length=200,
        help_text="For example, General election 2029",
        validators=[validate_no_control_characters],
        error_messages={"required": "Enter a name for the period"},
    )
    kind = radios(
        "What kind of period is it?",
        PeriodKind.choices,
        required="Select what kind of period it is",
    )
    starts_date = DateField(label="Date it starts", help_text="For example, 27 3 2027")
    starts_time = forms.CharField(
        label="Time it starts",
        max_length=20,
        help_text="London time, for example 9:30am, 2pm or 17:00",
        error_messages={"required": "Enter the time it starts"},
    )
    ends_date = DateField(
        label="Date it ends (optional)",
        required=False,
        help_text="Leave blank if it lasts until someone ends it. For example, 4 5 2027",
    )
    ends_time = forms.CharField(
        label="Time it ends (optional)",
        max_length=20,
        required=False,
        help_text="London time, for example 10pm",
    )
    cover = radios(
        "Which departments does it cover?",
        [(ALL, "All departments"), (CHOSEN, "Only the departments I choose")],
        required="Select which departments it covers",
    )
    departments = forms.ModelMultipleChoiceField(
        label="Departments it covers",
        queryset=Department.objects.filter(parent__isnull=True),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Agencies are included with their department.",
    )
    guidance = long_text(
        "Guidance for authors (optional)",
        rows=5,
        help_text="Shown on every page to the people it covers, and on the period's page.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper(
            Field.text("name"),
            Field.radios("kind", legend_size=Size.SMALL),
            Field("starts_date"),
            Field.text("starts_time", field_width=10),
            Field("ends_date"),
            Field.text("ends_time", field_width=10),
            Field.radios("cover", legend_size=Size.SMALL),
            Field.checkboxes("departments", legend_size=Size.SMALL),
            Field.textarea("guidance"),
        )

    @classmethod
    def initial_for(cls, period: SensitivePeriod) -> dict:
        starts = timezone.localtime(period.starts_at)
        ends = timezone.localtime(period.ends_at) if period.ends_at else None
        return {
            "name": period.name,
            "kind": period.kind,
            "starts_date": starts.date(),
            "starts_time": starts.strftime("%H:%M"),
            "ends_date": ends.date() if ends else None,
            "ends_time": ends.strftime("%H:%M") if ends else "",
            "cover": ALL if period.all_departments else CHOSEN,
            "departments": list(period.departments.values_list("pk", flat=True)),
            "guidance": period.guidance,
        }

    def clean_starts_time(self):
        return _time(self.cleaned_data["starts_time"])

    def clean_ends_time(self):
        text = self.cleaned_data["ends_time"].strip()
        return _time(text) if text else None

    def clean(self):
        super().clean()
        cleaned = self.cleaned_data
        cleaned["starts_at"] = _when(
            self, "starts_date", cleaned.get("starts_date"), cleaned.get("starts_time")
        )
        ends_date, ends_time = cleaned.get("ends_date"), cleaned.get("ends_time")
        cleaned["ends_at"] = None
        if ends_date and ends_time is None and "ends_time" not in self.errors:
            self.add_error("ends_time", "Enter the time it ends")
        elif ends_time is not None and not ends_date and "ends_date" not in self.errors:
            self.add_error("ends_date", "Enter the date it ends")
        else:
            cleaned["ends_at"] = _when(self, "ends_date", ends_date, ends_time)
        starts_at, ends_at = cleaned["starts_at"], cleaned["ends_at"]
        if starts_at and ends_at and ends_at <= starts_at:
            self.add_error("ends_date", "The end must be after the start")
        if cleaned.get("cover") == CHOSEN and not cleaned.get("departments"):
            self.add_error("departments", "Select the departments it covers")
        return cleaned


class StopForm(forms.Form):
    reason = long_text(
        "Why must posting stop?",
        rows=4,
        help_text="Authors and approvers see this on every page while posting is stopped.",
        required="Say why posting must stop",
    )

    def __init__(self, *args, departments, everywhere: bool, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(ALL, "All departments")] if everywhere else []
        choices += [(str(department.pk), department.name) for department in departments]
        self._departments = {str(department.pk): department for department in departments}
        self.fields["department"] = radios(
            "Where must posting stop?",
            choices,
            help_text="Agencies are included with their department.",
            required="Select where posting must stop",
        )
        self.helper = form_helper(
            Field.radios("department", legend_size=Size.SMALL),
            Field.textarea("reason"),
        )

    def clean_department(self):
        """The department chosen, or None for all of them."""
        chosen = self.cleaned_data["department"]
        return None if chosen == ALL else self._departments[chosen]


class ReleaseForm(ReasonForm):
    reason = long_text(
        "Why is it essential that this post goes out?",
        rows=4,
        help_text="Recorded in the audit trail and told to the author.",
        required="Say why it is essential that this post goes out",
    )
