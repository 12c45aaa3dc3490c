"""The post pages: an author's (writing), a post's own (post_page) and an approver's
(deciding), and what they share.
A refusal is a 404 so that nobody learns what a post they may not see contains, or that
it exists."""

from collections.abc import Callable

from django.http import Http404

from approvals.posts import selectors
from approvals.posts.filters import Asked
from portal.caching import placeholders

PAGE_SIZE = 25


def visible_post(request, pk):
    post, route = selectors.post_for_viewer(request.user, pk)
    if post is None:
        raise Http404
    return post, route


def list_page(request, template_name: str, asked: Asked, body: Callable[[str | None], str]):
    """A list's page (an author's posts, the queue, the register) around its body,
    which ``body(kept_as)`` gives, kept under what the filters show or made
    afresh; the page says so when the filters refused a value."""
    return placeholders.render_kept(
        request,
        template_name,
        key=asked.refused,
        context={"refused": asked.refused},
        body=body(asked.kept_as()),
    )
