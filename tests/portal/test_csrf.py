"""The header's CSRF tokens, masked by portal.csrf rather than by Django:
Django's middleware must take them as its own, and the mask must be as
unpredictable as Django's."""

import collections

import pytest
from django.conf import settings
from django.http import HttpResponse
from django.middleware.csrf import CSRF_ALLOWED_CHARS, CsrfViewMiddleware
from django.test import RequestFactory

from portal.csrf import masked_token

SECRET = "abcdefghijklmnopqrstuvwxyzABCDEF"


def request_with_secret(method="get", **data):
    request = getattr(RequestFactory(), method)("/accounts/logout/", data)
    request.COOKIES[settings.CSRF_COOKIE_NAME] = SECRET
    request._dont_enforce_csrf_checks = False
    CsrfViewMiddleware(lambda request: HttpResponse()).process_request(request)
    return request


def accepted(token) -> bool:
    request = request_with_secret("post", csrfmiddlewaretoken=token)
    refused = CsrfViewMiddleware(lambda request: HttpResponse()).process_view(
        request, lambda request: HttpResponse(), (), {}
    )
    return refused is None


def test_djangos_middleware_takes_the_token_and_refuses_it_altered():
    token = masked_token(request_with_secret())
    assert len(token) == 64 and set(token) <= set(CSRF_ALLOWED_CHARS)
    assert accepted(token)
    altered = token[:40] + ("a" if token[40] != "a" else "b") + token[41:]
    assert not accepted(altered)


def test_every_token_is_masked_afresh():
    request = request_with_secret()
    tokens = {masked_token(request) for _ in range(200)}
    assert len(tokens) == 200
    assert all(accepted(token) for token in list(tokens)[:20])


def test_without_a_secret_django_makes_one():
    request = RequestFactory().get("/")
    token = masked_token(request)
    assert len(request.META["CSRF_COOKIE"]) == 32
    assert len(token) == 64


@pytest.mark.parametrize("position", [0, 31])
def test_each_character_of_the_mask_is_equally_likely(position):
    """A mask taken as each random byte modulo 62 would favour eight
    characters by a quarter; dropping the high bytes does not."""
    request = request_with_secret()
    draws = 31_000
    counts = collections.Counter(masked_token(request)[position] for _ in range(draws))
    expected = draws / len(CSRF_ALLOWED_CHARS)
    chi_square = sum((counts[char] - expected) ** 2 / expected for char in CSRF_ALLOWED_CHARS)
    # 61 degrees of freedom: above 130 happens by chance about once in a
    # million runs; the modulo bias scores about 260.
    assert chi_square < 130
