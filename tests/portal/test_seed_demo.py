import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

from approvals.models import Decision, Department, Post, PostStatus, StaffProfile

pytestmark = pytest.mark.django_db


def snapshot():
    users = list(
        get_user_model()
        .objects.order_by("username")
        .values_list("username", "password", "is_superuser", "first_name")
    )
    profiles = list(
        StaffProfile.objects.order_by("user__username").values_list(
            "user__username", "department__slug", "job_title", "line_manager__username"
        )
    )
    departments = list(Department.objects.order_by("slug").values_list("slug", "parent__slug"))
    return users, profiles, departments


def test_seed_demo_creates_the_demo_people_and_a_second_run_changes_nothing(settings):
    call_command("seed_demo")
    first = snapshot()
    call_command("seed_demo")
    assert snapshot() == first

    users, profiles, _ = first
    assert [u[0] for u in users] == sorted(
        [
            "reader",
            "author",
            "manager",
            "deputy",
            "press",
            "treasury-manager",
            "editor",
            "records",
            "admin",
        ]
    )
    by_user = {p[0]: p for p in profiles}
    assert by_user["author"][3] == "manager"
    assert by_user["author"][1] == "cabinet-office"
    assert by_user["treasury-manager"][1] == "hm-treasury"
    assert get_user_model().objects.get(username="admin").is_superuser
    assert get_user_model().objects.get(username="author").check_password(settings.DEMO_PASSWORD)


def test_seed_demo_never_resets_a_changed_password():
    call_command("seed_demo")
    author = get_user_model().objects.get(username="author")
    author.set_password("my-own-new-password")
    author.save()
    call_command("seed_demo")
    author.refresh_from_db()
    assert author.check_password("my-own-new-password")


def test_seed_demo_ends_by_saying_where_to_sign_in_and_with_what(settings):
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    last_lines = out.getvalue().strip().splitlines()[-3:]
    assert last_lines[0].split() == ["The", "portal:", "http://127.0.0.1:8000/"]
    assert "author" in last_lines[1] and "manager" in last_lines[1]
    assert last_lines[2].split() == ["Password:", settings.DEMO_PASSWORD]


def test_the_demo_records_officer_reads_the_register_and_decides_nothing(client):
    call_command("seed_demo")
    records = get_user_model().objects.get(username="records")
    client.force_login(records)
    register = client.get(reverse("approvals:register"))
    assert register.status_code == 200
    assert "Cabinet Office" in register.content.decode()
    waiting = Post.objects.filter(status=PostStatus.SUBMITTED).first()
    assert client.get(reverse("approvals:decide", args=[waiting.pk])).status_code == 404


def test_every_demo_decision_says_under_which_authority_it_was_taken():
    call_command("seed_demo")
    assert Decision.objects.exists()
    assert not Decision.objects.filter(authority="").exists()
