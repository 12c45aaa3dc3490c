"""Finding posts: the filters of an author's list and of an approver's queue
(django-filter), read from the page's address.

A value that is not one of the choices is left out, and the form says so; the
list is then shown as if it had not been given, never refused. ``kept_as``
names what a valid set of filters shows, for the cache, and is None when a page
must not be kept: a text search (each would be kept once and rarely asked for
again) or a value the form refused (its page shows the refusal).
"""

import re
from collections.abc import Callable, Mapping
from functools import cached_property, reduce
from operator import and_, or_
from typing import Generic, TypeVar
from urllib.parse import urlencode

import django_filters  # type: ignore[import-untyped]  # it ships no types
from crispy_forms_gds.layout import Div, Field, Size
from django import forms
from django.db.models import Q, QuerySet

from approvals.models import Post, PostStatus
from approvals.posts.channels import Channel
from portal.govuk_forms import form_helper

SEARCH_MAX = 200
# Beyond this many words a search is not finding a post but reciting one.
SEARCH_WORDS = 12


def _choose(what: str) -> dict:
    # The value is not repeated: it may be anything at all, and it is not needed.
    return {"invalid_choice": f"Choose {what} from the list"}


# Where a search finds the author, by any of their names.
AUTHOR_NAME = ("author__first_name", "author__last_name", "author__username")


def department_choice() -> django_filters.ChoiceFilter:
    """A choice of one department; each list gives the person's choices."""
    return django_filters.ChoiceFilter(
        label="Department",
        field_name="department_id",
        empty_label="All departments",
        error_messages=_choose("a department"),
    )


def side_by_side(width: str, *fields) -> Div:
    """``fields`` in one row of the GOV.UK grid, each ``width`` ("one-third") of it."""
    return Div(
        *(Div(field, css_class=f"govuk-grid-column-{width}") for field in fields),
        css_class="govuk-grid-row",
    )


