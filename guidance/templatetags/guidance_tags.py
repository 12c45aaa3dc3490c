from django import template
from django.http import QueryDict
from django.template.loader import render_to_string
from govuk_frontend_django.components.breadcrumbs import BreadcrumbsItems, GovUKBreadcrumbs
from govuk_frontend_django.components.pagination import (
    GovUKPagination,
    PaginationItems,
    PaginationNext,
    PaginationPrevious,
)

from guidance import selectors
from portal.caching import generations, placeholders
from portal.caching.invalidation import CONFIRMATIONS

register = template.Library()

# A safety net only: every confirmation, and every new version, drops it.
CONFIRMATION_KEPT_SECONDS = 60 * 60


@register.simple_tag(takes_context=True)
def your_confirmation(context):
    """Whether the reader has confirmed the current principles: a placeholder,
    so that the rest of the home page is the same for everyone."""
    return placeholders.placeholder(context["request"], "your_confirmation")


@placeholders.filling("your_confirmation")
def your_confirmation_filling(request) -> str:
    user = request.user
    return generations.remember(
        CONFIRMATIONS,
        f"guidance:your-confirmation:{user.pk}",
        lambda: render_to_string(
            "guidance/includes/your_confirmation.html",
            {"acknowledgement": selectors.acknowledgement_status(user)},
        ),
        CONFIRMATION_KEPT_SECONDS,
    )


@register.simple_tag
def guidance_breadcrumbs(items):
    return GovUKBreadcrumbs(
        items=[BreadcrumbsItems(text=item["text"], href=item["href"]) for item in items]
    ).render()


def _page_href(query: str, number: int) -> str:
    params = QueryDict(mutable=True)
    params["q"] = query
    params["page"] = str(number)
    return f"?{params.urlencode()}"


@register.simple_tag
def search_pagination(page_obj, query):
    """GOV.UK pagination for search results; each link keeps the query."""
    if page_obj.paginator.num_pages < 2:
        return ""
    return GovUKPagination(
        previous=PaginationPrevious(href=_page_href(query, page_obj.previous_page_number()))
        if page_obj.has_previous()
        else None,
        next=PaginationNext(href=_page_href(query, page_obj.next_page_number()))
        if page_obj.has_next()
        else None,
        items=[
            PaginationItems(
                number=str(number),
                href=_page_href(query, number),
                current=number == page_obj.number,
            )
            for number in page_obj.paginator.page_range
        ],
        landmarkLabel="Search results pages",
    ).render()
