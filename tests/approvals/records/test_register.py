"""The register: who sees what in it, its filters and its order."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from approvals.authority import groups
from approvals.authority import services as authority_services
from approvals.errors import NotAllowed
from approvals.models import Authority, DecisionAuthority, Outcome, PostStatus
from approvals.posts import deciding, services
from tests.approvals.conftest import _staff
from tests.factories import DepartmentFactory

pytestmark = pytest.mark.django_db

REGISTER = reverse("approvals:register")


def listed(client, query=""):
    response = client.get(f"{REGISTER}?{query}")
    assert response.status_code == 200
    return {row["post"].pk for row in response.context["rows"]}


def test_records_officer_sees_the_departments_register_and_cannot_decide(
    org, register, as_user, make_post
):
    client = as_user(register.records_officer)
    assert listed(client) == {
        register.approved.pk,
        register.rejected.pk,
        register.published.pk,
        register.pre_authorised.pk,
        register.withdrawn.pk,
    }
    page = client.get(REGISTER).content.decode()
    assert "Cabinet Office: approved news." in page
    assert "Records" in page  # in the navigation
    # Deciding a post waiting in the department is refused, by the page and the service.
    assert client.get(reverse("approvals:decide", args=[register.waiting.pk])).status_code == 404
    response = client.post(
        reverse("approvals:decide", args=[register.waiting.pk]),
        {"version": register.waiting.current_version_id, "outcome": Outcome.APPROVED},
    )
    assert response.status_code == 404
    with pytest.raises(NotAllowed):
        deciding.decide(
            post_id=register.waiting.pk,
            version_id=register.waiting.current_version_id,
            user=register.records_officer,
            outcome=Outcome.APPROVED,
        )
    register.waiting.refresh_from_db()
    assert register.waiting.status == PostStatus.SUBMITTED


def test_the_waiting_post_is_not_in_the_register(register, as_user):
    assert register.waiting.pk not in listed(as_user(register.records_officer))


def test_treasury_admin_sees_nothing_of_the_cabinet_office(org, register, as_user):
    groups.authority_group(org.treasury, Authority.MANAGE_DELEGATIONS).user_set.add(
        org.treasury_manager
    )
    client = as_user(org.treasury_manager)
    assert listed(client) == {register.treasury.pk}
    page = client.get(REGISTER).content.decode()
    assert "Cabinet Office: approved news." not in page
    assert "Cabinet Office</option>" not in page  # not even among the departments
    for post in (register.approved, register.published, register.rejected):
        assert client.get(reverse("approvals:record", args=[post.pk])).status_code == 404
    csv = b"".join(client.get(f"{REGISTER}?export=csv").streaming_content).decode()
    assert "treasury news" in csv and "Cabinet Office" not in csv
    audit = client.get(reverse("approvals:audit_trail_export") + "?export=csv")
    trail = b"".join(audit.streaming_content).decode()
    assert "Not now." in trail and "Not ours to say." not in trail
    # Asking for the Cabinet Office by its id is refused as any choice not offered
    # is: the register is shown as if it had not been asked, their own posts only.
    response = client.get(f"{REGISTER}?department={org.cabinet_office.pk}")
    assert [row["post"].pk for row in response.context["rows"]] == [register.treasury.pk]
    assert "Choose a department from the list" in response.content.decode()


def test_department_admin_sees_their_department_and_its_agencies(org, register, as_user):
    agency = DepartmentFactory(name="Government Digital Service", parent=org.cabinet_office)
    boss = _staff("agency-boss", agency, "Head")
    writer = _staff("agency-writer", agency, "Writer", line_manager=boss)
    post = services.save_draft(
        author=writer,
        channel="linkedin",
        account="GDS",
        text="Government Digital Service: agency news.",
        link="",
        publish_at=timezone.now() + timedelta(days=3),
    )
    post = services.submit_post(post_id=post.pk, author=writer)
    deciding.decide(
        post_id=post.pk,
        version_id=post.current_version_id,
        user=boss,
        outcome=Outcome.REJECTED,
        reason="No.",
    )
    seen = listed(as_user(org.co_admin))
    assert post.pk in seen and register.approved.pk in seen
    assert register.treasury.pk not in seen
    # View records does not reach agencies: it is granted where it is meant.
    assert post.pk not in listed(as_user(register.records_officer))


def test_an_author_sees_only_their_own_posts(org, register, as_user):
    client = as_user(org.author)
    assert listed(client) == {register.approved.pk, register.published.pk, register.withdrawn.pk}
    assert (
        "Records"
        not in client.get(reverse("approvals:posts")).content.decode().split("</header>")[0]
    )
    rejected = reverse("approvals:record", args=[register.rejected.pk])
    assert client.get(rejected).status_code == 404
    assert as_user(org.colleague).get(rejected).status_code == 200


def test_admin_sees_every_department(org, register, as_user):
    seen = listed(as_user(org.superuser))
    assert {register.treasury.pk, register.approved.pk, register.pre_authorised.pk} <= seen


def test_decisions_say_under_which_authority(org, register, as_user):
    response = as_user(register.records_officer).get(REGISTER)
    rows = {row["post"].pk: row["decisions"] for row in response.context["rows"]}
    (line,) = rows[register.approved.pk]
    assert (line.step, line.outcome, line.who, line.authority) == (
        "Line manager",
        "approved",
        org.manager.get_full_name(),
        "line manager",
    )
    (line,) = rows[register.rejected.pk]
    assert (line.who, line.authority, line.reason) == (
        org.deputy.get_full_name(),
        "covering deputy",
        "Not ours to say.",
    )
    (line,) = rows[register.pre_authorised.pk]
    assert line.authority == "pre-authorised (publish without approval)"
    assert register.rejected.current_version.decisions.get().authority == DecisionAuthority.COVER


# The filters, one by one.


def test_filter_by_department(org, register, as_user):
    client = as_user(org.superuser)
    assert listed(client, f"department={org.treasury.pk}") == {register.treasury.pk}


def test_filter_by_channel(register, as_user):
    assert listed(as_user(register.records_officer), "channel=x") == {register.rejected.pk}


def test_filter_by_state(register, as_user):
    client = as_user(register.records_officer)
    assert listed(client, "state=published") == {register.published.pk}
    assert listed(client, "state=withdrawn") == {register.withdrawn.pk}
    response = client.get(f"{REGISTER}?state=submitted")
    assert "Choose a state from the list" in response.content.decode()


def test_filter_by_dates(org, make_post, as_user, register):
    later = make_post(
        org.author,
        text="Cabinet Office: much later news.",
        publish_at=timezone.now() + timedelta(days=40),
    )
    services.withdraw_post(post_id=later.pk, author=org.author)
    client = as_user(register.records_officer)
    day = timezone.localdate() + timedelta(days=40)
    assert listed(client, f"since={day:%d/%m/%Y}") == {later.pk}
    assert later.pk not in listed(client, f"until={day - timedelta(days=1):%d/%m/%Y}")
    assert later.pk in listed(client, f"until={day:%Y-%m-%d}")
    response = client.get(f"{REGISTER}?since=31/02/2026")
    page = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in page and "Enter a real date, like 27/3/2026" in page
    # Dates the wrong way round find nothing by mistake: the page says so.
    backwards = client.get(
        f"{REGISTER}?since={day:%d/%m/%Y}&until={day - timedelta(days=1):%d/%m/%Y}"
    )
    page = backwards.content.decode()
    assert backwards.status_code == 200
    assert "The second date must be the same as or after the first" in page
    assert "govuk-error-summary" in page


def test_filter_by_text(org, register, as_user):
    client = as_user(register.records_officer)
    assert listed(client, "q=published") == {register.published.pk}
    assert listed(client, f"q={org.colleague.last_name}") == {register.rejected.pk}


def test_sorted_by_when_it_goes_out(org, make_post, register, as_user):
    soon = make_post(
        org.author,
        text="Cabinet Office: soon.",
        publish_at=timezone.now() + timedelta(hours=2),
    )
    services.withdraw_post(post_id=soon.pk, author=org.author)
    client = as_user(register.records_officer)
    latest = [row["post"].pk for row in client.get(REGISTER).context["rows"]]
    earliest = [row["post"].pk for row in client.get(f"{REGISTER}?sort=earliest").context["rows"]]
    assert earliest[0] == soon.pk and latest[-1] == soon.pk
    by_channel = client.get(f"{REGISTER}?sort=channel").context["rows"]
    channels = [row["post"].current_version.channel for row in by_channel]
    assert channels == sorted(channels)


def test_paginated(org, make_post, register, as_user):
    for n in range(26):
        post = make_post(org.author, text=f"Cabinet Office: page news {n}.")
        services.withdraw_post(post_id=post.pk, author=org.author)
    client = as_user(register.records_officer)
    first = client.get(f"{REGISTER}?state=withdrawn")
    assert len(first.context["rows"]) == 25
    page = first.content.decode()
    assert "govuk-pagination" in page and "state=withdrawn&amp;page=2" in page
    second = client.get(f"{REGISTER}?state=withdrawn&page=2")
    assert len(second.context["rows"]) == 2


def test_withdrawing_view_records_empties_the_kept_register_at_once(org, register, as_user):
    client = as_user(register.records_officer)
    assert listed(client)
    client.get(REGISTER)  # kept now
    authority_services.withdraw_authority(
        department_id=org.cabinet_office.pk,
        authority=Authority.VIEW_RECORDS,
        holder=register.records_officer,
        by=org.superuser,
    )
    assert listed(client) == set()
    assert "Records" not in client.get(REGISTER).content.decode().split("</header>")[0]
