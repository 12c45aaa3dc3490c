"""The post pages: an author's (writing), a post's own (post_page) and an approver's
(deciding), and what they share.
A refusal is a 404 so that nobody learns what a post they may not see contains, or that
it exists."""

from django.http import Http404

from approvals.posts import selectors

PAGE_SIZE = 25


def visible_post(request, pk):
    post, route = selectors.post_for_viewer(request.user, pk)
    if post is None:
        raise Http404
    return post, route
