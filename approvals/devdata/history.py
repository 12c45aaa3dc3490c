"""The demo's history for `manage.py seed_demo`: a few months of finished
sign-off, for the reports to show on a fresh `make run`."""

import random
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from approvals.devdata.bulk_posts import create_posts
from approvals.models import (
    AuditAction,
    AuditEvent,
    Decision,
    DecisionAuthority,
    Department,
    Outcome,
    Post,
    PostStatus,
    Stage,
)
from approvals.posts import turnaround
from approvals.reminders import working_hours

# A few months of sign-off that has finished, for the reports to show: posts
# written by the demo author (Cabinet Office, signed off by their line manager
# and, for some, the press office) and by the Treasury's reader (signed off by
# its head of communications), submitted on working days over HISTORY_WEEKS.
HISTORY_WEEKS = 16
HISTORY_POSTS = 140
HISTORY_SEED = 16
HISTORY_ACCOUNTS = {"cabinet-office": "@cabinetofficeuk", "hm-treasury": "@hmtreasury"}
HISTORY_TOPICS = [
    "our guidance on taking part online",
    "the spending review timetable",
    "this week's open data release",
    "the apprenticeships fair",
    "new procurement rules for small firms",
    "the civil service careers week",
    "our response to the consultation",
    "the public appointments round",
]


def _working_moment(rng: random.Random, day: date) -> datetime:
    """A moment in office hours on ``day``, or the next working day."""
    return timezone.make_aware(
        datetime.combine(
            working_hours.working_day_from(day),
            time(rng.randint(8, 16), rng.choice((0, 15, 30, 45))),
        )
    )


def _after(rng: random.Random, moment: datetime) -> datetime:
    """When a step decides, after waiting from ``moment``: mostly within a working
    day, sometimes a few, now and then much longer."""
    hours = rng.choice((0.5, 1, 2, 3, 4, 6, 20, 24, 26, 44, 50, 70, 96, 140))
    return moment + timedelta(hours=hours * rng.uniform(0.8, 1.2))


def _history_rows(rng: random.Random, users, departments, now: datetime):
    """Each post of the history as its rows: the post, its version's times, and its
    events (stage, outcome or audit action, when, by whom)."""
    today = timezone.localdate()
    for n in range(HISTORY_POSTS):
        in_treasury = n % 3 == 2
        slug = "hm-treasury" if in_treasury else "cabinet-office"
        author = users["reader"] if in_treasury else users["author"]
        submitted = _working_moment(rng, today - timedelta(days=rng.randint(2, HISTORY_WEEKS * 7)))
        steps = [(Stage.DEPARTMENT, users["treasury-manager"])]
        if not in_treasury:
            steps = [(Stage.LINE_MANAGER, users["manager"])]
            if n % 4 == 0:  # the checks found something: the press office signs off too
                steps.append((Stage.DEPARTMENT, users["press"]))
        events, moment, fate = [], submitted, PostStatus.PUBLISHED
        roll = rng.random()
        if roll < 0.08:
            fate = PostStatus.EXPIRED
            events.append((None, AuditAction.EXPIRED, submitted + timedelta(days=1), None))
        else:
            for stage, person in steps:
                moment = _after(rng, moment)
                outcome = Outcome.APPROVED
                if roll > 0.92:
                    outcome, fate = Outcome.REJECTED, PostStatus.REJECTED
                elif roll > 0.84:
                    outcome, fate = Outcome.CHANGES_REQUESTED, PostStatus.WITHDRAWN
                events.append((stage, outcome, moment, person))
                if outcome != Outcome.APPROVED:
                    break
        last = max(when for _, _, when, _ in events)
        if last >= now:
            continue
        post = Post(
            author=author,
            department=departments[slug],
            disclosed_position=author.staff_profile.disclosed_position,
            channel=rng.choice(("x", "linkedin", "facebook", "blog")),
            account=HISTORY_ACCOUNTS[slug],
            text=f"{departments[slug].name}: {HISTORY_TOPICS[n % len(HISTORY_TOPICS)]} "
            f"(update {n + 1}).",
            # An expired post was due when it expired; the others went out a day after.
            publish_at=last if fate == PostStatus.EXPIRED else last + timedelta(days=1),
            status=fate,
            stage=steps[0][0] if fate == PostStatus.EXPIRED else "",
            submitted_at=submitted,
        )
        if fate == PostStatus.PUBLISHED:
            post.published_at = post.publish_at
            post.published_url = f"https://x.com/{HISTORY_ACCOUNTS[slug].lstrip('@')}/status/{n}"
        yield post, submitted, events


def seed_history(users, *, now: datetime | None = None):
    """Decided, expired and published posts over the last HISTORY_WEEKS weeks, with
    their versions, decisions (each with the working hours it waited) and audit
    trail, inserted in bulk. Only when there is no history yet."""
    if Post.objects.filter(account="@hmtreasury").exists():
        return
    now = now or timezone.now()
    rng = random.Random(HISTORY_SEED)  # noqa: S311 - reproducible demo data, not secrets
    departments = {d.slug: d for d in Department.objects.filter(slug__in=HISTORY_ACCOUNTS)}
    rows = list(_history_rows(rng, users, departments, now))
    posts = create_posts([post for post, _, _ in rows])
    decisions, events = [], []
    for post, (_, submitted, steps) in zip(posts, rows, strict=True):
        version = post.current_version
        events.append(
            AuditEvent(
                created_at=submitted,
                actor=post.author,
                action=AuditAction.SUBMITTED,
                post=post,
                version=version,
            )
        )
        earlier: list[Decision] = []
        decided = [step for step in steps if step[0] is not None]
        for stage, outcome, when, person in steps:
            if stage is None:
                events.append(
                    AuditEvent(created_at=when, action=outcome, post=post, version=version)
                )
                continue
            decision = Decision(
                version=version,
                stage=stage,
                outcome=outcome,
                decided_by=person,
                # Each step's usual person decides it: the author's line manager or
                # a department approver, so the register says under which authority.
                authority=DecisionAuthority(stage),
                reason="" if outcome == Outcome.APPROVED else "Not in this form, please.",
                created_at=when,
                **turnaround.kept(
                    turnaround.waited(version, earlier, decided_at=when),
                    ends_sign_off=outcome != Outcome.APPROVED or len(earlier) + 1 == len(decided),
                ),
            )
            earlier.append(decision)
            decisions.append(decision)
            events.append(
                AuditEvent(
                    created_at=when,
                    actor=person,
                    action=AuditAction(outcome),
                    post=post,
                    version=version,
                    comment=decision.reason,
                )
            )
        last = max(when for _, _, when, _ in steps)
        if post.status == PostStatus.PUBLISHED:
            events.append(
                AuditEvent(
                    created_at=post.published_at,
                    actor=post.author,
                    action=AuditAction.PUBLISHED,
                    post=post,
                    version=version,
                    comment=post.published_url,
                )
            )
        elif post.status == PostStatus.WITHDRAWN:
            events.append(
                AuditEvent(
                    created_at=last + timedelta(hours=2),
                    actor=post.author,
                    action=AuditAction.WITHDRAWN,
                    post=post,
                    version=version,
                    comment="Overtaken by events.",
                )
            )
    Decision.objects.bulk_create(decisions)
    AuditEvent.objects.bulk_create(events)
    # As the posts were last changed, not as they were inserted.
    for post, (_, _, steps) in zip(posts, rows, strict=True):
        post.updated_at = max(when for _, _, when, _ in steps)
    Post.objects.bulk_update(posts, ["updated_at"])
