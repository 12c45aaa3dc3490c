"""The demo author's posts for `manage.py seed_demo`: a few in each state, a thread, and
the post a sensitive period holds, all made through the services so that their history is
real."""

from datetime import datetime, timedelta

from django.utils import timezone

from approvals.devdata.images import attach_demo_images, attach_demo_thread_images
from approvals.models import Outcome, Post
from approvals.posts import deciding, services


def _draft(author, channel, account, text, *, publish_at: datetime, further_parts=()) -> Post:
    return services.save_draft(
        author=author,
        channel=channel,
        account=account,
        text=text,
        further_parts=further_parts,
        link="",
        publish_at=publish_at,
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
        post = _draft(
            author, channel, account, text, publish_at=timezone.now() + timedelta(days=days)
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
            deciding.decide(
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
    thread = _draft(
        author,
        channel,
        account,
        text,
        further_parts=further_parts,
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


def seed_held_post(users, *, publish_at: datetime) -> None:
    """``HELD_DEMO_POST``, approved by the demo manager before the period that holds it is
    declared."""
    channel, account, text = HELD_DEMO_POST
    post = _draft(users["author"], channel, account, text, publish_at=publish_at)
    post = services.submit_post(post_id=post.pk, author=users["author"])
    deciding.decide(
        post_id=post.pk,
        version_id=post.current_version_id,
        user=users["manager"],
        outcome=Outcome.APPROVED,
    )
