"""Finding posts in the register (django-filter), read from the page's address,
as the queue and an author's list are (``approvals.posts.filters``)."""

from datetime import date, datetime, time, timedelta

import django_filters  # type: ignore[import-untyped]  # it ships no types
from crispy_forms_gds.layout import Field, Size
from django import forms
from django.db.models import QuerySet
from django.utils import timezone

from approvals.models import Post
from approvals.posts.filters import (
    AUTHOR_NAME,
    PostFilter,
    _choose,
    department_choice,
    side_by_side,
)
from approvals.records.selectors import REGISTER_STATES
from portal.govuk_forms import form_helper

DATE_FORMATS = ["%d/%m/%Y", "%d %m %Y", "%d-%m-%Y", "%Y-%m-%d"]
DATE_ERROR = "Enter a real date, like 27/3/2026"

SORTS = {
    "latest": ("-publish_at", "-pk"),
    "earliest": ("publish_at", "pk"),
    "department": ("department__name", "-publish_at", "-pk"),
    "channel": ("channel", "-publish_at", "-pk"),
    "state": ("status", "-publish_at", "-pk"),
}


def _midnight(day: date) -> datetime:
    """The start of ``day`` in London, where the portal's days are."""
    return timezone.make_aware(datetime.combine(day, time.min))


class DayFilter(django_filters.DateFilter):
    field_class = forms.DateField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("input_formats", DATE_FORMATS)
        kwargs.setdefault("error_messages", {"invalid": DATE_ERROR})
        # A plain text input: crispy-forms-gds styles a TextInput as a GOV.UK
        # input, but leaves a DateInput bare (thin border, no height).
        kwargs.setdefault("widget", forms.TextInput)
        super().__init__(*args, **kwargs)


class RegisterForm(forms.Form):
    def clean(self):
        cleaned = super().clean()
        since, until = cleaned.get("since"), cleaned.get("until")
        if since and until and until < since:
            self.add_error("until", "The second date must be the same as or after the first")
        return cleaned


class RegisterFilter(PostFilter):
    """The register's filters; the departments to choose from are those whose
    records the person reads (``departments``: (id, name) pairs)."""

    search_fields = (
        "current_version__text",
        "current_version__account",
        *AUTHOR_NAME,
    )
    search_hint = "Words in the post, the account it went out on or the author's name"

    department = department_choice()
    state = django_filters.ChoiceFilter(
        label="State",
        field_name="status",
        choices=[(state.value, state.label) for state in REGISTER_STATES],
        empty_label="All states",
        error_messages=_choose("a state"),
    )
    since = DayFilter(
        label="Goes out on or after", method="on_or_after", help_text="For example, 1/4/2026"
    )
    until = DayFilter(
        label="Goes out on or before", method="on_or_before", help_text="For example, 30/4/2026"
    )
    sort = django_filters.ChoiceFilter(
        label="Sort by",
        choices=[
            ("latest", "Latest to go out first"),
            ("earliest", "Earliest to go out first"),
            ("department", "Department"),
            ("channel", "Channel"),
            ("state", "State"),
        ],
        empty_label=None,
        method="sort_by",
        error_messages=_choose("an order"),
    )

    class Meta:
        model = Post
        form = RegisterForm
        fields = ["q", "department", "channel", "state", "since", "until", "sort"]

    def __init__(self, *args, departments: list[tuple[int, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["department"].extra["choices"] = [(str(pk), name) for pk, name in departments]
        self.filters["channel"].field_name = "current_version__channel"
        self.form.helper = form_helper(
            Field.text("q", label_size=Size.SMALL),
            side_by_side(
                "one-third",
                Field.select("department"),
                Field.select("channel"),
                Field.select("state"),
            ),
            side_by_side(
                "one-third",
                Field.text("since", field_width=10),
                Field.text("until", field_width=10),
                Field.select("sort"),
            ),
        )

    def on_or_after(self, queryset: QuerySet[Post], name: str, value: date) -> QuerySet[Post]:
        return queryset.filter(publish_at__gte=_midnight(value))

    def on_or_before(self, queryset: QuerySet[Post], name: str, value: date) -> QuerySet[Post]:
        return queryset.filter(publish_at__lt=_midnight(value + timedelta(days=1)))

    def sort_by(self, queryset: QuerySet[Post], name: str, value: str) -> QuerySet[Post]:
        return queryset.order_by(*SORTS[value])

    @property
    def sorted_by(self) -> str:
        return self.chosen().get("sort", "latest")
