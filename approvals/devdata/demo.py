"""Demo departments and people for `manage.py seed_demo`.

Every function here is idempotent: it converges on the same rows however
often it runs, and never resets a password that already exists.
"""

from datetime import datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from approvals.advice import services as advice
from approvals.authority import groups
from approvals.devdata.images import attach_demo_images, attach_demo_thread_images
from approvals.models import (
    AdviceAnswer,
    AdviceRequest,
    Authority,
    Delegation,
    Department,
    Outcome,
    PeriodKind,
    Post,
    SensitivePeriod,
    SignOffPolicy,
    StaffProfile,
)
from approvals.periods import services as periods
from approvals.posts import services

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


DEMO_POSTS = [
    # (channel, account, text, what happens to it)
    (
        "x",
        "@cabinetofficeuk",
        "From the Cabinet Office: our new guidance on taking part online is live. "
        "Read the five principles at https://www.gov.uk/government/publications",
        "draft",
    ),
    (
        "linkedin",
        "Cabinet Office",
        "Cabinet Office digital engagement team: we are hosting an open session on "
        "participating online for civil servants next month.",
        "submitted",
    ),
    (
        "x",
        "@cabinetofficeuk",
        "We will fix every broken government form by Friday, we guarantee it. "
        "Questions? Call 020 7946 0000.",
        "second-step",
    ),
    (
        "blog",
        "Civil Service blog",
        "Cabinet Office: five things we learned about being responsive online.",
        "changes",
    ),
    (
        "linkedin",
        "Cabinet Office",
        "Cabinet Office: thank you to everyone who joined our session on the principles "
        "for participation online.",
        "approved",
    ),
    (
        "x",
        "@cabinetofficeuk",
        "Cabinet Office: the principles for participation online, one page, ready to print.",
        "published",
    ),
    (
        "facebook",
        "Cabinet Office",
        "I promise this is the last time we change the rules.",
        "rejected",
    ),
    (
        "instagram",
        "@cabinetoffice",
        "Cabinet Office: behind the scenes at our digital engagement workshop.",
        "withdrawn",
    ),
]


# A thread waiting for the line manager: each part a post of its own on X.
DEMO_THREAD = (
    "x",
    "@cabinetofficeuk",
    [
        "From the Cabinet Office: five principles for taking part online, one a day this week.",
        "1. Be credible: be accurate, fair, thorough and transparent.",
        "2. Be consistent: encourage constructive criticism and deliberation.",
        "3. Be responsive: when you gain insight, share it where appropriate.",
        "4. Be integrated and 5. be a civil servant. Read them all at "
        "https://www.gov.uk/government/publications #CivilService",
    ],
)


# The line manager's decision on the post of each fate that gets one, and why.
MANAGER_DECIDES = {
    "second-step": (Outcome.APPROVED, ""),
    "changes": (
        Outcome.CHANGES_REQUESTED,
        "Please say which team is speaking, and add a link to the guidance.",
    ),
    "rejected": (
        Outcome.REJECTED,
        "This commits the Government to something nobody has authorised.",
    ),
    "approved": (Outcome.APPROVED, ""),
    "published": (Outcome.APPROVED, ""),
}


def seed_posts(users):
    """A few posts in each state, made through the services so that their
    history is real. Only when the demo author has none yet."""
    author, manager = users["author"], users["manager"]
    if Post.objects.filter(author=author).exists():
        return
    for days, (channel, account, text, fate) in enumerate(DEMO_POSTS, start=3):
        post = services.save_draft(
            author=author,
            channel=channel,
            account=account,
            text=text,
            link="",
            publish_at=timezone.now() + timedelta(days=days),
        )
        attach_demo_images(post, fate)
        if fate == "draft":
            continue
        if fate == "withdrawn":
            services.withdraw_post(post_id=post.pk, author=author, reason="Event postponed.")
            continue
        post = services.submit_post(post_id=post.pk, author=author)
        if fate in MANAGER_DECIDES:
            outcome, reason = MANAGER_DECIDES[fate]
            services.decide(
                post_id=post.pk,
                version_id=post.current_version_id,
                user=manager,
                outcome=outcome,
                reason=reason,
            )
        if fate == "published":
            services.record_publication(
                post_id=post.pk, author=author, url="https://x.com/cabinetofficeuk/status/1"
            )
    channel, account, (text, *further_parts) = DEMO_THREAD
    thread = services.save_draft(
        author=author,
        channel=channel,
        account=account,
        text=text,
        further_parts=further_parts,
        link="",
        publish_at=timezone.now() + timedelta(days=len(DEMO_POSTS) + 3),
    )
    attach_demo_thread_images(thread)
    services.submit_post(post_id=thread.pk, author=author)


# Due inside the demo's coming pre-election period, approved before it was
# declared: declaring it holds this post.
HELD_DEMO_POST = (
    "linkedin",
    "Cabinet Office",
    "Cabinet Office: join our webinar on the principles for participation online.",
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
    admin, author = users["admin"], users["author"]
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
    channel, account, text = HELD_DEMO_POST
    post = services.save_draft(
        author=author,
        channel=channel,
        account=account,
        text=text,
        link="",
        publish_at=starts + timedelta(days=1, hours=10),
    )
    post = services.submit_post(post_id=post.pk, author=author)
    services.decide(
        post_id=post.pk,
        version_id=post.current_version_id,
        user=users["manager"],
        outcome=Outcome.APPROVED,
    )
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
