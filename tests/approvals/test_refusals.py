"""How a view answers a service's refusal (approvals/refusals.py)."""

import pytest
from django import forms
from django.http import Http404

from approvals.errors import ApprovalError, NotAllowed
from approvals.refusals import not_allowed_as_404, refusal_on

pytestmark = pytest.mark.unit


class NoteForm(forms.Form):
    title = forms.CharField()
    text = forms.CharField()


def _valid_form() -> NoteForm:
    form = NoteForm({"title": "A", "text": "B"})
    assert form.is_valid()
    return form


def test_a_refusal_goes_on_the_whole_form_and_the_page_does_not_go_on():
    form = _valid_form()
    with refusal_on(form) as attempt:
        raise ApprovalError("Not now.")
    assert attempt.refused
    assert form.non_field_errors() == ["Not now."]


def test_a_refusal_goes_on_the_field_asked_for_else_the_one_the_error_names():
    form = _valid_form()
    with refusal_on(form, field="title"):
        raise ApprovalError("Too long.", field="text")
    with refusal_on(form):
        raise ApprovalError("Say more.", field="text")
    assert form.errors == {"title": ["Too long."], "text": ["Say more."]}


def test_what_is_not_refused_goes_on():
    form = _valid_form()
    with refusal_on(form) as attempt:
        pass
    assert not attempt.refused
    assert not form.errors


@pytest.mark.parametrize("guard", [lambda: refusal_on(_valid_form()), not_allowed_as_404])
def test_not_allowed_is_a_404(guard):
    with pytest.raises(Http404), guard():
        raise NotAllowed("You cannot see this.")


def test_only_not_allowed_is_a_404_where_nothing_else_is_expected():
    with pytest.raises(ApprovalError, match="Other"), not_allowed_as_404():
        raise ApprovalError("Other")
