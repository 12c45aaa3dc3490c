"""Forms for authors and approvers."""

import re
from datetime import datetime
from typing import cast

from crispy_forms_gds.layout import Field, Fieldset, Size
from django import forms
from django.utils import timezone

from approvals.models import Outcome
from approvals.posts.channels import TEXT_MAX, Channel
from portal.govuk_forms import DateField, ReasonForm, form_helper, long_text, parse_time, radios

# Control characters (other than line breaks and tabs) have no place in a post and can
# hide text from a reviewer; so can bidirectional overrides and isolates, which show
# text in another order than it is written in and checked.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


DIRECTION_CHARACTERS = re.compile("[\u202a-\u202e\u2066-\u2069]")


class PostForm(forms.Form):
    channel = radios(
        "Where will it go out?", Channel.choices, required="Select where the post will go out"
    )
    account = forms.CharField(
        label="Account or page",
        max_length=200,
        help_text="The account, page or site it goes out on, for example @cabinetofficeuk",
        error_messages={"required": "Enter the account or page it goes out on"},
    )
    text = forms.CharField(
        label="Text of the post",
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 8, "data-channel-count": True}),
        help_text="Exactly as it will appear.",
        error_messages={
            "required": "Enter the text of the post",
            "max_length": f"The text must be {TEXT_MAX:,} characters or fewer",
        },
    )
    link = forms.URLField(
        label="Link (optional)",
        required=False,
        max_length=500,
        assume_scheme="https",
        widget=forms.TextInput(attrs={"spellcheck": "false", "inputmode": "url"}),
        help_text="A link to go with the post, starting https://",
        error_messages={"invalid": "Enter a full web address, like https://www.gov.uk"},
    )
    publish_date = DateField(
        label="Date it should go out",
        help_text="For example, 27 3 2027",
    )
    publish_time = forms.CharField(
        label="Time it should go out",
        max_length=20,
        help_text="For example, 9:30am, 2pm or 17:00",
        error_messages={"required": "Enter the time it should go out"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper(
            Field.radios("channel", legend_size=Size.SMALL),
            Field.text("account", field_width=20),
            Field.textarea("text"),
            Field.text("link"),
            Field("publish_date"),
            Field.text("publish_time", field_width=10),
        )

    @property
    def channel_rules(self) -> dict[str, dict]:
        """Each channel's limit and way of counting, for the count shown as the author
        types."""
        return {
            channel.value: {"limit": channel.limit, "counts": channel.rules.counts.name}
            for channel in Channel
        }

    @classmethod
    def initial_for(cls, post) -> dict:
        local = timezone.localtime(post.publish_at)
        return {
            "channel": post.channel,
            "account": post.account,
            "text": post.text,
            "link": post.link,
            "publish_date": local.date(),
            "publish_time": local.strftime("%H:%M"),
        }

    def clean_publish_time(self):
        at = parse_time(self.cleaned_data["publish_time"])
        if at is None:
            raise forms.ValidationError("Enter a real time, like 9:30am, 2pm or 17:00")
        return at

    def clean_text(self):
        text = self.cleaned_data["text"]
        if CONTROL_CHARACTERS.search(text):
            raise forms.ValidationError("The text contains control characters. Remove them.")
        if DIRECTION_CHARACTERS.search(text):
            raise forms.ValidationError(
                "The text contains hidden characters that change the direction of the text. "
                "Remove them, or type again any text you pasted in."
            )
        return text

    def clean(self):
        super().clean()
        cleaned = self.cleaned_data
        day, at = cleaned.get("publish_date"), cleaned.get("publish_time")
        if day and at:
            try:
                when = timezone.make_aware(datetime.combine(day, at))
            except (ValueError, OverflowError):
                date_field = cast(DateField, self.fields["publish_date"])
                self.add_error("publish_date", date_field.real_date)
                return cleaned
            if when <= timezone.now():
                self.add_error(
                    "publish_date", "The date and time it should go out must be in the future"
                )
            cleaned["publish_at"] = when
        return cleaned


class SubmitForm(forms.Form):
    read_principles = forms.BooleanField(
        label="I have read the principles for participation online and this post follows them",
        error_messages={"required": "Confirm that you have read the principles"},
    )
    # The version of the principles the author was shown: ticking the box
    # confirms that one, never a change published while they wrote.
    principles_version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, required=False)
    within_role = forms.BooleanField(
        label="This post is within my role and I am authorised to make it",
        error_messages={"required": "Confirm that the post is within your role"},
    )

    def __init__(self, *args, can_pre_authorise=False, in_period=False, **kwargs):
        """``in_period``: the post is due in a sensitive period, so it goes only
        as essential, with a reason, and never as pre-authorised."""
        super().__init__(*args, **kwargs)
        fields = []
        if in_period:
            can_pre_authorise = False
            self.fields["essential_reason"] = long_text(
                "Why must this post go out during the period?",
                rows=4,
                help_text="It goes out only if it is essential. Someone holding authority to "
                "approve in sensitive periods signs it off as well.",
                required="Say why this post must go out during the period",
            )
            fields.append(Field.textarea("essential_reason"))
            self.order_fields(["essential_reason"])
        fields += [
            Fieldset(
                Field.checkbox("read_principles"),
                Field.checkbox("within_role"),
                legend="Before you submit",
                legend_size=Size.MEDIUM,
            ),
            Field("principles_version"),
        ]
        if can_pre_authorise:
            self.fields["pre_authorise"] = forms.BooleanField(
                label="Record it as pre-authorised: I hold authority to publish without approval",
                required=False,
            )
            fields.append(Field.checkbox("pre_authorise"))
        self.helper = form_helper(*fields)


class DecisionForm(forms.Form):
    outcome = radios(
        "Your decision", Outcome.choices, required="Select approve, request changes or reject"
    )
    reason = long_text(
        "Reason or comment",
        rows=4,
        help_text="Needed when you request changes or reject: the author sees it.",
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper(
            Field.radios("outcome", legend_size=Size.MEDIUM),
            Field.textarea("reason"),
            Field("version"),
        )

    def clean(self):
        super().clean()
        cleaned = self.cleaned_data
        if (
            cleaned.get("outcome") in {Outcome.CHANGES_REQUESTED, Outcome.REJECTED}
            and not (cleaned.get("reason") or "").strip()
        ):
            self.add_error("reason", "Give a reason, so the author knows what to do")
        return cleaned


class WithdrawForm(ReasonForm):
    reason = long_text("Why are you withdrawing it? (optional)", rows=3, max_length=2000)


class PublicationForm(forms.Form):
    url = forms.URLField(
        label="Address of the published post",
        max_length=500,
        assume_scheme="https",
        widget=forms.TextInput(attrs={"spellcheck": "false", "inputmode": "url"}),
        help_text="The link to the post where it went out, starting https://",
        error_messages={
            "required": "Enter the address of the published post",
            "invalid": "Enter a full web address, like https://x.com/cabinetofficeuk/status/1",
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper(Field.text("url"))

    def clean_url(self):
        url = self.cleaned_data["url"]
        if not url.startswith("https://"):
            raise forms.ValidationError("Enter an address starting https://")
        return url


class NonDisclosureForm(ReasonForm):
    reason = long_text(
        "Why should you not disclose your position on this post?",
        rows=5,
        help_text="Only you, your line manager and those who sign off this post can read it.",
        required="Say why you should not disclose your position",
    )

    def clean_reason(self):
        reason = self.cleaned_data["reason"]
        if CONTROL_CHARACTERS.search(reason) or DIRECTION_CHARACTERS.search(reason):
            raise forms.ValidationError(
                "The reason contains hidden or control characters. Remove them."
            )
        return reason


class NonDisclosureDecisionForm(forms.Form):
    decision = radios(
        "Do you agree that they need not disclose their position on this post?",
        [
            ("agree", "Yes, I agree: the circumstances are exceptional"),
            ("refuse", "No: they must disclose their position"),
        ],
        required="Select whether you agree",
    )
    comment = long_text(
        "Comment (optional)",
        rows=3,
        max_length=2000,
        help_text="The author sees it with your decision.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper(
            Field.radios("decision", legend_size=Size.MEDIUM), Field.textarea("comment")
        )
