from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.admin.views.home import sprite as wagtailadmin_sprite
from wagtail.admin.views.i18n import localized_js_catalog
from wagtail.documents import urls as wagtaildocs_urls

from portal import views
from portal.sso import views as sso_views

# Without the database, the cache or the session: see portal.errors.
handler500 = "portal.errors.server_error"

urlpatterns = [
    path("healthz/", views.healthz, name="healthz"),
    path("readyz/", views.readyz, name="readyz"),
    path("accounts/login/", views.SignInView.as_view(), name="login"),
    path("accounts/logout/", views.SignOutView.as_view(), name="logout"),
    path("accounts/stay-signed-in/", views.stay_signed_in, name="stay_signed_in"),
    # Single sign-on; the names are the ones mozilla-django-oidc reverses.
    path(
        "accounts/sso/start/",
        sso_views.SignInWithOrganisation.as_view(),
        name="oidc_authentication_init",
    ),
    path("accounts/sso/leave/", sso_views.leave_provider, name="sso_leave_provider"),
    path(
        "accounts/sso/callback/",
        sso_views.ReturnFromOrganisation.as_view(),
        name="oidc_authentication_callback",
    ),
    path("accessibility/", views.accessibility_statement, name="accessibility"),
    # Wagtail's sign-in page loads its icons and translations before anyone has
    # signed in; sent to our sign-in page instead, it showed that page inside
    # its own. Wagtail leaves these open; LoginRequiredMiddleware does not.
    path("admin/sprite/", login_not_required(wagtailadmin_sprite), name="admin_sprite"),
    path("admin/jsi18n/", login_not_required(localized_js_catalog), name="admin_jsi18n"),
    # Out of the identity provider too, after single sign-on.
    path("admin/logout/", views.admin_sign_out),
    path("admin/", include(wagtailadmin_urls)),
    path("", include("approvals.urls")),
    path("documents/", include(wagtaildocs_urls)),
    path("", include("guidance.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns.append(path("", include(wagtail_urls)))
