"""The comment forms."""

import re

from crispy_forms_gds.layout import Field
from django import forms

from approvals.models import COMMENT_MAX
from approvals.posts.forms import CONTROL_CHARACTERS, DIRECTION_CHARACTERS
from portal.govuk_forms import form_helper, long_text

NAMES = re.compile(r"[\s,;]+")


def _text_field(label: str) -> forms.CharField:
    return long_text(
        label,
        rows=5,
        max_length=COMMENT_MAX,
        required="Enter your comment",
        too_long=f"Your comment must be {COMMENT_MAX:,} characters or fewer",
    )


def _clean_text(text: str) -> str:
    if CONTROL_CHARACTERS.search(text) or DIRECTION_CHARACTERS.search(text):
        raise forms.ValidationError(
            "Your comment contains hidden characters. Remove them, or type again any text "
            "you pasted in"
        )
    return text


class CommentForm(forms.Form):
    quote = long_text(
        "Passage you are commenting on (optional)",
        rows=2,
        max_length=COMMENT_MAX,
        help_text="Copy the words from the post. Leave this empty to comment on the whole post.",
    )
    text = _text_field("Your comment")
    also_tell = forms.CharField(
        label="Also tell (optional)",
        required=False,
        max_length=500,
        widget=forms.TextInput(attrs={"spellcheck": "false", "autocomplete": "off"}),
        help_text=(
            "Usernames of colleagues who can see this post, separated by commas. "
            "The author and whoever signs it off are told anyway."
        ),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    reply_to = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, replying: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if replying:
            # A reply belongs to its thread: the passage is the comment's.
            del self.fields["quote"]
            self.fields["text"].label = "Your reply"
        fields = [] if replying else [Field.textarea("quote")]
        self.helper = form_helper(
            *fields, Field.textarea("text"), Field.text("also_tell"), "version", "reply_to"
        )

    def clean_text(self):
        return _clean_text(self.cleaned_data["text"])

    def names_to_tell(self) -> list[str]:
        return [name for name in NAMES.split(self.cleaned_data.get("also_tell", "")) if name]


class ChangeCommentForm(forms.Form):
    text = _text_field("Your comment")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper(Field.textarea("text"))

    def clean_text(self):
        return _clean_text(self.cleaned_data["text"])
