"""Demo departments and people for `manage.py seed_demo`, their authority, cover,
sensitive periods and requests for advice (their posts are ``demo_posts``).

Every function here is idempotent: it converges on the same rows however
often it runs, and never resets a password that already exists.
"""

from datetime import datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from approvals.advice import services as advice
from approvals.authority import groups
from approvals.devdata.demo_posts import seed_held_post
from approvals.models import (
    AdviceAnswer,
    AdviceRequest,
    Authority,
    Delegation,
    Department,
    PeriodKind,
    SensitivePeriod,
    SignOffPolicy,
    StaffProfile,
)
from approvals.periods import services as periods

DEPARTMENTS = [
    # (slug, name, parent slug)
    ("cabinet-office", "Cabinet Office", None),
    ("hm-treasury", "HM Treasury", None),
    ("crown-commercial-service", "Crown Commercial Service", "cabinet-office"),
]

# username: (first, last, department slug, job title, line manager username, superuser)
PEOPLE = {
    "reader": ("Rhiannon", "Reader", "hm-treasury", "Policy adviser", None, False),
    "manager": ("Morgan", "Manager", "cabinet-office", "Head of Digital Engagement", None, False),
    "author": ("Alex", "Author", "cabinet-office", "Digital engagement officer", "manager", False),
    "deputy": (
        "Dana",
        "Deputy",
        "cabinet-office",
        "Deputy head of digital engagement",
        None,
        False,
    ),
    "press": ("Priya", "Press", "cabinet-office", "Senior press officer", None, False),
    "treasury-manager": ("Tom", "Treasury", "hm-treasury", "Head of communications", None, False),
    "editor": ("Eden", "Editor", "cabinet-office", "Guidance editor", None, False),
    "records": ("Rosa", "Records", "cabinet-office", "Departmental records officer", None, False),
    "admin": ("Ada", "Admin", "cabinet-office", "Portal administrator", None, True),
}


def seed_departments():
    by_slug = {}
    for slug, name, parent_slug in DEPARTMENTS:
        by_slug[slug], _ = Department.objects.update_or_create(
            slug=slug, defaults={"name": name, "parent": by_slug.get(parent_slug)}
        )
    return by_slug


def seed_people(*, password: str):
    User = get_user_model()
    departments = seed_departments()
    users = {}
    for username, (first, last, _, _, _, superuser) in PEOPLE.items():
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "first_name": first,
                "last_name": last,
                "email": f"{username}@portal.invalid",
                "is_staff": superuser,
                "is_superuser": superuser,
            },
        )
        if created:
            user.set_password(password)
            user.save(update_fields=["password"])
        users[username] = user
    for username, (_, _, dept_slug, job_title, manager, _) in PEOPLE.items():
        StaffProfile.objects.update_or_create(
            user=users[username],
            defaults={
                "department": departments[dept_slug],
                "job_title": job_title,
                "line_manager": users.get(manager),
            },
        )
    return users


def seed_powers(users):
    """Give the demo people their authority and the manager's cover."""
    departments = {d.slug: d for d in Department.objects.all()}
    cabinet_office, treasury = departments["cabinet-office"], departments["hm-treasury"]
    Department.objects.filter(pk=cabinet_office.pk).update(
        signoff_policy=SignOffPolicy.WHEN_FINDINGS, abbreviation="CO"
    )
    Department.objects.filter(pk=treasury.pk).update(
        signoff_policy=SignOffPolicy.ALWAYS, abbreviation="HMT"
    )
    grants = [
        (cabinet_office, Authority.APPROVE_POSTS, "press"),
        (treasury, Authority.APPROVE_POSTS, "treasury-manager"),
        (treasury, Authority.MANAGE_DELEGATIONS, "treasury-manager"),
        (cabinet_office, Authority.APPROVE_IN_SENSITIVE_PERIODS, "press"),
        (cabinet_office, Authority.VIEW_RECORDS, "records"),
    ]
    for department, authority, username in grants:
        groups.authority_group(department, authority).user_set.add(users[username])

    today = timezone.localdate()
    first = today.replace(day=1)
    last = (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    Delegation.objects.get_or_create(
        delegator=users["manager"],
        deputy=users["deputy"],
        starts_on=first,
        ends_on=last,
        defaults={"reason": "Annual leave"},
    )


def _london_minute(days: int) -> datetime:
    """00:01 London time, ``days`` from today: when such periods start."""
    day = timezone.localdate() + timedelta(days=days)
    return timezone.make_aware(datetime.combine(day, time(0, 1)))


def seed_periods(users):
    """A national mourning period that has ended, for the record, and a
    pre-election period to come for the Cabinet Office and its agencies, which
    holds a post approved before it was declared. Only when there are none yet."""
    if SensitivePeriod.objects.exists():
        return
    admin = users["admin"]
    cabinet_office = Department.objects.get(slug="cabinet-office")
    periods.declare(
        by=admin,
        name="National mourning",
        kind=PeriodKind.MOURNING,
        starts_at=_london_minute(-40),
        ends_at=_london_minute(-30),
        all_departments=True,
        departments=[],
        guidance="Only posts about the mourning period, from the approved lines, go out.",
    )
    starts = _london_minute(20)
    seed_held_post(users, publish_at=starts + timedelta(days=1, hours=10))
    periods.declare(
        by=admin,
        name="Pre-election period",
        kind=PeriodKind.PRE_ELECTION,
        starts_at=starts,
        ends_at=_london_minute(48),
        all_departments=False,
        departments=[cabinet_office],
        guidance="Government communication stops until the day after the election. Only "
        "essential posts go out: public safety, and services people rely on.",
    )


# (what the demo author asks about, where, the manager's answer or None to leave it waiting)
DEMO_ADVICE = [
    (
        "personal",
        "blog",
        "My own blog",
        "I would like to write about what I learned running our workshop on taking part "
        "online, without naming anyone who came.",
        (AdviceAnswer.GO_AHEAD, "Fine as you describe it. Say the views are your own."),
    ),
    (
        "official",
        "comment",
        "Digital government forum",
        "Someone asked on the forum how departments sign off posts; I would like to answer "
        "and link to our guidance.",
        None,
    ),
]


def seed_advice(users):
    """One request the manager has answered and one waiting. Only when the demo
    author has asked for none yet."""
    author = users["author"]
    if AdviceRequest.objects.filter(author=author).exists():
        return
    for capacity, channel, where, about, answered in DEMO_ADVICE:
        asked = advice.ask(
            author=author, capacity=capacity, channel=channel, where=where, about=about
        )
        if answered:
            answer, said = answered
            advice.answer(request_id=asked.pk, by=users["manager"], answer=answer, advice=said)
