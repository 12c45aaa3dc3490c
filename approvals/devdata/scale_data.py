"""A large, realistic data set for measuring the approvals pages at scale:
by default 100,000 posts across 200 departments and 5,000 staff.

Built with bulk inserts in one transaction. In each department the first
person is everyone's line manager and the second holds approve-posts; a
third of the posts wait for sign-off, the rest are spread over the other
states, and the submitted ones have a frozen version like real ones.
"""

import random
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.utils import timezone

from approvals.authority import groups
from approvals.devdata.bulk_posts import create_posts
from approvals.models import Authority, Department, Post, PostStatus, StaffProfile, Stage

PREFIX = "scale"
# Nobody signs in as these people: one unusable hash, computed once, for all of them.
UNUSABLE_PASSWORD = make_password(None)
CHANNELS = ["x", "linkedin", "facebook", "instagram", "blog"]
SETTLED = [
    PostStatus.DRAFT,
    PostStatus.APPROVED,
    PostStatus.PUBLISHED,
    PostStatus.REJECTED,
    PostStatus.WITHDRAWN,
    PostStatus.CHANGES_REQUESTED,
]
BATCH = 5000


def exists() -> bool:
    return Department.objects.filter(slug=f"{PREFIX}-0").exists()


def manager_username(department_index: int) -> str:
    return f"{PREFIX}-{department_index}-0"


def approver_username(department_index: int) -> str:
    return f"{PREFIX}-{department_index}-1"


@transaction.atomic
def build(*, posts: int = 100_000, departments: int = 200, staff: int = 5_000, seed: int = 1):
    rng = random.Random(seed)  # noqa: S311 - reproducible sample data, not secrets
    User = get_user_model()
    per_department = max(staff // departments, 3)
    depts = Department.objects.bulk_create(
        Department(name=f"Scale department {d}", slug=f"{PREFIX}-{d}", abbreviation=f"SD{d}")
        for d in range(departments)
    )
    users = User.objects.bulk_create(
        (
            User(
                username=f"{PREFIX}-{d}-{i}",
                first_name=f"Person {i}",
                last_name=f"Department {d}",
                email=f"{PREFIX}-{d}-{i}@portal.invalid",
                password=UNUSABLE_PASSWORD,
            )
            for d in range(departments)
            for i in range(per_department)
        ),
        batch_size=BATCH,
    )
    by_department = [
        users[d * per_department : (d + 1) * per_department] for d in range(departments)
    ]
    StaffProfile.objects.bulk_create(
        (
            StaffProfile(
                user=user,
                department=depts[d],
                job_title="Policy adviser",
                line_manager=None if i == 0 else people[0],
            )
            for d, people in enumerate(by_department)
            for i, user in enumerate(people)
        ),
        batch_size=BATCH,
    )
    for d, people in enumerate(by_department):
        groups.authority_group(depts[d], Authority.APPROVE_POSTS).user_set.add(people[1])

    now = timezone.now()
    rows = []
    for n in range(posts):
        d = n % departments
        author = rng.choice(by_department[d][2:])
        waiting = n % 3 == 0
        status = PostStatus.SUBMITTED if waiting else rng.choice(SETTLED)
        rows.append(
            Post(
                author=author,
                department=depts[d],
                disclosed_position=f"Policy adviser, {depts[d].name}",
                channel=rng.choice(CHANNELS),
                account=f"@scaledept{d}",
                text=f"Scale department {d}: update number {n} on our work.",
                publish_at=now + timedelta(days=rng.randint(1, 30)),
                status=status,
                stage=(
                    (Stage.LINE_MANAGER if (n // departments) % 2 else Stage.DEPARTMENT)
                    if waiting
                    else ""
                ),
                submitted_at=now - timedelta(minutes=n) if status != PostStatus.DRAFT else None,
            )
        )
    created = create_posts(rows, batch_size=BATCH)
    return len(created)


def analyse():
    """Fresh planner statistics after a bulk load, as autovacuum would give in time."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
