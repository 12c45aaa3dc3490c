"""The forms for asking for advice and answering it."""

from crispy_forms_gds.choices import Choice
from crispy_forms_gds.layout import Field, Size
from django import forms

from approvals.models import AdviceAnswer, Capacity
from approvals.posts.channels import TEXT_MAX, Channel
from approvals.posts.forms import CONTROL_CHARACTERS, DIRECTION_CHARACTERS
from portal.govuk_forms import form_helper, long_text, radios

ANSWER_HINTS = {
    AdviceAnswer.GO_AHEAD: "They can take part as they describe.",
    AdviceAnswer.GO_AHEAD_WITH_CHANGES: "They can take part once they make the changes your "
    "advice describes.",
    AdviceAnswer.DONT: "They should not take part as they describe.",
    AdviceAnswer.NEEDS_SIGN_OFF: "It speaks for the department, so it must be signed off. "
    "A draft post is made for them from their request, to complete and submit.",
}


def _clean_text(text: str, what: str) -> str:
    if CONTROL_CHARACTERS.search(text) or DIRECTION_CHARACTERS.search(text):
        raise forms.ValidationError(
            f"{what} contains hidden or control characters. Remove them, or type again any "
            "text you pasted in."
        )
    return text


class AskForm(forms.Form):
    capacity = radios(
        "Are you taking part officially or in a personal capacity?",
        [
            Choice(
                Capacity.OFFICIAL,
                Capacity.OFFICIAL.label,
                hint="Speaking for your department or agency, or about its work.",
            ),
            Choice(
                Capacity.PERSONAL,
                Capacity.PERSONAL.label,
                hint="As yourself, for example in your own blog, a forum or a talk, "
                "where people may know you are a civil servant.",
            ),
        ],
        required="Select officially or in a personal capacity",
    )
    channel = radios(
        "Where will you take part?", Channel.choices, required="Select where you will take part"
    )
    where = forms.CharField(
        label="Account, site or event",
        max_length=200,
        help_text="For example, @cabinetofficeuk, the name of a forum or a conference",
        error_messages={"required": "Enter the account, site or event"},
    )
    about = long_text(
        "What do you want to say?",
        rows=5,
        help_text="Describe what you want to say, and anything you are unsure about.",
        required="Describe what you want to say",
        too_long="What you want to say must be 5,000 characters or fewer",
    )
    draft = long_text(
        "Draft text (optional)",
        rows=6,
        max_length=TEXT_MAX,
        help_text="If you have written it already, as it would appear.",
        too_long=f"The draft text must be {TEXT_MAX:,} characters or fewer",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper(
            Field.radios("capacity", legend_size=Size.SMALL),
            Field.radios("channel", legend_size=Size.SMALL),
            Field.text("where", field_width=20),
            Field.textarea("about"),
            Field.textarea("draft"),
        )

    def clean_where(self):
        return _clean_text(self.cleaned_data["where"], "The account, site or event")

    def clean_about(self):
        return _clean_text(self.cleaned_data["about"], "What you want to say")

    def clean_draft(self):
        return _clean_text(self.cleaned_data["draft"], "The draft text")


class AnswerForm(forms.Form):
    answer = radios(
        "Your answer",
        [Choice(a.value, a.label, hint=ANSWER_HINTS[a]) for a in AdviceAnswer],
        required="Select your answer",
    )
    advice = long_text(
        "Your advice",
        rows=5,
        help_text="They see this with your answer.",
        required="Enter your advice",
        too_long="Your advice must be 5,000 characters or fewer",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper(
            Field.radios("answer", legend_size=Size.MEDIUM),
            Field.textarea("advice"),
        )

    def clean_advice(self):
        return _clean_text(self.cleaned_data["advice"], "Your advice")
