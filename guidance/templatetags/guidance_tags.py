from django import template
from django.http import QueryDict
from govuk_frontend_django.components.breadcrumbs import BreadcrumbsItems, GovUKBreadcrumbs
from govuk_frontend_django.components.pagination import (
    GovUKPagination,
    PaginationItems,
    PaginationNext,
    PaginationPrevious,
)

register = template.Library()


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
