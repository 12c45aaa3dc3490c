"""A signed-in reader finds every source passage from the home page."""

import re

import pytest
from django.urls import reverse

from guidance import sources
from guidance.models import PrinciplePage
from tests.guidance.conftest import text_of

pytestmark = pytest.mark.django_db

OGL = "Open Government Licence v3.0"


def linked_paths(response):
    return set(re.findall(r'href="(/[^"#?]*)"', response.content.decode()))


def test_every_guidance_page_needs_a_signed_in_user(client, home):
    for path in ["/", "/be-credible/", "/civil-service-code-online/", "/card/", "/search/?q=libel"]:
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith(reverse("login")), path


def test_every_source_passage_is_on_the_home_page_or_one_click_from_it(reader_client, home):
    home_page = reader_client.get("/")
    texts = [text_of(home_page)]
    for path in linked_paths(home_page) - {"/admin/", "/accounts/logout/"}:
        response = reader_client.get(path)
        if response.status_code == 200:
            texts.append(text_of(response))
    everything = " ".join(texts)
    source = sources.load()
    passages = [
        source.introduction_2009,
        source.code_heading,
        *source.code_paragraphs,
        f"{source.code_link_text} {source.code_url}",
        source.guidance_title,
        source.guidance_strapline,
    ]
    for principle in source.principles:
        passages += [principle.title, principle.statement]
    missing = [passage for passage in passages if passage not in everything]
    assert not missing


def test_the_home_page_lists_each_principle_with_its_statement_in_order(reader_client, home):
    text = text_of(reader_client.get("/"))
    positions = [
        text.index(f"{p.number}. {p.title} {p.statement}") for p in sources.load().principles
    ]
    assert positions == sorted(positions)


def test_a_principle_has_its_own_page_with_its_number_statement_and_credit(reader_client, home):
    response = reader_client.get("/be-a-civil-servant/")
    assert response.status_code == 200
    text = text_of(response)
    assert "Principle 5 Be a civil servant" in text
    assert "Remember that you are an ambassador for your organisation." in text
    assert OGL in text and "Crown copyright" in text


def test_the_code_page_carries_every_paragraph_and_credits_the_source(reader_client, home):
    text = text_of(reader_client.get("/civil-service-code-online/"))
    for paragraph in sources.load().code_paragraphs:
        assert paragraph in text
    assert OGL in text


def test_a_draft_change_is_not_shown_to_readers_until_it_is_published(reader_client, home):
    principle = PrinciplePage.objects.child_of(home).get(number=1)
    principle.statement = "A draft nobody has approved."
    principle.save_revision()
    assert "A draft nobody has approved." not in text_of(reader_client.get("/be-credible/"))
    principle.get_latest_revision().publish()
    assert "A draft nobody has approved." in text_of(reader_client.get("/be-credible/"))


def test_an_unpublished_page_is_not_found(reader_client, home):
    PrinciplePage.objects.child_of(home).get(number=4).unpublish()
    assert reader_client.get("/be-integrated/").status_code == 404
    assert "Be integrated" not in text_of(reader_client.get("/"))
