"""Posts in the register: signed off, rejected, published, pre-authorised and
withdrawn, in the Cabinet Office and HM Treasury, with a records officer in
the Cabinet Office."""

from dataclasses import dataclass

import pytest

from approvals.authority import groups
from approvals.models import Authority, Outcome
from approvals.posts import deciding, services
from tests.approvals.conftest import _staff


@dataclass
class Register:
    approved: object
    rejected: object
    published: object
    pre_authorised: object
    withdrawn: object
    waiting: object
    treasury: object
    records_officer: object


def decide(post, user, outcome=Outcome.APPROVED, reason=""):
    deciding.decide(
        post_id=post.pk,
        version_id=post.current_version_id,
        user=user,
        outcome=outcome,
        reason=reason,
    )
    post.refresh_from_db()
    return post


@pytest.fixture
def register(org, make_post):
    records_officer = _staff("records", org.cabinet_office, "Departmental records officer")
    groups.authority_group(org.cabinet_office, Authority.VIEW_RECORDS).user_set.add(records_officer)
    approved = decide(make_post(org.author, text="Cabinet Office: approved news."), org.manager)
    rejected = decide(
        make_post(org.colleague, text="Cabinet Office: rejected news.", channel="x"),
        org.deputy,
        Outcome.REJECTED,
        "Not ours to say.",
    )
    published = decide(make_post(org.author, text="Cabinet Office: published news."), org.manager)
    services.record_publication(
        post_id=published.pk, author=org.author, url="https://www.linkedin.com/posts/1"
    )
    published.refresh_from_db()
    groups.authority_group(org.cabinet_office, Authority.PUBLISH_WITHOUT_APPROVAL).user_set.add(
        org.press
    )
    pre_authorised = make_post(
        org.press, text="Cabinet Office: pre-authorised news.", pre_authorise=True
    )
    withdrawn = make_post(org.author, text="Cabinet Office: withdrawn news.")
    services.withdraw_post(post_id=withdrawn.pk, author=org.author, reason="Overtaken by events")
    waiting = make_post(org.author, text="Cabinet Office: still waiting news.")
    treasury = make_post(
        org.treasury_author, text="HM Treasury: treasury news.", account="HM Treasury"
    )
    treasury = decide(treasury, org.treasury_manager, Outcome.REJECTED, "Not now.")
    return Register(
        approved,
        rejected,
        published,
        pre_authorised,
        withdrawn,
        waiting,
        treasury,
        records_officer,
    )
