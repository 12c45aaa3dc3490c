from django.conf import settings
from django.contrib.auth import views as auth_views
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from portal import auth, views

urlpatterns = [
    path("healthz/", views.healthz, name="healthz"),
    path("accounts/login/", views.SignInView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/stay-signed-in/", views.stay_signed_in, name="stay_signed_in"),
    # Single sign-on; the names are the ones mozilla-django-oidc reverses.
    path(
        "accounts/sso/start/",
        auth.SignInWithOrganisation.as_view(),
        name="oidc_authentication_init",
    ),
    path(
        "accounts/sso/callback/",
        auth.ReturnFromOrganisation.as_view(),
        name="oidc_authentication_callback",
    ),
    path("accessibility/", views.accessibility_statement, name="accessibility"),
    path("admin/", include(wagtailadmin_urls)),
    path("", include("approvals.urls")),
    path("documents/", include(wagtaildocs_urls)),
    path("", include("guidance.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns.append(path("", include(wagtail_urls)))
