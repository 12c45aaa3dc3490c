from django.conf import settings
from django.db import models
from django.utils import timezone

User = settings.AUTH_USER_MODEL

COMMENT_MAX = 2000


class Comment(models.Model):
    """What the author and the people who sign a post off say about one of its
    versions, optionally about a passage of it. Kept with the version for the
    record: changed only in the first minutes by the person who wrote it (the
    audit trail keeps each wording), and never deleted: a withdrawn comment
    keeps its text, shown only to its writer and kept in the audit trail."""

    version = models.ForeignKey(
        "approvals.PostVersion", on_delete=models.PROTECT, related_name="comments"
    )
    # Denormalised from the version: every page reads a post's comments at once.
    post = models.ForeignKey("approvals.Post", on_delete=models.PROTECT, related_name="comments")
    # One level of replies: a reply to a reply joins the thread of the first comment.
    reply_to = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="replies"
    )
    author = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    quote = models.TextField(blank=True, help_text="The passage of the version commented on.")
    text = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)
    edited_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["post", "created_at"], name="comments_of_post")]

    def __str__(self):
        return f"Comment {self.pk} by {self.author} on {self.version}"

    @property
    def withdrawn(self) -> bool:
        return self.withdrawn_at is not None
