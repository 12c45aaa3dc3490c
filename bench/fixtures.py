"""Data the load benchmarks need, made inside Django (`manage.py shell`):
passwords for the people the benchmark signs in as, and a batch of posts
waiting for one manager so that every decision request decides a new post."""

from datetime import timedelta
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.utils import timezone

from approvals.devdata.bulk_posts import create_posts
from approvals.models import Department, Post, PostStatus, SignOffPolicy, StaffProfile


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
    # Topped up to ``decisions`` waiting posts, so that runs decide what the
    # last run left and the database does not grow from one run to the next.
    waiting = Post.objects.filter(author=author, status=PostStatus.SUBMITTED)
    now = timezone.now()
    create_posts(
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
        for n in range(max(decisions - waiting.count(), 0))
    )
    ids = waiting.order_by("pk").values_list("pk", "current_version_id")[:decisions]
    Path(ids_file).write_text("".join(f"{pk} {version_id}\n" for pk, version_id in ids))
    # The planner must know of the posts just added, or it plans the manager's
    # count of 20,000 waiting posts as if there were one. Autovacuum would see
    # to it in production; these machines' PostgreSQL runs without it.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE approvals_post, approvals_postversion, approvals_decision")
