"""The sensitive periods' pages as each person sees them: what they may reach,
what they may not (a 404), and bad input answered on the same page."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from approvals.authority.holdings import holds
from approvals.models import Authority, PeriodKind, PostStatus, SensitivePeriod

pytestmark = pytest.mark.django_db


def _form(**changes):
    start = timezone.localtime(timezone.now() + timedelta(days=1))
    end = start + timedelta(days=2)
    data = {
        "name": "Referendum on the voting age",
        "kind": PeriodKind.REFERENDUM,
        "starts_date_0": start.day,
        "starts_date_1": start.month,
        "starts_date_2": start.year,
        "starts_time": "9am",
        "ends_date_0": end.day,
        "ends_date_1": end.month,
        "ends_date_2": end.year,
        "ends_time": "22:00",
        "cover": "all",
        "guidance": "Only urgent public safety messages.",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def test_everyone_signed_in_sees_the_periods_but_only_admins_may_act(org, as_user, declare):
    declare()
    page = as_user(org.colleague).get(reverse("approvals:periods")).content.decode()
    assert "General election 2029" in page
    assert "Declare a sensitive period" not in page
    assert "Stop all posting now" not in page

    page = as_user(org.co_admin).get(reverse("approvals:periods")).content.decode()
    assert "Declare a sensitive period" not in page
    assert "Stop all posting now" in page

    page = as_user(org.superuser).get(reverse("approvals:periods")).content.decode()
    assert "Declare a sensitive period" in page
    assert "Stop all posting now" in page


@pytest.mark.parametrize("who", ["colleague", "co_admin", "press"])
def test_only_admins_may_declare(org, as_user, who):
    client = as_user(getattr(org, who))
    assert client.get(reverse("approvals:period_create")).status_code == 404
    assert client.post(reverse("approvals:period_create"), _form()).status_code == 404
    assert not SensitivePeriod.objects.exists()


def test_declaring_holds_the_posts_it_catches_and_says_how_many(org, as_user, make_post):
    post = make_post(org.author, publish_at=timezone.now() + timedelta(days=1, hours=12))
    response = as_user(org.superuser).post(reverse("approvals:period_create"), _form(), follow=True)
    page = response.content.decode()
    period = SensitivePeriod.objects.get()
    assert response.redirect_chain[-1][0] == reverse("approvals:period", args=[period.pk])
    assert "govuk-notification-banner--success" in page
    assert "1 post held." in page
    assert period.all_departments
    assert timezone.localtime(period.starts_at).hour == 9
    post.refresh_from_db()
    assert post.status == PostStatus.HELD


def test_declaring_for_chosen_departments(org, as_user):
    data = _form(cover="chosen", departments=[org.treasury.pk], ends_date_0="", ends_time="")
    data.update({"ends_date_1": "", "ends_date_2": ""})
    response = as_user(org.superuser).post(reverse("approvals:period_create"), data)
    assert response.status_code == 302
    period = SensitivePeriod.objects.get()
    assert period.ends_at is None
    assert list(period.departments.all()) == [org.treasury]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"name": ""}, "Enter a name for the period"),
        ({"kind": None}, "Select what kind of period it is"),
        ({"starts_time": "soon"}, "Enter a real time"),
        (
            {"ends_time": "8am", "ends_date_0": "1", "ends_date_1": "1", "ends_date_2": "2020"},
            "The end must be after the start",
        ),
        ({"cover": "chosen"}, "Select the departments it covers"),
        ({"ends_time": ""}, "Enter the time it ends"),
    ],
)
def test_bad_input_is_answered_on_the_same_page(org, as_user, changes, message):
    response = as_user(org.superuser).post(reverse("approvals:period_create"), _form(**changes))
    assert response.status_code == 400
    page = response.content.decode()
    assert "govuk-error-summary" in page
    assert message in page
    assert not SensitivePeriod.objects.exists()


def test_the_period_page_shows_the_held_posts_to_their_author_and_releasers(
    org, as_user, make_post, declare, sensitive_approver
):
    post = make_post(org.author, publish_at=timezone.now() + timedelta(days=2))
    period = declare().period
    url = reverse("approvals:period", args=[period.pk])
    post_link = reverse("approvals:post", args=[post.pk])
    for who in (org.author, sensitive_approver):
        page = as_user(who).get(url).content.decode()
        assert post_link in page
        assert "Say nothing new about policy." in page
    page = as_user(org.colleague).get(url).content.decode()
    assert post_link not in page
    assert "End this period now" not in page
    assert reverse("approvals:period_edit", args=[period.pk]) not in page
    page = as_user(org.superuser).get(url).content.decode()
    assert "End this period now" in page


@pytest.mark.parametrize("who", ["colleague", "co_admin"])
def test_only_admins_may_change_or_end_a_period(org, as_user, declare, who):
    period = declare().period
    client = as_user(getattr(org, who))
    for name in ("approvals:period_edit", "approvals:period_end"):
        assert client.get(reverse(name, args=[period.pk])).status_code == 404
        assert client.post(reverse(name, args=[period.pk]), _form()).status_code == 404
    period.refresh_from_db()
    assert period.ends_at > timezone.now()
    assert period.name == "General election 2029"


def test_changing_a_period(org, as_user, declare):
    period = declare().period
    client = as_user(org.superuser)
    url = reverse("approvals:period_edit", args=[period.pk])
    assert "General election 2029" in client.get(url).content.decode()
    response = client.post(url, _form(name="General election 2030"))
    assert response.status_code == 302
    period.refresh_from_db()
    assert period.name == "General election 2030"


def test_ending_a_period_asks_first(org, as_user, declare):
    period = declare(starts_in=timedelta(hours=-1)).period
    client = as_user(org.superuser)
    url = reverse("approvals:period_end", args=[period.pk])
    assert "Are you sure" in client.get(url).content.decode()
    period.refresh_from_db()
    assert period.ends_at > timezone.now()
    assert client.post(url).status_code == 302
    period.refresh_from_db()
    assert period.ends_at <= timezone.now()


def test_the_stop_switch_for_a_department_admin(org, as_user, make_post):
    post = make_post(org.author, publish_at=timezone.now() + timedelta(hours=3))
    client = as_user(org.co_admin)
    page = client.get(reverse("approvals:period_stop")).content.decode()
    assert "Cabinet Office" in page
    assert "All departments" not in page
    assert "HM Treasury" not in page
    refused = client.post(
        reverse("approvals:period_stop"), {"department": "all", "reason": "Incident"}
    )
    assert refused.status_code == 400
    missing = client.post(reverse("approvals:period_stop"), {"department": org.cabinet_office.pk})
    assert missing.status_code == 400
    assert "Say why posting must stop" in missing.content.decode()
    assert not SensitivePeriod.objects.exists()
    done = client.post(
        reverse("approvals:period_stop"),
        {"department": org.cabinet_office.pk, "reason": "A major incident is under way."},
    )
    assert done.status_code == 302
    period = SensitivePeriod.objects.get()
    assert period.ends_at is None
    assert list(period.departments.all()) == [org.cabinet_office]
    post.refresh_from_db()
    assert post.status == PostStatus.HELD
    # The department admin may end the stop they could make.
    assert (
        as_user(org.co_admin).post(reverse("approvals:period_end", args=[period.pk])).status_code
        == 302
    )


def test_an_admin_stops_posting_everywhere(org, as_user):
    response = as_user(org.superuser).post(
        reverse("approvals:period_stop"), {"department": "all", "reason": "National mourning."}
    )
    assert response.status_code == 302
    assert SensitivePeriod.objects.get().all_departments


@pytest.mark.parametrize("who", ["colleague", "author", "press"])
def test_the_stop_switch_is_not_there_for_others(org, as_user, who):
    client = as_user(getattr(org, who))
    assert client.get(reverse("approvals:period_stop")).status_code == 404
    response = client.post(reverse("approvals:period_stop"), {"department": "all", "reason": "x"})
    assert response.status_code == 404
    assert not SensitivePeriod.objects.exists()


def test_the_authority_to_approve_in_sensitive_periods_is_granted_on_the_department_page(
    org, as_user
):
    client = as_user(org.superuser)
    page = client.get(reverse("approvals:department", args=[org.cabinet_office.slug]))
    assert "Approve in sensitive periods" in page.content.decode()
    response = client.post(
        reverse("approvals:department_grant", args=[org.cabinet_office.slug]),
        {"grantee": "press", "authority": Authority.APPROVE_IN_SENSITIVE_PERIODS},
    )
    assert response.status_code == 302
    assert holds(org.press, Authority.APPROVE_IN_SENSITIVE_PERIODS, org.cabinet_office.pk)
