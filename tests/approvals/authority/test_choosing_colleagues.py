"""Choosing a colleague for cover or authority: from a list of those the person may
choose, or, without the page's script, by name, job title, e-mail or username."""

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from approvals.authority import groups
from approvals.models import Authority, Delegation

pytestmark = pytest.mark.django_db


@pytest.fixture
def as_user():
    def _as(user) -> Client:
        client = Client()
        client.force_login(user)
        return client

    return _as


@pytest.fixture
def two_danas(org):
    for user, last in ((org.press, "Press"), (org.deputy, "Deputy")):
        user.first_name, user.last_name = "Dana", last
        user.save()


def offered(html: str, field: str) -> list[str]:
    select = html.split(f'name="{field}"', 1)[1].split("</select>", 1)[0]
    return [value for value in re.findall(r'<option value="([^"]*)"', select) if value]


def cover_form(deputy, **extra) -> dict:
    starts, ends = timezone.localdate(), timezone.localdate() + timedelta(days=4)
    return {
        "deputy": deputy,
        **{f"starts_on_{i}": v for i, v in enumerate((starts.day, starts.month, starts.year))},
        **{f"ends_on_{i}": v for i, v in enumerate((ends.day, ends.month, ends.year))},
        "reason": "Annual leave",
        **extra,
    }


def test_a_manager_is_offered_their_own_departments_staff_as_deputies(org, as_user):
    html = as_user(org.manager).get(reverse("approvals:cover")).content.decode()
    deputies = offered(html, "deputy")
    assert {"press", "deputy", "author", "co-admin"} <= set(deputies)
    assert "manager" not in deputies  # not themself
    assert "treasury-manager" not in deputies and "treasury-author" not in deputies
    assert 'data-module="portal-colleague"' in html
    assert "Typing part of a name, job title or e-mail address narrows it" in html


def test_a_department_admin_is_offered_its_line_managers_to_cover(org, as_user):
    html = as_user(org.co_admin).get(reverse("approvals:cover")).content.decode()
    assert offered(html, "manager") == ["manager"]


@pytest.mark.parametrize(
    "typed", ["Dana Press", "dana press", "press@portal.invalid", "press", "  Dana   Press "]
)
def test_a_deputy_is_chosen_by_name_e_mail_or_username_without_javascript(
    org, as_user, two_danas, typed
):
    response = as_user(org.manager).post(reverse("approvals:cover"), cover_form(typed))
    assert response.status_code == 302, response.content.decode()
    assert Delegation.objects.filter(delegator=org.manager, deputy=org.press).exists()


def test_a_deputy_is_chosen_by_job_title(org, as_user):
    response = as_user(org.manager).post(reverse("approvals:cover"), cover_form("Press officer"))
    assert response.status_code == 302
    assert Delegation.objects.filter(delegator=org.manager, deputy=org.press).exists()


def test_a_name_that_fits_several_asks_to_choose_among_them(org, as_user, two_danas):
    client = as_user(org.manager)
    before = Delegation.objects.count()

    response = client.post(reverse("approvals:cover"), cover_form("dana"))

    assert response.status_code == 400
    html = response.content.decode()
    assert "More than one colleague fits “dana”. Choose one from the list" in html
    assert sorted(offered(html, "deputy")) == ["deputy", "press"]
    assert Delegation.objects.count() == before
    # Choosing one of them from the list then works.
    assert client.post(reverse("approvals:cover"), cover_form("press")).status_code == 302


def test_nobody_offered_fits(org, as_user):
    response = as_user(org.manager).post(reverse("approvals:cover"), cover_form("Zebedee"))
    assert response.status_code == 400
    assert "There is no colleague you can choose called “Zebedee”" in response.content.decode()


def test_a_name_outside_the_department_is_not_searched(org, as_user):
    """Only the people offered are searched by name: the rest of the staff stay unlisted."""
    name = f"{org.treasury_manager.first_name} {org.treasury_manager.last_name}"
    response = as_user(org.manager).post(reverse("approvals:cover"), cover_form(name))
    assert response.status_code == 400
    assert "There is no colleague you can choose" in response.content.decode()


def test_an_admin_grants_to_a_colleague_chosen_by_name(org, as_user):
    org.colleague.first_name, org.colleague.last_name = "Ana", "Lyst"
    org.colleague.save()
    client = as_user(org.co_admin)
    page = client.get(reverse("approvals:department", args=[org.cabinet_office.slug]))
    people = offered(page.content.decode(), "grantee")
    assert "colleague" in people and "co-admin" not in people
    assert "treasury-manager" not in people

    response = client.post(
        reverse("approvals:department_grant", args=[org.cabinet_office.slug]),
        {"grantee": "ana lyst", "authority": "manage_delegations"},
    )

    assert response.status_code == 302
    held = groups.authority_group(org.cabinet_office, Authority.MANAGE_DELEGATIONS).user_set
    assert held.filter(pk=org.colleague.pk).exists()


@pytest.mark.parametrize(
    "typed",
    [
        "<script>alert('x')</script>",
        '"><img src=x onerror=alert(1)>',
        "x" * 100_000,
        "\u202e\u0000dana",
        "%",
        "_",
    ],
)
def test_hostile_names_are_refused_and_escaped(org, as_user, typed):
    client = as_user(org.co_admin)
    for url, data in (
        (reverse("approvals:cover"), cover_form(typed, manager=typed)),
        (
            reverse("approvals:department_grant", args=[org.cabinet_office.slug]),
            {"grantee": typed, "authority": "manage_delegations"},
        ),
    ):
        response = client.post(url, data)
        assert response.status_code == 400
        html = response.content.decode()
        assert "<script>alert" not in html and "<img src=x" not in html
    assert not Delegation.objects.filter(reason="Annual leave").exists()
