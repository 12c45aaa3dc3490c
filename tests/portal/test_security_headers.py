"""The headers that keep pages from being framed, scripted or cached."""

import json

import pytest
from csp.decorators import csp_update
from csp.exceptions import CSPNonceError
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse

from portal.middleware import ContentSecurityPolicyMiddleware, NoStoreForSignedInMiddleware
from tests.factories import UserFactory
from tests.portal.test_settings import run_with_production_settings

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("served_site")]


def policy(response):
    directives = {}
    for part in response["Content-Security-Policy"].split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


def test_site_pages_carry_the_strict_content_security_policy(client):
    csp = policy(client.get(reverse("login")))
    assert csp["default-src"] == ["'self'"]
    assert csp["script-src"] == ["'self'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["base-uri"] == ["'self'"]
    assert csp["form-action"] == ["'self'"]
    assert csp["img-src"] == ["'self'", "data:"]
    assert "style-src" not in csp


def test_signed_in_pages_carry_it_too(client):
    client.force_login(UserFactory())
    csp = policy(client.get("/"))
    assert csp["script-src"] == ["'self'"]
    assert csp["frame-ancestors"] == ["'none'"]


def test_the_admin_has_its_own_policy_and_may_frame_only_itself(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    response = client.get("/admin/")
    assert response.status_code == 200
    csp = policy(response)
    assert csp["frame-ancestors"] == ["'self'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["form-action"] == ["'self'"]
    assert "'unsafe-eval'" not in csp["script-src"]


def test_with_single_sign_on_forms_may_lead_to_the_provider(client, settings):
    # Signing out is a form whose answer goes on to the provider's end of
    # session, and browsers hold a form's redirects to form-action.
    settings.OIDC_RP_CLIENT_ID = "participating-online"
    settings.OIDC_OP_ISSUER = "https://sso.example.gov.uk:8443/realms/staff/"
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    for path in ["/", "/admin/"]:
        form_action = policy(client.get(path))["form-action"]
        assert form_action == ["'self'", "https://sso.example.gov.uk:8443"], path


def through_policy(view, path="/"):
    request = RequestFactory().get(path)
    return ContentSecurityPolicyMiddleware(view)(request)


def test_a_page_that_uses_the_nonce_gets_it_in_its_policy():
    nonces = []

    def page(request):
        nonces.append(str(request.csp_nonce))
        return HttpResponse(f'<script nonce="{nonces[0]}"></script>')

    csp = policy(through_policy(page))
    assert csp["script-src"] == ["'self'", f"'nonce-{nonces[0]}'"]
    # The next page that asks for none is not given the last one's.
    assert policy(through_policy(lambda request: HttpResponse()))["script-src"] == ["'self'"]


def test_a_view_with_a_policy_of_its_own_keeps_it():
    @csp_update({"img-src": "https://images.example.gov.uk"})
    def page(request):
        return HttpResponse()

    assert policy(through_policy(page))["img-src"] == [
        "'self'",
        "data:",
        "https://images.example.gov.uk",
    ]


def test_the_nonce_cannot_be_asked_for_once_the_policy_is_sent():
    request = RequestFactory().get("/")
    ContentSecurityPolicyMiddleware(lambda request: HttpResponse())(request)
    with pytest.raises(CSPNonceError):
        str(request.csp_nonce)


def test_signed_in_pages_are_not_stored_by_browsers_or_proxies(client):
    client.force_login(UserFactory())
    for path in ["/", reverse("accessibility")]:
        response = client.get(path)
        assert response.status_code == 200, path
        assert "no-store" in response["Cache-Control"], path


def test_a_signed_out_page_is_left_to_its_own_caching(client):
    response = client.get(reverse("accessibility"))
    assert response.status_code == 200
    assert not response.has_header("Cache-Control")


def test_a_view_that_chose_its_caching_keeps_it():
    request = RequestFactory().get("/")
    request.user = UserFactory()
    chosen = HttpResponse()
    chosen["Cache-Control"] = "private, max-age=60"
    response = NoStoreForSignedInMiddleware(lambda request: chosen)(request)
    assert response["Cache-Control"] == "private, max-age=60"


def test_production_reads_the_client_address_from_behind_one_load_balancer():
    script = (
        "import django, json; django.setup(); from django.conf import settings as s;"
        "print(json.dumps({k: getattr(s, k, None) for k in ["
        "'AXES_IPWARE_META_PRECEDENCE_ORDER','AXES_IPWARE_PROXY_COUNT','IPWARE_STRICT',"
        "'SECURE_REFERRER_POLICY','SECURE_CROSS_ORIGIN_OPENER_POLICY','CSRF_COOKIE_NAME',"
        "'SESSION_COOKIE_HTTPONLY','SECURE_HSTS_INCLUDE_SUBDOMAINS']}))"
    )
    result = run_with_production_settings("-c", script)
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout.splitlines()[-1])
    assert values["AXES_IPWARE_META_PRECEDENCE_ORDER"][0] == "HTTP_X_FORWARDED_FOR"
    assert values["AXES_IPWARE_PROXY_COUNT"] == 0
    assert values["IPWARE_STRICT"] is False
    assert values["SECURE_REFERRER_POLICY"] == "same-origin"
    assert values["SECURE_CROSS_ORIGIN_OPENER_POLICY"] == "same-origin"
    assert values["CSRF_COOKIE_NAME"].startswith("__Host-")
    assert values["SESSION_COOKIE_HTTPONLY"] is True
    assert values["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True


def test_a_changed_policy_is_sent_from_the_next_response(settings):
    through_policy(lambda request: HttpResponse())  # the policy in use, built once
    settings.CONTENT_SECURITY_POLICY = {"DIRECTIVES": {"default-src": ["'none'"]}}
    assert policy(through_policy(lambda request: HttpResponse())) == {"default-src": ["'none'"]}
