from django.urls import path, re_path
from wagtail.urls import serve_pattern

from guidance import serving, views

app_name = "guidance"

urlpatterns = [
    path("search/", views.search_view, name="search"),
    path("acknowledgement/", views.acknowledgement_view, name="acknowledgement"),
    # Every Wagtail page, answered from the kept page where there is one;
    # Wagtail's own _util/ views are left to Wagtail's URLs.
    re_path(r"^(?!_util/)" + serve_pattern.removeprefix("^"), serving.serve, name="serve"),
]
