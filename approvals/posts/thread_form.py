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


def rearranged(data: QueryDict) -> QueryDict | None:
    """The form as sent with a part added or removed, when the author pressed one of those
    buttons rather than saving; None when they did not."""
    if ADD not in data and REMOVE not in data:
        return None
    parts = further_parts_in(data)
    if REMOVE in data:
        number = whole_number(data[REMOVE]) or 0
        if 2 <= number <= len(parts) + 1:
            del parts[number - 2]
    elif len(parts) + 1 < MOST_PARTS:
        parts.append("")
    kept = data.copy()
    for name in (ADD, REMOVE, *(part_name(n) for n in range(2, MOST_PARTS + 1))):
        kept.pop(name, None)
    for number, text in enumerate(parts, start=2):
        kept[part_name(number)] = text
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
        count = len(further_parts_in(data if data is not None else self.initial))
        numbers = range(2, count + 2)
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
        }

    def clean(self):
        cleaned = super().clean()
        parts = further_parts_in(
            {name: value for name, value in cleaned.items() if name.startswith("part_")}
        )
        count = len(further_parts_in(self.data))
        cleaned["further_parts"] = parts
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
