"""Forms for line managers arranging cover and department admins granting authority."""

from typing import cast

from crispy_forms_gds.layout import Button, Field, Size
from django import forms
from django.contrib.auth import get_user_model

from approvals.authority import cover
from approvals.models import SignOffPolicy
from portal.govuk_forms import DateField, form_helper


def colleague_label(user) -> str:
    """How a colleague is shown among the choices: what people search by."""
    profile = getattr(user, "staff_profile", None)
    described = ", ".join(filter(None, [str(user), profile and profile.job_title, user.email]))
    return f"{described} ({user.username})"


class ColleagueField(forms.CharField):
    """A colleague, chosen from the few a person may choose (``offer``), shown as a
    <select> that the page's script turns into an autocomplete. Without the script,
    or from another client, a username, e-mail address, name or job title is
    accepted too: one that fits several of those offered asks to choose among them.
    Any active colleague's exact username is passed on for the services to judge."""

    widget = forms.Select

    def __init__(self, *, choose: str, **kwargs):
        kwargs.setdefault("max_length", 254)
        kwargs.setdefault("error_messages", {"required": choose})
        super().__init__(**kwargs)
        self.offered: list = []
        self.offer([])

    def offer(self, people) -> None:
        self.offered = list(people)
        self._show(self.offered)

    def _show(self, people) -> None:
        choices = [(p.username, colleague_label(p)) for p in people]
        cast(forms.Select, self.widget).choices = [("", ""), *choices]

    def clean(self, value):
        text = " ".join(super().clean(value).split())
        if not text:
            return None
        named = get_user_model().objects.filter(username=text, is_active=True).first()
        if named is not None:
            return named
        matches = [p for p in self.offered if _fits(p, text.casefold())]
        if len(matches) == 1:
            return matches[0]
        if matches:
            # The list shows only those that fit, for the person to choose one.
            self._show(matches)
            raise forms.ValidationError(
                "More than one colleague fits “%(text)s”. Choose one from the list",
                params={"text": text[:100]},
            )
        raise forms.ValidationError(
            "There is no colleague you can choose called “%(text)s”. Choose one from the list",
            params={"text": text[:100]},
        )


def _fits(person, text: str) -> bool:
    profile = getattr(person, "staff_profile", None)
    return (
        text == person.email.casefold()
        or text in str(person).casefold()
        or bool(profile and text in profile.job_title.casefold())
    )


HINT = "Choose from the list. Typing part of a name, job title or e-mail address narrows it"


def _colleague(name: str) -> Field:
    # Marked for the script that makes the select an autocomplete (colleagues.mjs).
    return Field.select(name, data_module="portal-colleague")


class CoverForm(forms.Form):
    """Cover for the signed-in manager's sign-off. A department admin may also name
    the manager covered (``for_others``); the service checks that they may."""

    manager = ColleagueField(
        label="Manager being covered",
        choose="Choose the manager being covered",
        required=False,
        help_text="Leave this empty to arrange cover for your own sign-off",
    )
    deputy = ColleagueField(
        label="Deputy",
        choose="Choose the deputy",
        help_text=HINT,
    )
    starts_on = DateField(label="Cover starts")
    ends_on = DateField(label="Cover ends")
    reason = forms.CharField(
        label="Reason",
        max_length=500,
        help_text="For example, annual leave",
        error_messages={"required": "Enter the reason for the cover"},
    )

    def __init__(self, *args, for_others=False, managers=(), deputies=(), **kwargs):
        super().__init__(*args, **kwargs)
        if for_others:
            cast(ColleagueField, self.fields["manager"]).offer(managers)
        else:
            del self.fields["manager"]
        cast(ColleagueField, self.fields["deputy"]).offer(deputies)
        self.helper = form_helper(
            *([_colleague("manager")] if for_others else []),
            _colleague("deputy"),
            Field("starts_on"),
            Field("ends_on"),
            Field.text("reason"),
        )

    def clean(self):
        super().clean()
        cleaned = self.cleaned_data
        starts, ends = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts and ends:
            try:
                cover.check_dates(starts_on=starts, ends_on=ends)
            except cover.CoverRefused as refusal:
                self.add_error(refusal.field, str(refusal))
        return cleaned


class GrantForm(forms.Form):
    grantee = ColleagueField(
        label="Colleague", choose="Choose the colleague to grant authority to", help_text=HINT
    )
    authority = forms.ChoiceField(
        label="Authority to grant",
        widget=forms.RadioSelect,
        error_messages={"required": "Select the authority to grant"},
    )

    def __init__(self, *args, authorities=(), people=(), **kwargs):
        super().__init__(*args, **kwargs)
        cast(ColleagueField, self.fields["grantee"]).offer(people)
        authority = cast(forms.ChoiceField, self.fields["authority"])
        authority.choices = [(a.value, a.label) for a in authorities]
        self.helper = form_helper(
            _colleague("grantee"),
            Field.radios("authority", legend_size=Size.SMALL),
            Button("grant", "Grant authority"),
        )


class PolicyForm(forms.Form):
    signoff_policy = forms.ChoiceField(
        label="When does a post need a second sign-off from a department approver?",
        choices=SignOffPolicy.choices,
        widget=forms.RadioSelect,
    )
    accessibility_findings_need_second_step = forms.BooleanField(
        label="Accessibility findings alone also need the second sign-off",
        help_text="When the second sign-off is only for posts the checks find something in: "
        "whether findings of the accessibility checks (hashtags, emoji, long sentences, "
        "capitals, links) count. Findings about personal details, commitments, disclosure "
        "and credibility always do.",
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper(
            Field.radios("signoff_policy", legend_size=Size.SMALL),
            Field.checkbox("accessibility_findings_need_second_step"),
            Button.secondary("policy", "Save policy"),
        )
