"""What the notices pages read: each a fixed number of queries."""

from django.db.models import QuerySet

from approvals.models import Notice


def unread_count(user) -> int:
    return Notice.objects.filter(recipient=user, read_at__isnull=True).count()


def notices_of(user) -> QuerySet[Notice]:
    """Newest first; the page shows what each says, so nothing is joined."""
    return Notice.objects.filter(recipient=user).order_by("-created_at", "-pk")
