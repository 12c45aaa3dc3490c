"""What people see when a page is missing, refused or broken, with DEBUG off
as in production: the service's own pages, with a way on."""

import pytest
from django.test import Client, RequestFactory

from portal.errors import server_error
from tests.factories import UserFactory

pytestmark = pytest.mark.urls("tests.portal.failing_urls")


@pytest.fixture
def client(served_site):
    client = Client(enforce_csrf_checks=True, raise_request_exception=False)
    client.force_login(UserFactory(first_name="Rene", last_name="Reader"))
    return client


def test_a_missing_page_is_page_not_found_in_the_service_layout_with_the_way_on(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    page = response.content.decode()
    assert '<h1 class="govuk-heading-l">Page not found</h1>' in page
    assert "Rene Reader" in page, "the header of the signed-in layout"
    assert 'href="/"' in page and 'href="/posts/"' in page
    assert "may be one you cannot see" in page


def test_a_refused_page_says_so_in_the_service_layout(client):
    response = client.get("/refuse/")
    assert response.status_code == 403
    page = response.content.decode()
    assert "You cannot see this page" in page
    assert "ask your line manager" in page
    assert "Rene Reader" in page


def test_a_form_sent_without_its_token_leads_back_to_the_form(client):
    response = client.post("/posts/new/", {"text": "A post"})
    assert response.status_code == 403
    page = response.content.decode()
    assert "Your form could not be sent" in page
    assert 'href="/posts/new/"' in page
    assert "CSRF" not in page, "no jargon, and nothing of Django's own page"


def test_a_failure_is_sorry_there_is_a_problem_with_the_service(client):
    response = client.get("/fail/")
    assert response.status_code == 500
    page = response.content.decode()
    assert "Sorry, there is a problem with the service" in page
    assert "Participating online" in page
    assert "Rene Reader" not in page, "nothing read from the session"
    assert "The service failed" not in page, "nothing of the error itself"


def test_the_failure_page_reads_neither_database_nor_session():
    """No database access is allowed in this test: a query would raise."""
    request = RequestFactory().get("/anything/")
    response = server_error(request)
    assert response.status_code == 500
    assert b"Sorry, there is a problem with the service" in response.content
    assert not hasattr(request, "session")
