"""A small, hand-computed history of sign-off in late May and early June 2024,
across a weekend and the Spring bank holiday (Monday 27 May 2024), written
straight into the tables with the times it happened: the services stamp
"now", and the audit trail cannot be changed after the fact.

Every working-hours figure is worked out by hand in the comments (London is
on summer time; a working day counts midnight to midnight)."""

from datetime import datetime
from zoneinfo import ZoneInfo

from approvals.models import (
    AuditAction,
    AuditEvent,
    Decision,
    Outcome,
    Post,
    PostStatus,
    PostVersion,
    Stage,
)
from approvals.posts import turnaround

LONDON = ZoneInfo("Europe/London")
# Friday 7 June 2024, noon: "now" for the reports of this history.
NOW = datetime(2024, 6, 7, 12, tzinfo=LONDON)


def at(day: int, hour: int, month: int = 6) -> datetime:
    return datetime(2024, month, day, hour, tzinfo=LONDON)


def post(author, department, *, submitted, status, stage="", decisions=(), expired=None):
    """One post of the history: submitted at ``submitted``, then each decision
    (stage, outcome, when, by whom) in turn."""
    row = Post.objects.create(
        author=author,
        department=department,
        disclosed_position="Officer",
        channel="linkedin",
        account="Cabinet Office",
        text="Cabinet Office: our guidance on taking part online.",
        publish_at=at(28, 9),
        status=status,
        stage=stage,
        submitted_at=submitted,
    )
    version = PostVersion.frozen_from(row, number=1, created_at=submitted)
    version.save()
    Post.objects.filter(pk=row.pk).update(current_version=version)
    AuditEvent.objects.create(
        created_at=submitted, action=AuditAction.SUBMITTED, post=row, version=version
    )
    earlier: list[Decision] = []
    for n, (step, outcome, when, by) in enumerate(decisions, start=1):
        # The last step's approval ends sign-off, unless the post still waits for another.
        last = n == len(decisions) and status != PostStatus.SUBMITTED
        earlier.append(
            Decision.objects.create(
                version=version,
                stage=step,
                outcome=outcome,
                decided_by=by,
                reason="" if outcome == Outcome.APPROVED else "Because.",
                created_at=when,
                **turnaround.kept(
                    turnaround.waited(version, earlier, decided_at=when),
                    ends_sign_off=outcome != Outcome.APPROVED or last,
                ),
            )
        )
    if expired:
        AuditEvent.objects.create(
            created_at=expired, action=AuditAction.EXPIRED, post=row, version=version
        )
    return row


def build(org):
    co, hmt = org.cabinet_office, org.treasury
    lm, dept = Stage.LINE_MANAGER, Stage.DEPARTMENT
    ok, no, changes = Outcome.APPROVED, Outcome.REJECTED, Outcome.CHANGES_REQUESTED
    return {
        # Fri 24 May 16:00 to Tue 28 May 10:00: Friday 8 h, the weekend and the bank
        # holiday not at all, Tuesday 10 h = 18 h. Then to Wed 29 May 09:00: Tuesday
        # 14 h and Wednesday 9 h = 23 h. From submission: 41 h.
        "a": post(
            org.author,
            co,
            submitted=at(24, 16, 5),
            status=PostStatus.APPROVED,
            decisions=[
                (lm, ok, at(28, 10, 5), org.manager),
                (dept, ok, at(29, 9, 5), org.press),
            ],
        ),
        # Mon 3 Jun 09:00 to 15:00: 6 h.
        "b": post(
            org.author,
            co,
            submitted=at(3, 9),
            status=PostStatus.REJECTED,
            decisions=[(lm, no, at(3, 15), org.manager)],
        ),
        # Thu 30 May noon to Fri 31 May noon: 24 h. Then to Mon 3 Jun noon: Friday
        # 12 h and Monday 12 h = 24 h. From submission: 48 h.
        "c": post(
            org.author,
            co,
            submitted=at(30, 12, 5),
            status=PostStatus.CHANGES_REQUESTED,
            decisions=[
                (lm, ok, at(31, 12, 5), org.manager),
                (dept, changes, at(3, 12), org.press),
            ],
        ),
        # HM Treasury: Tue 4 Jun 10:00 to noon, 2 h, and no second step.
        "d": post(
            org.treasury_author,
            hmt,
            submitted=at(4, 10),
            status=PostStatus.APPROVED,
            decisions=[(lm, ok, at(4, 12), org.treasury_manager)],
        ),
        # Expired on Thursday 6 June, never decided.
        "e": post(
            org.author,
            co,
            submitted=at(5, 9),
            status=PostStatus.EXPIRED,
            stage=lm,
            expired=at(6, 9),
        ),
        # Waiting for the line manager since Fri 31 May 09:00: Friday 15 h, Monday
        # to Thursday 96 h, Friday to noon 12 h = 123 h, over 5 working days.
        "f": post(org.author, co, submitted=at(31, 9, 5), status=PostStatus.SUBMITTED, stage=lm),
        # Line manager approved Wed 5 Jun 09:00 to Thu 6 Jun 18:00: Wednesday 15 h and
        # Thursday 18 h = 33 h. Waiting for the department since: Thursday 6 h and
        # Friday 12 h = 18 h, under a working day.
        "g": post(
            org.author,
            co,
            submitted=at(5, 9),
            status=PostStatus.SUBMITTED,
            stage=dept,
            decisions=[(lm, ok, at(6, 18), org.manager)],
        ),
        # Waiting for the line manager since Wed 5 Jun 06:00: 18 + 24 + 12 = 54 h.
        "h": post(org.author, co, submitted=at(5, 6), status=PostStatus.SUBMITTED, stage=lm),
    }
