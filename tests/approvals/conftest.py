"""A small organisation: two departments, an author with a line manager and a
deputy, a department approver, a department admin and outsiders."""

from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.utils import timezone

from approvals.authority import groups
from approvals.models import Authority, Delegation, SignOffPolicy
from approvals.posts import services
from tests.factories import DepartmentFactory, StaffProfileFactory, UserFactory


@dataclass
class Org:
    cabinet_office: object
    treasury: object
    author: object
    manager: object
    deputy: object
    press: object
    co_admin: object
    colleague: object
    treasury_manager: object
    treasury_author: object
    superuser: object


def _staff(username, department, job_title="Policy adviser", line_manager=None, **user_fields):
    user = UserFactory(username=username, **user_fields)
    StaffProfileFactory(
        user=user, department=department, job_title=job_title, line_manager=line_manager
    )
    return user


@pytest.fixture
def org(db):
    co = DepartmentFactory(
        name="Cabinet Office",
        slug="cabinet-office",
        abbreviation="CO",
        signoff_policy=SignOffPolicy.WHEN_FINDINGS,
    )
    hmt = DepartmentFactory(
        name="HM Treasury",
        slug="hm-treasury",
        abbreviation="HMT",
        signoff_policy=SignOffPolicy.ALWAYS,
    )
    manager = _staff("manager", co, "Head of digital engagement")
    author = _staff("author", co, "Digital engagement officer", line_manager=manager)
    deputy = _staff("deputy", co, "Deputy head")
    press = _staff("press", co, "Press officer")
    co_admin = _staff("co-admin", co, "Department administrator")
    colleague = _staff("colleague", co, "Analyst", line_manager=manager)
    treasury_manager = _staff("treasury-manager", hmt, "Head of communications")
    treasury_author = _staff("treasury-author", hmt, "Comms officer", line_manager=treasury_manager)
    superuser = _staff("root", co, "Administrator", is_superuser=True, is_staff=True)

    groups.authority_group(co, Authority.APPROVE_POSTS).user_set.add(press)
    groups.authority_group(co, Authority.MANAGE_DELEGATIONS).user_set.add(co_admin)
    groups.authority_group(hmt, Authority.APPROVE_POSTS).user_set.add(treasury_manager)
    today = timezone.localdate()
    Delegation.objects.create(
        delegator=manager,
        deputy=deputy,
        starts_on=today - timedelta(days=1),
        ends_on=today + timedelta(days=7),
        reason="Leave",
    )
    return Org(
        co,
        hmt,
        author,
        manager,
        deputy,
        press,
        co_admin,
        colleague,
        treasury_manager,
        treasury_author,
        superuser,
    )


CLEAN_TEXT = "Cabinet Office: our guidance on taking part online is published today."
RISKY_TEXT = "Cabinet Office: we will fix this by Friday. Call 020 7946 0000."


@pytest.fixture
def make_post():
    def _make(author, text=CLEAN_TEXT, channel="linkedin", submit=True, **kwargs):
        post = services.save_draft(
            author=author,
            channel=channel,
            account=kwargs.pop("account", "Cabinet Office"),
            text=text,
            further_parts=kwargs.pop("further_parts", ()),
            link=kwargs.pop("link", ""),
            publish_at=kwargs.pop("publish_at", timezone.now() + timedelta(days=2)),
        )
        if submit:
            post = services.submit_post(post_id=post.pk, author=author, **kwargs)
        return post

    return _make


@pytest.fixture
def as_user(client):
    """The test client, signed in as the person given."""

    def _as(user):
        client.force_login(user)
        return client

    return _as