class PostFilter(django_filters.FilterSet):
    """Text search and channel, for both lists; each list says where its
    words are looked for (``search_fields``)."""

    search_fields: tuple[str, ...] = ()
    search_hint = ""

    q = django_filters.CharFilter(
        label="Search",
        method="search",
        max_length=SEARCH_MAX,
        error_messages={"max_length": f"Search must be {SEARCH_MAX} characters or fewer"},
    )
    channel = django_filters.ChoiceFilter(
        label="Channel",
        choices=Channel.choices(),
        empty_label="All channels",
        error_messages=_choose("a channel"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["q"].extra["help_text"] = self.search_hint

    def search(self, queryset: QuerySet[Post], name: str, value: str) -> QuerySet[Post]:
        """Posts with every word somewhere in ``search_fields``, in any case."""
        words = value.split()[:SEARCH_WORDS]
        if not words:
            return queryset
        return queryset.filter(
            reduce(
                and_,
                (
                    reduce(
                        or_, (Q(**{f"{field}__icontains": word}) for field in self.search_fields)
                    )
                    for word in words
                ),
            )
        )

    def apply(self, queryset: QuerySet[Post]) -> QuerySet[Post]:
        """``queryset`` narrowed and sorted by what the form accepted. Given here,
        not to the constructor, so that a kept page reads nothing to make it."""
        self.is_valid()
        return self.filter_queryset(queryset)

    def chosen(self) -> dict:
        """What the person chose that the form accepted, without the blanks."""
        self.is_valid()
        return {
            name: value
            for name, value in getattr(self.form, "cleaned_data", {}).items()
            if value not in (None, "", False)
        }

    def kept_as(self) -> str | None:
        chosen = self.chosen()
        if self.form.errors or "q" in chosen:
            return None
        return ":".join(f"{name}={chosen.get(name, '')}" for name in sorted(self.filters))

    def query(self) -> str:
        """The chosen filters as an address's query, for the pages' links."""
        return urlencode(
            {name: "on" if value is True else value for name, value in self.chosen().items()}
        )

    @property
    def filtering(self) -> bool:
        """Whether anything narrows the list (sorting does not)."""
        return any(name != "sort" for name in self.chosen())


F = TypeVar("F", bound=PostFilter)


class Asked(Generic[F]):
    """What a list's address asks for, read into its filter set (``make()``)
    only when something needs the filters: the whole list, asked for with no
    filter chosen, is kept under a name known without them, so its kept page
    is served without building a form, which would cost more than the rest
    of the page."""

    def __init__(self, filter_class: type[F], data: Mapping[str, str], make: Callable[[], F]):
        self.whole = not any(data.get(name) for name in filter_class.base_filters)
        self._whole_key = ":".join(f"{name}=" for name in sorted(filter_class.base_filters))
        self._make = make

    @cached_property
    def found(self) -> F:
        return self._make()

    @property
    def refused(self) -> bool:
        return not self.whole and bool(self.found.form.errors)

    def kept_as(self) -> str | None:
        return self._whole_key if self.whole else self.found.kept_as()


class YourPostsFilter(PostFilter):
    search_fields = ("text", "account")
    search_hint = "Words in the post or the account it goes out on"

    status = django_filters.ChoiceFilter(
        label="Status",
        choices=PostStatus.choices,
        empty_label="All statuses",
        error_messages=_choose("a status"),
    )

    class Meta:
        model = Post
        fields = ["q", "status", "channel"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.form.helper = form_helper(
            Field.text("q", label_size=Size.SMALL),
            side_by_side("one-half", Field.select("status"), Field.select("channel")),
        )


class TickedFilter(django_filters.BooleanFilter):
    """One checkbox: ticked narrows the list, unticked leaves it whole."""

    field_class = forms.BooleanField


SORTS = {
    "waiting": ("waiting_since", "pk"),
    "due": ("publish_at", "pk"),
}


class QueueFilter(PostFilter):
    """The queue's filters; the departments to choose from are those of the
    posts waiting for the person (``departments``: (id, name) pairs)."""

    search_fields = (
        "current_version__text",
        "account",
        *AUTHOR_NAME,
    )
    search_hint = "Words in the post, the account it goes out on or the author's name"

    department = department_choice()
    findings = TickedFilter(
        label="Only posts the checks found something in", method="with_findings"
    )
    sort = django_filters.ChoiceFilter(
        label="Sort by",
        choices=[("waiting", "Waiting longest"), ("due", "Due to go out soonest")],
        empty_label=None,
        method="sort_by",
        error_messages=_choose("an order"),
    )

    class Meta:
        model = Post
        fields = ["q", "channel", "department", "findings", "sort"]

    def __init__(self, *args, departments: list[tuple[int, str]], **kwargs):
        super().__init__(*args, **kwargs)
        # Those of what waits for the person: none, and nothing waits.
        self.departments = departments
        choices = [(str(pk), name) for pk, name in departments]
        # A department chosen earlier whose last post has since been decided (the
        # address kept, or gone back to) finds nothing, rather than an error. Its
        # page is not kept: any number may be asked for.
        asked = str((self.data or {}).get("department") or "")
        self.nothing_there = bool(re.fullmatch(r"[0-9]{1,12}", asked)) and asked not in dict(
            choices
        )
        if self.nothing_there:
            choices.append((asked, "A department with nothing waiting for you"))
        self.filters["department"].extra["choices"] = choices
        self.form.helper = form_helper(
            Field.text("q", label_size=Size.SMALL),
            side_by_side(
                "one-third",
                Field.select("channel"),
                Field.select("department"),
                Field.select("sort"),
            ),
            Field.checkbox("findings", small=True),
        )

    def kept_as(self) -> str | None:
        return None if self.nothing_there else super().kept_as()

    def with_findings(self, queryset: QuerySet[Post], name: str, value: bool) -> QuerySet[Post]:
        # The version's findings are a JSON list: an empty one is "[]".
        return queryset.exclude(current_version__findings=[]) if value else queryset

    def sort_by(self, queryset: QuerySet[Post], name: str, value: str) -> QuerySet[Post]:
        return queryset.order_by(*SORTS[value])

    @property
    def sorted_by(self) -> str:
        return self.chosen().get("sort", "waiting")
