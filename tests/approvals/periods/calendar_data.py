"""Posts and periods placed straight in the database, at the times a calendar test needs."""

import re
from datetime import datetime

from approvals.models import PeriodKind, Post, PostStatus, SensitivePeriod, Stage


def post(author, department, at: datetime, status=PostStatus.APPROVED, **fields) -> Post:
    return Post.objects.create(
        author=author,
        department=department,
        disclosed_position="Officer",
        channel=fields.pop("channel", "linkedin"),
        account=fields.pop("account", "@cabinetofficeuk"),
        text=fields.pop("text", "Our open day is on Saturday."),
        publish_at=at,
        status=status,
        stage=Stage.LINE_MANAGER if status == PostStatus.SUBMITTED else "",
        **fields,
    )


def period(by, starts_at, ends_at=None, departments=(), name="Local elections") -> SensitivePeriod:
    declared = SensitivePeriod.objects.create(
        name=name,
        kind=PeriodKind.PRE_ELECTION,
        starts_at=starts_at,
        ends_at=ends_at,
        all_departments=not departments,
        declared_by=by,
    )
    declared.departments.set(departments)
    return declared


def cell(html: str, day: str) -> str:
    """What the calendar shows in the cell of ``day`` (YYYY-MM-DD)."""
    found = re.search(rf'<time datetime="{day}">(.*?)</td>', html, re.S)
    assert found, f"no cell for {day}"
    return found.group(1)
