from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from portal import views
from portal.forms import SignInForm

urlpatterns = [
    path("healthz/", views.healthz, name="healthz"),
    path(
        "accounts/login/",
        login_not_required(
            auth_views.LoginView.as_view(
                authentication_form=SignInForm, redirect_authenticated_user=True
            )
        ),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", include(wagtailadmin_urls)),
    path("", include("approvals.urls")),
    path("documents/", include(wagtaildocs_urls)),
    path("", include("guidance.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns.append(path("", include(wagtail_urls)))
