"""The e-mails a sensitive period sends: one to each person whose posts, or
whose sign-offs, it held, and one when a held post is released."""

from collections import defaultdict

from django.contrib.auth import get_user_model
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from approvals.mail.notifications import post_link, to_author
from approvals.mail.outbox import kick_relay, queue_email
from approvals.models import OutboxMessage, Post


def tell_held(period, rows, concerned: dict[int, frozenset[int]]) -> None:
    """One e-mail per person: the held posts they wrote, and the ones they were
    signing off or had signed off. Two queries, however many posts and people."""
    own: defaultdict[int, list] = defaultdict(list)
    theirs: defaultdict[int, list] = defaultdict(list)
    for row in rows:
        item = {
            "when": timezone.localtime(row["publish_at"]),
            "channel": row["channel"],
            "account": row["account"],
            "link": post_link(row["pk"]),
        }
        own[row["author_id"]].append(item)
        for person in concerned.get(row["pk"], ()):
            if person != row["author_id"]:
                theirs[person].append(item)
    people = (
        get_user_model()
        .objects.filter(pk__in=set(own) | set(theirs), is_active=True)
        .exclude(email="")
        .only("pk", "email", "first_name", "last_name", "username")
    )
    run = timezone.now().strftime("%Y%m%d%H%M%S%f")
    messages = [
        OutboxMessage(
            key=f"held:{period.pk}:{run}:{person.pk}",
            to=person.email,
            subject=f"Official posts held: {period.name}",
            body=render_to_string(
                "approvals/email/held.txt",
                {
                    "person": person,
                    "period": period,
                    "own": sorted(own[person.pk], key=lambda item: item["when"]),
                    "theirs": sorted(theirs[person.pk], key=lambda item: item["when"]),
                },
            ),
        )
        for person in people
    ]
    if messages:
        OutboxMessage.objects.bulk_create(messages, ignore_conflicts=True)
        transaction.on_commit(kick_relay)


def tell_released(post: Post, *, by, reason: str) -> None:
    if not post.author.email:
        return
    queue_email(
        **to_author(
            post,
            key=f"released:{post.pk}:{post.current_version_id}",
            subject="Your held post has been released as essential",
            template="approvals/email/released.txt",
            by=by,
            reason=reason,
            link=post_link(post.pk),
        )
    )
