"""Cover goes to someone in the covered manager's own department, unless an
admin of that department arranges it, and lasts at most
APPROVALS_MAX_COVER_DAYS, from today or later."""

import re
from datetime import date, timedelta

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from approvals.authority import groups, services
from approvals.errors import ApprovalError, NotAllowed
from approvals.models import AuditAction, AuditEvent, Authority, Delegation
from approvals.posts import selectors
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def fresh(user):
    return type(user).objects.get(pk=user.pk)


def today():
    return timezone.localdate()


def days(n):
    return today() + timedelta(days=n)


def arrange(org, deputy, starts_on=None, ends_on=None, **kwargs):
    return services.arrange_cover(
        delegator=kwargs.pop("delegator", org.manager),
        deputy=deputy,
        starts_on=starts_on or today(),
        ends_on=ends_on or days(6),
        reason="Annual leave",
        **kwargs,
    )


def date_fields(name, when: date) -> dict:
    return {f"{name}_0": when.day, f"{name}_1": when.month, f"{name}_2": when.year}


def cover_form(deputy, starts_on, ends_on, **extra) -> dict:
    return {
        "deputy": deputy,
        **date_fields("starts_on", starts_on),
        **date_fields("ends_on", ends_on),
        "reason": "Annual leave",
        **extra,
    }


def summary_links(html: str) -> list[tuple[str, str]]:
    """(the field a link in the error summary leads to, its message)."""
    summary = html.split("govuk-error-summary__list", 1)[1].split("</ul>", 1)[0]
    return re.findall(r'<a href="#id_([a-z_]+?)(?:_\d)?">([^<]*)</a>', summary)


@pytest.fixture
def cabinet_office_post(org, make_post):
    """A post waiting for the Cabinet Office manager's sign-off."""
    return make_post(org.author)


# ---------------------------------------------------------------------------
# From the page
# ---------------------------------------------------------------------------

REFUSED = [
    pytest.param(
        "treasury-manager",
        0,
        6,
        ("deputy", "Choose a deputy who works in Cabinet Office."),
        id="deputy-from-another-department",
    ),
    pytest.param(
        "press", 0, 90, ("ends_on", "Cover can last at most 90 days."), id="longer-than-90-days"
    ),
    pytest.param("press", 0, None, ("ends_on", "Cover can last at most 90 days."), id="year-9999"),
    pytest.param(
        "press",
        -1,
        6,
        ("starts_on", "The start date must be today or in the future"),
        id="starts-yesterday",
    ),
    pytest.param(
        "press",
        3,
        2,
        ("ends_on", "The end date must be the same as or after the start date"),
        id="ends-before-it-starts",
    ),
]


@pytest.mark.parametrize(("deputy", "starts", "ends", "error"), REFUSED)
def test_cover_the_rules_refuse_is_explained_on_the_page_and_nothing_is_saved(
    org, client, deputy, starts, ends, error
):
    client.force_login(org.manager)
    before = list(Delegation.objects.values_list("pk", flat=True))
    ends_on = date(9999, 12, 31) if ends is None else days(ends)

    response = client.post(reverse("approvals:cover"), cover_form(deputy, days(starts), ends_on))

    assert response.status_code == 400
    html = response.content.decode()
    assert "<title>Error: " in html
    field, message = error
    assert any(f == field and m.startswith(message) for f, m in summary_links(html)), html
    assert 'name="reason" value="Annual leave"' in html
    assert list(Delegation.objects.values_list("pk", flat=True)) == before
    assert not AuditEvent.objects.filter(action=AuditAction.DELEGATION_CREATED).exists()


def test_the_longest_cover_allowed_names_the_last_day_it_could_end(org, client):
    client.force_login(org.manager)
    response = client.post(reverse("approvals:cover"), cover_form("press", days(1), days(400)))
    last = days(90)
    assert f"Choose an end date on or before {last.day} {last:%B %Y}" in response.content.decode()


def test_a_treasury_manager_refused_as_deputy_never_sees_cabinet_office_posts(
    org, client, cabinet_office_post
):
    client.force_login(org.manager)
    client.post(reverse("approvals:cover"), cover_form("treasury-manager", today(), days(6)))

    client.force_login(org.treasury_manager)
    queue = client.get(reverse("approvals:queue")).content.decode()
    assert cabinet_office_post.text not in queue
    assert cabinet_office_post not in selectors.waiting_for(fresh(org.treasury_manager))


def test_a_department_admin_arranges_cover_from_another_department(
    org, client, cabinet_office_post
):
    client.force_login(org.co_admin)
    page = client.get(reverse("approvals:cover")).content.decode()
    assert 'name="manager"' in page

    response = client.post(
        reverse("approvals:cover"),
        cover_form("treasury-manager", today(), days(6), manager="manager"),
    )

    assert response.status_code == 302
    cover = Delegation.objects.get(deputy=org.treasury_manager)
    assert (cover.delegator, cover.starts_on, cover.ends_on) == (org.manager, today(), days(6))
    event = AuditEvent.objects.get(action=AuditAction.DELEGATION_CREATED)
    assert (event.actor, event.subject) == (org.co_admin, org.treasury_manager)
    assert str(org.manager) in event.comment
    client.force_login(org.treasury_manager)
    assert cabinet_office_post.text in client.get(reverse("approvals:queue")).content.decode()


