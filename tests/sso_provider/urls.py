from django.contrib.auth.views import LoginView, LogoutView
from django.urls import include, path

from tests.sso_provider import views

urlpatterns = [
    path("openid/", include("oidc_provider.urls", namespace="oidc_provider")),
    path("login/", LoginView.as_view(template_name="provider_login.html"), name="login"),
    path("logout/", LogoutView.as_view(), name="logout"),
    path("harness/<str:action>/", views.harness),
]
