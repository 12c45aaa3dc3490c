"""The writing form with a thread's parts: the author adds and removes parts with buttons
that send the form back to the server, without JavaScript, keeping everything typed
(the Design System's "add another" pattern)."""

from collections.abc import Mapping

from crispy_forms_gds.layout import HTML, Field
from django import forms
from django.forms.utils import ErrorDict
from django.http import QueryDict
from django.utils.html import format_html

from approvals.posts import threads
from approvals.posts.channels import MOST_PARTS, PART_MAX
from approvals.posts.forms import CONTROL_CHARACTERS, DIRECTION_CHARACTERS, PostForm
from portal.query import whole_number

# The names of the buttons that add a part and remove one (its value the part's number).
ADD = "add_part"
REMOVE = "remove_part"
# A hidden field saying which saved part each part after the first was, so that its
# images follow it when an earlier part is removed: its numbers, 1 for the saved second
# part, or nothing for a part added since, separated by commas.
ORIGINS = "part_origins"


def part_name(number: int) -> str:
    """The field of part ``number``, counting the post's own text as part 1."""
    return f"part_{number}"


def further_parts_in(data: Mapping[str, str]) -> list[str]:
    """The parts after the first that the form sent, in order."""
    parts = []
    for number in range(2, MOST_PARTS + 1):
        if part_name(number) not in data:
            break
        parts.append(data[part_name(number)])
    return parts


def origins_in(value: str | None, count: int) -> list[int | None]:
    """Which saved part each of ``count`` parts after the first was (see ``ORIGINS``); the
    parts as they were saved when the form did not say."""
    if value is None:
        return list(range(1, count + 1))
    origins = [whole_number(number) for number in value.split(",")][:count]
    return origins + [None] * (count - len(origins))


def _origins_value(origins: list[int | None]) -> str:
    return ",".join("" if number is None else str(number) for number in origins)


def rearranged(data: QueryDict) -> QueryDict | None:
    """The form as sent with a part added or removed, when the author pressed one of those
    buttons rather than saving; None when they did not."""
    if ADD not in data and REMOVE not in data:
        return None
    parts = further_parts_in(data)
    origins = origins_in(data.get(ORIGINS), len(parts))
    if REMOVE in data:
        number = whole_number(data[REMOVE]) or 0
        if 2 <= number <= len(parts) + 1:
            del parts[number - 2]
            del origins[number - 2]
    elif len(parts) + 1 < MOST_PARTS:
        parts.append("")
        origins.append(None)
    kept = data.copy()
    for name in (ADD, REMOVE, *(part_name(n) for n in range(2, MOST_PARTS + 1))):
        kept.pop(name, None)
    for number, text in enumerate(parts, start=2):
        kept[part_name(number)] = text
    kept[ORIGINS] = _origins_value(origins)
    return kept


def _written_cleanly(number: int):
    def validate(text: str) -> None:
        if CONTROL_CHARACTERS.search(text):
            raise forms.ValidationError(f"Part {number} contains control characters. Remove them.")
        if DIRECTION_CHARACTERS.search(text):
            raise forms.ValidationError(
                f"Part {number} contains hidden characters that change the direction of the "
                "text. Remove them, or type again any text you pasted in."
            )

    return validate


class ThreadPostForm(PostForm):
    """``PostForm`` with a field for each part of a thread after the first.

    ``rearranging``: the author added or removed a part; the form shows what they typed
    and checks nothing yet."""

    def __init__(self, data=None, *args, rearranging: bool = False, **kwargs):
        super().__init__(data, *args, **kwargs)
        self.rearranging = rearranging
        sent = data if data is not None else self.initial
        count = len(further_parts_in(sent))
        numbers = range(2, count + 2)
        origins = _origins_value(origins_in(sent.get(ORIGINS), count))
        for number in numbers:
            self.fields[part_name(number)] = forms.CharField(
                label=f"Part {number}",
                max_length=PART_MAX,
                widget=forms.Textarea(attrs={"data-channel-count": True}),
                validators=[_written_cleanly(number)],
                error_messages={
                    "required": f"Enter the text of part {number}, or remove the part",
                    "max_length": f"Part {number} must be {PART_MAX:,} characters or fewer",
                },
            )
        if count:
            self.fields["text"].label = "Part 1"
        layout = self.helper.layout.fields
        after_text = 1 + next(
            index for index, item in enumerate(layout) if getattr(item, "fields", None) == ["text"]
        )
        layout[after_text:after_text] = [
            *(
                item
                for number in numbers
                for item in (
                    Field.textarea(part_name(number), rows=4),
                    HTML(_remove_button(number)),
                )
            ),
            HTML(_add_button(count + 1)),
            # Written again from the numbers read, so nothing sent comes back unchecked.
            HTML(format_html('<input type="hidden" name="{}" value="{}">', ORIGINS, origins)),
        ]

    @property
    def errors(self) -> ErrorDict:
        return ErrorDict() if self.rearranging else super().errors

    def is_valid(self) -> bool:
        return not self.rearranging and super().is_valid()

    @classmethod
    def initial_for(cls, post) -> dict:
        return {
            **super().initial_for(post),
            **{part_name(n): text for n, text in enumerate(post.further_parts, start=2)},
            ORIGINS: _origins_value(list(range(1, len(post.further_parts) + 1))),
        }

    def clean(self):
        cleaned = super().clean()
        parts = further_parts_in(
            {name: value for name, value in cleaned.items() if name.startswith("part_")}
        )
        count = len(further_parts_in(self.data))
        cleaned["further_parts"] = parts
        # Which saved part each part was, the first part always the first.
        cleaned[ORIGINS] = [0, *origins_in(self.data.get(ORIGINS), count)]
        channel = cleaned.get("channel")
        refused = threads.refusal(channel, count + 1) if channel else None
        if refused:
            self.add_error(part_name(2), refused)
        return cleaned


def _remove_button(number: int) -> str:
    return format_html(
        '<div class="govuk-button-group"><button type="submit" name="{}" value="{}" '
        'class="govuk-button govuk-button--secondary" data-module="govuk-button">'
        "Remove part {}</button></div>",
        REMOVE,
        number,
        number,
    )


def _add_button(parts: int) -> str:
    hint = format_html(
        '<p class="govuk-hint">{} take threads: each part is a post of its own, a reply to '
        "the one before, counted against the channel's limit on its own. Up to {} parts.</p>",
        threads.channels_taking_threads().replace(" or ", " and "),
        MOST_PARTS,
    )
    if parts >= MOST_PARTS:
        return hint
    return format_html(
        '{}<div class="govuk-button-group"><button type="submit" name="{}" value="1" '
        'class="govuk-button govuk-button--secondary" data-module="govuk-button">'
        "Add another part</button></div>",
        hint,
        ADD,
    )
