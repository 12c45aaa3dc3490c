from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_http_methods

from guidance import search, selectors, services
from guidance.forms import AcknowledgementForm

RESULTS_PER_PAGE = 10


@require_GET
def search_view(request):
    raw_query = request.GET.get("q", "")
    context = {"query": raw_query.strip(), "error": None, "results": None}
    try:
        query = search.clean_query(raw_query)
    except search.QueryError as error:
        context["error"] = str(error)
        return render(request, "guidance/search.html", context)
    context["query"] = query
    root = selectors.guidance_root()
    if query and root:
        paginator = Paginator(search.search_pages(query, root), RESULTS_PER_PAGE)
        context["results"] = paginator.get_page(request.GET.get("page"))
    return render(request, "guidance/search.html", context)


def _way_back(request) -> str:
    """Where the reader came from to confirm (a post they are submitting),
    when it is a page of this site."""
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    allowed = url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return wanted if allowed and wanted.startswith("/") else ""


@require_http_methods(["GET", "POST"])
def acknowledgement_view(request):
    status = selectors.acknowledgement_status(request.user)
    form = AcknowledgementForm(request.POST or None)
    way_back = _way_back(request)
    if request.method == "POST" and form.is_valid():
        try:
            services.acknowledge(user=request.user, version=form.cleaned_data["version"])
        except services.StaleVersionError:
            form.add_error(None, AcknowledgementForm.STALE_MESSAGE)
        else:
            messages.success(request, "Thank you. You have confirmed you read the principles.")
            return redirect(way_back or "/")
    root = selectors.guidance_root()
    return render(
        request,
        "guidance/acknowledgement.html",
        {
            "form": form,
            "status": status,
            "way_back": way_back,
            "principles": root.live_principles() if root else [],
        },
    )
