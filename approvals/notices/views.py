"""A person's notices: the list, newest first, and opening one, which marks it read."""

from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods

from approvals.notices import selectors, services
from approvals.refusals import not_allowed_as_404
from portal.query import whole_number

PAGE_SIZE = 25


@require_http_methods(["GET"])
def notice_list(request):
    page_number = max(whole_number(request.GET.get("page")) or 1, 1)
    page = Paginator(selectors.notices_of(request.user), PAGE_SIZE).get_page(page_number)
    return render(request, "approvals/notices/list.html", {"page": page})


@require_http_methods(["GET"])
def notice_open(request, pk):
    """The list links through here: the notice is read once opened."""
    with not_allowed_as_404():
        notice = services.open_notice(notice_id=pk, user=request.user)
    # Written by the portal, but a notice is only ever a way back into it.
    if not url_has_allowed_host_and_scheme(notice.url, allowed_hosts=None):
        return redirect("approvals:notices")
    return redirect(notice.url)
