"""Posts made in bulk for the measuring data sets are like posts submitted one by one."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from approvals.devdata import scale_data
from approvals.devdata.bulk_posts import create_posts
from approvals.models import Post, PostStatus, Stage
from approvals.posts import selectors

pytestmark = pytest.mark.django_db

User = get_user_model()


def test_each_submitted_post_has_its_frozen_first_version_and_a_draft_has_none(org):
    now = timezone.now()
    posts = create_posts(
        (
            Post(
                author=org.author,
                department=org.cabinet_office,
                disclosed_position="Digital engagement officer, Cabinet Office",
                channel="linkedin",
                account="Cabinet Office",
                text=f"Cabinet Office: post {n}.",
                link=f"https://www.gov.uk/{n}",
                publish_at=now + timedelta(days=n + 1),
                status=PostStatus.SUBMITTED if n % 3 else PostStatus.DRAFT,
                stage=Stage.LINE_MANAGER if n % 3 else "",
                submitted_at=now - timedelta(minutes=n) if n % 3 else None,
            )
            for n in range(7)
        ),
        batch_size=2,
    )
    stored = Post.objects.select_related("current_version").in_bulk([p.pk for p in posts])
    for post in posts:
        version = stored[post.pk].current_version
        if post.status == PostStatus.DRAFT:
            assert version is None and not stored[post.pk].versions.exists()
            continue
        assert version.pk == post.current_version_id
        assert (version.post_id, version.number, version.findings) == (post.pk, 1, [])
        for name in ("channel", "account", "text", "link", "publish_at", "disclosed_position"):
            assert getattr(version, name) == getattr(post, name), name
        assert version.created_at == post.submitted_at
    waiting = [post.pk for post in posts if post.status == PostStatus.SUBMITTED]
    assert [post.pk for post in selectors.waiting_for(org.manager)] == waiting[::-1]


def test_the_scale_data_set_routes_its_waiting_posts_to_its_approvers():
    assert scale_data.build(posts=60, departments=3, staff=9) == 60
    posts = Post.objects.filter(account__startswith="@scaledept")
    assert not posts.exclude(status=PostStatus.DRAFT).filter(current_version=None).exists()
    assert not posts.filter(status=PostStatus.DRAFT).exclude(current_version=None).exists()
    waiting = posts.filter(status=PostStatus.SUBMITTED, department__slug="scale-0")
    for stage, username in (
        (Stage.DEPARTMENT, scale_data.approver_username(0)),
        (Stage.LINE_MANAGER, scale_data.manager_username(0)),
    ):
        user = User.objects.get(username=username)
        assert selectors.count_waiting_for(user) == waiting.filter(stage=stage).count() > 0
