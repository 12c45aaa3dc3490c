"""The layout every page shares: the header is kept once rendered, but what
belongs to the request (the sign-out form's token) and to the person is never
served to anyone else."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from guidance.seeding import seed_guidance
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'action="/accounts/logout/".*?name="csrfmiddlewaretoken" value="([^"]+)"', re.S)


@pytest.fixture
def signed_in():
    seed_guidance()

    def _client(**names):
        client = Client(enforce_csrf_checks=True)
        client.force_login(UserFactory(**names))
        return client

    return _client


def test_each_page_carries_a_sign_out_token_of_its_own_that_signs_out(signed_in):
    client = signed_in(first_name="Alex", last_name="Author")
    first = TOKEN.search(client.get("/be-credible/").content.decode()).group(1)
    second = TOKEN.search(client.get("/be-credible/").content.decode()).group(1)
    assert first != second
    response = client.post(reverse("logout"), {"csrfmiddlewaretoken": second})
    assert response.status_code == 302
    assert client.get("/be-credible/").status_code == 302


def test_the_header_names_whoever_is_signed_in_escaped(signed_in):
    alex = signed_in(first_name="Alex", last_name="Author").get("/be-credible/")
    sam = signed_in(first_name="<Sam>", last_name="Reader").get("/be-credible/")
    assert "Signed in as <strong>Alex Author</strong>" in alex.content.decode()
    assert "Signed in as <strong>&lt;Sam&gt; Reader</strong>" in sam.content.decode()
    assert "Alex Author" not in sam.content.decode()


def test_the_footer_credits_the_source_on_every_page(signed_in):
    client = signed_in()
    for path in ["/", "/be-credible/", reverse("approvals:posts")]:
        html = client.get(path).content.decode()
        assert "Open Government Licence v3.0" in html, path
        assert f'href="{reverse("accessibility")}"' in html, path
