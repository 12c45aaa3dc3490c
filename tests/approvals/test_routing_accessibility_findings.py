"""Accessibility findings send a post to the department's second step only when the
department says so; the other findings always do when the policy asks on findings."""

import re

import pytest
from django.urls import reverse

from approvals.models import (
    AuditAction,
    AuditEvent,
    Department,
    Outcome,
    PostStatus,
    SignOffPolicy,
    Stage,
)
from approvals.posts import deciding
from approvals.posts.checks.findings import ACCESSIBILITY_CODES
from approvals.routing import needs_department_step
from tests.approvals.conftest import RISKY_TEXT

pytestmark = pytest.mark.django_db

CHECKED = re.compile(r'<input[^>]*name="accessibility_findings_need_second_step"[^>]*checked')

# Discloses the department and commits nobody: its only finding is its capitals.
SHOUTED = "Cabinet Office: READ THIS NOW, our guidance is published today."


def approve(post, user):
    return deciding.decide(
        post_id=post.pk,
        version_id=post.current_version_id,
        user=user,
        outcome=Outcome.APPROVED,
        reason="",
    )


def set_flag(department, value, policy=SignOffPolicy.WHEN_FINDINGS):
    department.signoff_policy = policy
    department.accessibility_findings_need_second_step = value
    department.save()


@pytest.mark.parametrize("flag", [False, True])
def test_accessibility_findings_alone_go_to_the_second_step_only_when_the_department_says(
    org, make_post, flag
):
    set_flag(org.cabinet_office, flag)
    post = make_post(org.author, text=SHOUTED)
    assert [f["code"] for f in post.current_version.findings] == ["capitals"]

    approve(post, org.manager)
    post.refresh_from_db()
    if flag:
        assert (post.status, post.stage) == (PostStatus.SUBMITTED, Stage.DEPARTMENT)
    else:
        assert post.status == PostStatus.APPROVED


@pytest.mark.parametrize("flag", [False, True])
def test_principle_findings_go_to_the_second_step_whatever_the_flag(org, make_post, flag):
    set_flag(org.cabinet_office, flag)
    post = make_post(org.author, text=f"{RISKY_TEXT} READ THIS NOW.")
    codes = {f["code"] for f in post.current_version.findings}
    assert "capitals" in codes and codes - ACCESSIBILITY_CODES

    approve(post, org.manager)
    post.refresh_from_db()
    assert (post.status, post.stage) == (PostStatus.SUBMITTED, Stage.DEPARTMENT)


@pytest.mark.parametrize(
    ("policy", "flag", "second_step"),
    [
        (SignOffPolicy.ALWAYS, False, True),
        (SignOffPolicy.NEVER, True, False),
        (SignOffPolicy.WHEN_FINDINGS, False, False),
        (SignOffPolicy.WHEN_FINDINGS, True, True),
    ],
)
def test_the_rule_reads_the_policy_and_the_flag(policy, flag, second_step):
    department = Department(signoff_policy=policy, accessibility_findings_need_second_step=flag)
    findings = [{"code": "capitals", "principle": "", "message": "", "excerpt": ""}]
    assert needs_department_step(department, findings) is second_step
    assert needs_department_step(department, []) is (policy == SignOffPolicy.ALWAYS)


def test_the_author_sees_the_second_step_ahead_before_submitting(org, make_post, client):
    set_flag(org.cabinet_office, True)
    post = make_post(org.author, text=SHOUTED, submit=False)
    client.force_login(org.author)
    html = client.get(reverse("approvals:post", args=[post.pk])).content.decode()
    assert "It goes to two steps in turn" in html
    assert "Government Communication Service: accessible social media" in html

    set_flag(org.cabinet_office, False)
    html = client.get(reverse("approvals:post", args=[post.pk])).content.decode()
    assert "One step signs it off." in html


def test_a_department_admin_sets_the_flag_on_the_department_page(org, client):
    client.force_login(org.co_admin)
    page = reverse("approvals:department", args=[org.cabinet_office.slug])
    assert 'name="accessibility_findings_need_second_step"' in client.get(page).content.decode()

    response = client.post(
        reverse("approvals:department_policy", args=[org.cabinet_office.slug]),
        {"signoff_policy": "findings", "accessibility_findings_need_second_step": "on"},
    )
    assert response.status_code == 302
    org.cabinet_office.refresh_from_db()
    assert org.cabinet_office.accessibility_findings_need_second_step
    event = AuditEvent.objects.get(action=AuditAction.POLICY_CHANGED)
    assert "Accessibility findings alone now send a post to the second step" in event.comment
    html = client.get(page).content.decode()
    assert CHECKED.search(html)

    client.post(
        reverse("approvals:department_policy", args=[org.cabinet_office.slug]),
        {"signoff_policy": "findings"},
    )
    org.cabinet_office.refresh_from_db()
    assert not org.cabinet_office.accessibility_findings_need_second_step
    assert not CHECKED.search(client.get(page).content.decode())


def test_someone_without_management_cannot_set_the_flag(org, client):
    client.force_login(org.press)
    response = client.post(
        reverse("approvals:department_policy", args=[org.cabinet_office.slug]),
        {"signoff_policy": "findings", "accessibility_findings_need_second_step": "on"},
    )
    assert response.status_code == 404
    org.cabinet_office.refresh_from_db()
    assert not org.cabinet_office.accessibility_findings_need_second_step
