"""The register, its exports and the audit trail's, and one post's whole record.

The site's register exports what the person may read by Wagtail's spreadsheet
export (``approvals.records.exports``), the same as the admin's reports, so a
records officer, who has no business in the Wagtail admin, exports from the
page they filter. A post or an export one may not read is a 404.
"""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.http import require_http_methods

from approvals import routing
from approvals.comments import views as comments
from approvals.models import Post
from approvals.posts import non_disclosure
from approvals.posts.filters import Asked
from approvals.posts.views import list_page
from approvals.records import kept, permissions, selectors, wording
from approvals.records.exports import AuditTrailExport, RegisterExport
from approvals.records.filters import RegisterFilter
from portal import navigation
from portal.query import whole_number

PAGE_SIZE = 25


@method_decorator(require_http_methods(["GET"]), name="dispatch")
class RegisterView(RegisterExport, View):
    def get(self, request):
        user = request.user
        asked = Asked(
            RegisterFilter,
            request.GET,
            lambda: RegisterFilter(request.GET, departments=kept.departments_for(user)),
        )
        if self.is_export:
            return self.as_spreadsheet(
                asked.found.apply(selectors.register(user)), request.GET["export"]
            )
        page_number = max(whole_number(request.GET.get("page")) or 1, 1)

        def render_body():
            found = asked.found
            posts = found.apply(selectors.register(user))
            page = Paginator(
                posts.prefetch_related(selectors.decisions_prefetched()), PAGE_SIZE
            ).get_page(page_number)
            query = found.query()
            return render_to_string(
                "approvals/records/register_body.html",
                {
                    "filter": found,
                    "page": page,
                    "rows": [
                        {"post": post, "decisions": wording.decisions(post)}
                        for post in page.object_list
                    ],
                    "query": query,
                    "keeps_records": permissions.keeps_records(user),
                    "export_query": f"{query}&" if query else "",
                },
            )

        return list_page(
            request,
            "approvals/records/register.html",
            asked,
            lambda kept_as: kept.page(user, kept_as, page_number, render_body),
        )


@method_decorator(require_http_methods(["GET"]), name="dispatch")
class AuditTrailView(AuditTrailExport, View):
    """The audit trail, as a spreadsheet only: its page is the register's."""

    def get(self, request):
        if not (self.is_export and permissions.keeps_records(request.user)):
            raise Http404
        return self.as_spreadsheet(selectors.audit_trail(request.user), request.GET["export"])


@require_http_methods(["GET"])
def record(request, pk):
    post = get_object_or_404(
        Post.objects.select_related("author", "department", "current_version"), pk=pk
    )
    if not permissions.may_read(request.user, post) or post.current_version_id is None:
        raise Http404
    keeper = request.user.is_superuser or post.department_id in permissions.departments(
        request.user
    )
    if post.author_id != request.user.pk:
        navigation.in_section(request, "approvals:register")
    return render(
        request,
        "approvals/records/record.html",
        {
            "post": post,
            **selectors.record(post),
            **comments.threads_context(request, post, None, withdrawn_words=keeper),
            # A department admin reads that an exception was asked, not why.
            "reasons_shown": non_disclosure.may_read_exception_reason(
                request.user,
                post,
                routing.route_of(post, line_manager=routing.active_line_manager(post.author_id)),
            ),
        },
    )
