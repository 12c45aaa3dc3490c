"""Data the load benchmarks need, made inside Django (`manage.py shell`):
passwords for the people the benchmark signs in as, and a batch of posts
waiting for one manager so that every decision request decides a new post."""

from datetime import timedelta
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.utils import timezone

from approvals.models import Department, Post, PostStatus, PostVersion, SignOffPolicy, StaffProfile


@transaction.atomic
def prepare(*, password: str, usernames: list[str], decisions: int, ids_file: str) -> None:
    User = get_user_model()
    for user in User.objects.filter(username__in=usernames):
        user.set_password(password)
        user.save(update_fields=["password"])

    department, _ = Department.objects.get_or_create(
        slug="bench-department",
        defaults={"name": "Bench department", "signoff_policy": SignOffPolicy.NEVER},
    )
    manager, _ = User.objects.get_or_create(username="bench-manager")
    author, _ = User.objects.get_or_create(username="bench-author")
    manager.set_password(password)
    manager.save()
    StaffProfile.objects.update_or_create(
        user=manager, defaults={"department": department, "job_title": "Manager"}
    )
    StaffProfile.objects.update_or_create(
        user=author,
        defaults={"department": department, "job_title": "Author", "line_manager": manager},
    )
    now = timezone.now()
    posts = Post.objects.bulk_create(
        Post(
            author=author,
            department=department,
            disclosed_position="Author, Bench department",
            channel="linkedin",
            account="Bench department",
            text=f"Bench department: decision benchmark post {n}.",
            publish_at=now + timedelta(days=7),
            status=PostStatus.SUBMITTED,
            stage="line_manager",
            submitted_at=now,
        )
        for n in range(decisions)
    )
    versions = PostVersion.objects.bulk_create(
        PostVersion(
            post=post,
            number=1,
            channel=post.channel,
            account=post.account,
            text=post.text,
            publish_at=post.publish_at,
            disclosed_position=post.disclosed_position,
        )
        for post in posts
    )
    with connection.cursor() as cursor:
        cursor.executemany(
            "UPDATE approvals_post SET current_version_id = %s WHERE id = %s",
            [(version.pk, version.post_id) for version in versions],
        )
    Path(ids_file).write_text("".join(f"{v.post_id} {v.pk}\n" for v in versions))
