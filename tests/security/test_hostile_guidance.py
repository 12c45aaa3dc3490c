"""Hostile input to acknowledging the principles and searching the guidance (see ``hostile``)."""

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from guidance import seeding
from guidance.models.acknowledgements import Acknowledgement
from guidance.selectors import current_version
from tests.security.hostile import (
    SCRIPT,
    as_number,
    as_user,
    assert_escaped,
    checkbox,
    hostile,
    hostile_text,
    numbers,
    payloads,
    ticked,
    undone,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def guidance(db):
    return seeding.seed_guidance()


@hostile
@given(
    confirm=checkbox,
    version=st.one_of(st.sampled_from(["current", "next", "previous"]), numbers),
    extra=st.fixed_dictionaries({}, optional={"user": st.just("1"), "acknowledged_at": payloads}),
)
def test_acknowledging_only_the_current_principles(org, guidance, confirm, version, extra):
    current = current_version()
    offsets = {"current": 0, "next": 1, "previous": -1}
    form = {"version": str(current + offsets[version]) if version in offsets else version}
    if confirm is not None:
        form["confirm"] = confirm
    client = as_user(org.colleague)
    with undone():
        response = client.post(reverse("guidance:acknowledgement"), {**form, **extra})
        assert_escaped(response)
        recorded = list(Acknowledgement.objects.filter(user=org.colleague))
        assert response.status_code in {200, 302}
        assert all(a.version == current for a in recorded)
        assert Acknowledgement.objects.exclude(user=org.colleague).count() == 0
        ticked_current = ticked(confirm) and as_number(form["version"]) == current
        assert (response.status_code == 302) is ticked_current
        assert bool(recorded) is ticked_current


@hostile
@given(
    query=st.one_of(st.sampled_from(["principles", "be credible " + SCRIPT]), hostile_text),
    page=numbers,
)
def test_searching_the_guidance(org, guidance, query, page):
    response = as_user(org.author).get(reverse("guidance:search"), {"q": query, "page": page})
    assert response.status_code == 200
    assert_escaped(response)
