"""Search over the live guidance: what a reader types, and what comes back."""

import pytest
from wagtail.models import Page

from guidance.models import GuidancePage, PrinciplePage
from tests.guidance.conftest import text_of

pytestmark = pytest.mark.django_db


def search(client, query, **params):
    response = client.get("/search/", {"q": query, **params})
    assert response.status_code == 200
    return response


def add_guidance(parent, title, text):
    page = GuidancePage(title=title, introduction=text)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def test_libel_finds_the_code_page_with_a_snippet_and_its_place(reader_client, home):
    html = search(reader_client, "libel").content.decode()
    assert "1 result for “libel”" in html
    assert 'href="/civil-service-code-online/"' in html
    assert "How the Civil Service Code applies to online participation" in html
    assert "be aware that <mark>libel</mark>, defamation, copyright" in html
    assert '<span class="govuk-visually-hidden">In: </span>Home</p>' in html


def test_words_are_stemmed_so_disclosing_finds_disclose(reader_client, home):
    text = text_of(search(reader_client, "disclosing"))
    assert "Be a civil servant" in text
    assert "How the Civil Service Code applies to online participation" in text


def test_an_empty_search_explains_what_to_type(reader_client, home):
    for query in ["", "   ", "\x00\x07"]:
        text = text_of(search(reader_client, query))
        assert "Enter a word or phrase to search the principles" in text
        assert "No guidance matches" not in text
        assert " results for " not in text


@pytest.mark.parametrize(
    "query",
    ["!!!", "%%%", "' OR 1=1 --", ":*", "&|!()", "🙂", "zzqxj", "AND OR NOT"],
)
def test_junk_gets_a_helpful_page_not_an_error(reader_client, home, query):
    text = text_of(search(reader_client, query))
    assert "No guidance matches your search" in text
    assert "check the spelling" in text


def test_a_search_that_is_too_long_is_explained_on_the_same_page(reader_client, home):
    response = search(reader_client, "libel " * 40)
    html = response.content.decode()
    assert "govuk-error-summary" in html
    assert "Enter 200 characters or fewer" in html
    assert "<title>Error:" in html
    assert 'aria-describedby="search-error"' in html


def test_the_query_is_shown_back_escaped(reader_client, home):
    html = search(reader_client, "<script>alert(1)</script>").content.decode()
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_drafts_and_unpublished_pages_are_not_found(reader_client, home):
    principle = PrinciplePage.objects.child_of(home).get(number=3)
    principle.statement = "Share insight about quokkas where appropriate."
    principle.save_revision()
    assert "No guidance matches" in text_of(search(reader_client, "quokkas"))
    principle.get_latest_revision().publish()
    assert "Be responsive" in text_of(search(reader_client, "quokkas"))
    principle.unpublish()
    assert "No guidance matches" in text_of(search(reader_client, "quokkas"))


def test_a_nested_page_shows_its_place_in_the_guidance(reader_client, home):
    about = GuidancePage.objects.child_of(home).get()
    add_guidance(about, "Blogging", "How to blog about wombats.")
    html = search(reader_client, "wombats").content.decode()
    assert "Home \N{SINGLE RIGHT-POINTING ANGLE QUOTATION MARK} About this guidance" in html


def test_many_results_are_paged_and_each_page_keeps_the_query(reader_client, home):
    for number in range(12):
        add_guidance(home, f"Numbat note {number}", "Numbats online.")
    first = search(reader_client, "numbats").content.decode()
    assert "12 results for “numbats”" in first
    assert first.count('class="guidance-result"') == 10
    assert 'href="?q=numbats&amp;page=2"' in first
    second = search(reader_client, "numbats", page="2").content.decode()
    assert second.count('class="guidance-result"') == 2
    for junk_page in ["99", "-1", "two"]:
        assert search(reader_client, "numbats", page=junk_page).status_code == 200


def test_only_the_sites_pages_are_searched(reader_client, home):
    stray = Page(title="Stray wombats elsewhere", slug="stray")
    Page.get_first_root_node().add_child(instance=stray)
    stray.save_revision().publish()
    assert "Stray wombats" not in text_of(search(reader_client, "wombats"))
