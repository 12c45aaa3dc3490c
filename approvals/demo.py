"""Demo departments and people for `manage.py seed_demo`.

Every function here is idempotent: it converges on the same rows however
often it runs, and never resets a password that already exists.
"""

from django.contrib.auth import get_user_model

from approvals.models import Department, StaffProfile

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
