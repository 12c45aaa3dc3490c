"""A name goes into e-mail headers: a line break in one made every e-mail about
that person unsendable. Wherever a name or job title is set, line breaks, tabs
and invisible characters are refused with a message on the form, and nothing
is saved."""

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.urls import reverse

from approvals.models import StaffProfile
from tests.factories import DepartmentFactory, StaffProfileFactory, UserFactory

pytestmark = pytest.mark.django_db

User = get_user_model()

BAD_NAMES = [
    "Amir\nBcc: everyone@example.gov.uk",
    "Amir\r\nKhan",
    "Amir\tKhan",
    "\u202enahK",  # right-to-left override: reads as "Khan"
    "Am\u200bir",  # zero-width space
]


@pytest.fixture
def superuser_client(client):
    client.force_login(UserFactory(username="root", is_superuser=True, is_staff=True))
    return client


@pytest.fixture
def amir():
    return UserFactory(username="amir", first_name="Amir", last_name="Khan")


def user_form(user, **changes):
    return {
        "username": user.username,
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "is_active": "on",
        "password1": "",
        "password2": "",
        **changes,
    }


def assert_refused(response, field):
    assert response.status_code == 200
    errors = response.context["form"].errors[field]
    assert any("Remove the line break, tab or invisible character" in e for e in errors) or any(
        "Null characters are not allowed." in e for e in errors
    ), errors


@pytest.mark.parametrize("name", [*BAD_NAMES, "Amir\0"])
def test_the_user_model_refuses_the_name(amir, name):
    amir.last_name = name
    with pytest.raises(ValidationError) as refused:
        amir.full_clean()
    assert list(refused.value.message_dict) == ["last_name"]


@pytest.mark.parametrize("name", BAD_NAMES)
def test_wagtails_user_edit_form_refuses_the_name(superuser_client, amir, name):
    response = superuser_client.post(
        reverse("wagtailusers_users:edit", args=[amir.pk]), user_form(amir, first_name=name)
    )
    assert_refused(response, "first_name")
    amir.refresh_from_db()
    assert amir.first_name == "Amir"


def test_wagtails_user_creation_form_refuses_the_name(superuser_client):
    new = User(username="bea", email="bea@example.gov.uk", first_name="Bea", last_name="Jones")
    response = superuser_client.post(
        reverse("wagtailusers_users:add"),
        user_form(
            new,
            last_name="Jones\nBcc: x@example.com",
            password1="x7!Qp-long-enough",
            password2="x7!Qp-long-enough",
        ),
    )
    assert_refused(response, "last_name")
    assert not User.objects.filter(username="bea").exists()


def test_the_admin_account_page_refuses_ones_own_name(client, amir):
    amir.is_superuser = True
    amir.save()
    client.force_login(amir)
    response = client.post(
        reverse("wagtailadmin_account"),
        {
            "name_email-first_name": "Amir\nKhan",
            "name_email-last_name": "Khan",
            "name_email-email": amir.email,
        },
    )
    assert response.status_code == 200
    assert "Remove the line break, tab or invisible character (U+000A)" in (
        response.content.decode()
    )
    amir.refresh_from_db()
    assert amir.first_name == "Amir"


def test_the_staff_profile_admin_refuses_a_job_title_with_a_line_break(superuser_client, amir):
    profile = StaffProfileFactory(user=amir, department=DepartmentFactory(), job_title="Analyst")
    response = superuser_client.post(
        reverse("signoff_staff:edit", args=[profile.pk]),
        {
            "user": amir.pk,
            "department": profile.department_id,
            "job_title": "Analyst\nBcc: x@example.com",
            "line_manager": "",
        },
    )
    assert_refused(response, "job_title")
    assert StaffProfile.objects.get(pk=profile.pk).job_title == "Analyst"


@pytest.mark.parametrize("name", ["Zoë Ó Súilleabháin", "Ngũgĩ wa Thiong\u2019o", "ليلى العمري"])
def test_a_name_in_any_script_is_kept_but_not_with_a_line_break(superuser_client, amir, name):
    edit = reverse("wagtailusers_users:edit", args=[amir.pk])
    assert superuser_client.post(edit, user_form(amir, last_name=name)).status_code == 302
    amir.refresh_from_db()
    assert amir.last_name == name
    assert_refused(
        superuser_client.post(edit, user_form(amir, last_name=f"{name}\r\n{name}")), "last_name"
    )