def test_a_manager_cannot_name_someone_else_as_the_manager_covered(org, client):
    client.force_login(org.treasury_manager)
    page = client.get(reverse("approvals:cover")).content.decode()
    assert 'name="manager"' not in page

    response = client.post(
        reverse("approvals:cover"),
        cover_form("treasury-author", today(), days(6), manager="manager"),
    )

    assert response.status_code == 302
    assert list(Delegation.objects.filter(deputy=org.treasury_author).values_list("delegator")) == [
        (org.treasury_manager.pk,)
    ]


def test_an_admin_of_another_department_cannot_arrange_cover_in_this_one(org, client):
    groups.authority_group(org.treasury, Authority.MANAGE_DELEGATIONS).user_set.add(
        org.treasury_manager
    )
    client.force_login(org.treasury_manager)
    response = client.post(
        reverse("approvals:cover"),
        cover_form("treasury-manager", today(), days(6), manager="manager"),
    )
    assert response.status_code == 400
    assert "You can arrange cover only for line managers in a department you manage" in (
        response.content.decode()
    )
    assert not Delegation.objects.filter(deputy=org.treasury_manager).exists()


# ---------------------------------------------------------------------------
# In the service
# ---------------------------------------------------------------------------


def test_cover_by_someone_from_another_department_is_refused(org):
    with pytest.raises(ApprovalError, match="works in Cabinet Office"):
        arrange(org, org.treasury_manager)
    assert not Delegation.objects.filter(deputy=org.treasury_manager).exists()


def test_a_deputy_with_no_department_is_refused(org):
    contractor = UserFactory(username="contractor")
    with pytest.raises(ApprovalError, match="works in Cabinet Office"):
        arrange(org, contractor)


@pytest.mark.parametrize("admin", ["co_admin", "superuser"])
def test_an_admin_of_the_managers_department_may_allow_a_deputy_from_elsewhere(org, admin):
    arrange(org, org.treasury_manager, by=fresh(getattr(org, admin)))
    assert (
        Delegation.objects.active()
        .filter(delegator=org.manager, deputy=org.treasury_manager)
        .exists()
    )


def test_a_manager_who_administers_their_department_may_name_a_deputy_from_elsewhere(org):
    groups.authority_group(org.cabinet_office, Authority.MANAGE_DELEGATIONS).user_set.add(
        org.manager
    )
    assert arrange(org, org.treasury_manager, delegator=fresh(org.manager)).pk


def test_only_an_admin_of_the_managers_department_arranges_cover_for_them(org):
    groups.authority_group(org.treasury, Authority.MANAGE_DELEGATIONS).user_set.add(
        org.treasury_manager
    )
    for outsider in (org.treasury_manager, org.press):
        with pytest.raises(NotAllowed):
            arrange(org, org.press, by=fresh(outsider))
    assert not Delegation.objects.filter(deputy=org.press).exists()


@pytest.mark.parametrize(
    ("length", "allowed"), [(90, True), (91, False), (365, False), (None, False)]
)
def test_cover_lasts_at_most_the_configured_number_of_days(org, length, allowed):
    ends_on = date(9999, 12, 31) if length is None else days(length - 1)
    if allowed:
        assert arrange(org, org.press, ends_on=ends_on).ends_on == ends_on
    else:
        with pytest.raises(ApprovalError, match="at most 90 days"):
            arrange(org, org.press, ends_on=ends_on)


def test_an_admin_cannot_lift_the_length_limit(org):
    with pytest.raises(ApprovalError, match="at most 90 days"):
        arrange(org, org.treasury_manager, ends_on=days(200), by=fresh(org.co_admin))


@override_settings(APPROVALS_MAX_COVER_DAYS=7)
def test_the_longest_cover_is_a_setting(org):
    assert arrange(org, org.press, ends_on=days(6)).pk
    with pytest.raises(ApprovalError, match="at most 7 days"):
        arrange(org, org.colleague, ends_on=days(7))


def test_cover_cannot_start_in_the_past(org):
    with pytest.raises(ApprovalError, match="start date must be today or in the future"):
        arrange(org, org.press, starts_on=days(-1), ends_on=days(3))
    assert arrange(org, org.press, starts_on=today(), ends_on=today()).pk


def test_the_same_cover_twice_is_refused_and_explained(org):
    from datetime import timedelta

    from django.utils import timezone

    from approvals.authority import services
    from approvals.authority.cover import CoverRefused
    from approvals.models import Delegation

    start = timezone.localdate() + timedelta(days=1)
    cover = {"delegator": org.manager, "deputy": org.press, "reason": "Leave"}
    services.arrange_cover(**cover, starts_on=start, ends_on=start + timedelta(days=7))
    with pytest.raises(CoverRefused, match="already covers from") as refused:
        services.arrange_cover(
            **cover, starts_on=start + timedelta(days=3), ends_on=start + timedelta(days=10)
        )
    assert refused.value.field == "starts_on"
    assert Delegation.objects.filter(delegator=org.manager, deputy=org.press).count() == 1
    services.arrange_cover(
        **cover, starts_on=start + timedelta(days=8), ends_on=start + timedelta(days=9)
    )
