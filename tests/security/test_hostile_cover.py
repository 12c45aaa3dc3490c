"""Hostile input to arranging cover (see ``hostile``)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from approvals.models import Delegation
from tests.security.hostile import (
    accepted_text,
    as_user,
    assert_escaped,
    date_fields,
    hostile,
    hostile_date,
    hostile_text,
    undone,
)

pytestmark = pytest.mark.django_db


@hostile
@given(
    # Half the time cover that should be arranged, so that what it records is checked too.
    arranged=st.booleans(),
    data=st.data(),
    forged=st.fixed_dictionaries(
        {}, optional={"delegator": st.just("colleague"), "withdrawn_at": st.just("")}
    ),
)
def test_arranging_cover(org, colleagues, arranged, data, forged):
    deputy = data.draw(
        st.sampled_from(["press", "marked", " press "])
        if arranged
        else st.one_of(st.sampled_from(["leaver", "manager", "treasury-manager"]), hostile_text),
        label="deputy",
    )
    starts = data.draw(st.just("today") if arranged else hostile_date, label="starts")
    ends = data.draw(st.just("next week") if arranged else hostile_date, label="ends")
    reason = data.draw(accepted_text if arranged else hostile_text, label="reason")
    today = timezone.localdate()
    named = {"today": today, "next week": today + timedelta(days=7)}
    starts = (
        (str(named[starts].day), str(named[starts].month), str(named[starts].year))
        if starts in named
        else starts
    )
    ends = (
        (str(named[ends].day), str(named[ends].month), str(named[ends].year))
        if ends in named
        else ends
    )
    if forged.get("delegator"):
        forged["delegator"] = str(org.colleague.pk)
    client = as_user(org.manager)
    with undone():
        before = set(Delegation.objects.values_list("pk", flat=True))
        response = client.post(
            reverse("approvals:cover"),
            {
                "deputy": deputy,
                **date_fields("starts_on", starts),
                **date_fields("ends_on", ends),
                "reason": reason,
                **forged,
            },
        )
        assert_escaped(response)
        new = list(Delegation.objects.exclude(pk__in=before).select_related("deputy"))
        assert response.status_code in {302, 400}
        assert len(new) == (1 if response.status_code == 302 else 0)
        if new:
            (cover,) = new
            assert cover.delegator_id == org.manager.pk
            assert cover.deputy.is_active
            assert cover.deputy_id != org.manager.pk
            assert cover.starts_on <= cover.ends_on
            assert cover.ends_on >= today
            assert cover.reason == reason.strip()
            assert cover.withdrawn_at is None
            assert_escaped(client.get(response["Location"]))  # with its "will cover" message
