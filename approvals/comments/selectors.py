"""What the comment pages read."""

from dataclasses import dataclass, field

from approvals.models import Comment, Post


@dataclass
class Thread:
    comment: Comment
    replies: list[Comment] = field(default_factory=list)


def threads_on(post: Post) -> list[Thread]:
    """The post's comments as threads, oldest first: one query."""
    comments = list(
        Comment.objects.filter(post=post)
        .select_related("author", "version")
        .order_by("created_at", "pk")
    )
    threads: dict[int, Thread] = {}
    for comment in comments:
        if comment.reply_to_id is None:
            threads[comment.pk] = Thread(comment)
        elif comment.reply_to_id in threads:
            threads[comment.reply_to_id].replies.append(comment)
    return list(threads.values())


def comment_on(post: Post, comment_id: int) -> Comment | None:
    """One of the post's comments, with the version it is on."""
    return Comment.objects.filter(post=post, pk=comment_id).select_related("version").first()


def post_of_comment(comment_id: int) -> int | None:
    return Comment.objects.filter(pk=comment_id).values_list("post_id", flat=True).first()
