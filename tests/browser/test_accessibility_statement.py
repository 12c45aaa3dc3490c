import pytest
from playwright.sync_api import expect

from tests.browser.axe import assert_accessible
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

SECTIONS = [
    "How accessible this service is",
    "Feedback and contact information",
    "Reporting accessibility problems with this service",
    "Enforcement procedure",
    "Technical information about this service's accessibility",
    "Non-accessible content",
    "What we're doing to improve accessibility",
    "Preparation of this accessibility statement",
]


def test_the_statement_is_reached_from_the_footer_signed_out_by_keyboard(page, live_server):
    page.goto(f"{live_server.url}/accounts/login/")
    link = page.get_by_role("contentinfo").get_by_role("link", name="Accessibility statement")
    link.focus()
    page.keyboard.press("Enter")
    expect(
        page.get_by_role(
            "heading", level=1, name="Accessibility statement for Participating online"
        )
    ).to_be_visible()
    assert page.url == f"{live_server.url}/accessibility/"
    for section in SECTIONS:
        expect(page.get_by_role("heading", level=2, name=section)).to_be_visible()
    main = page.get_by_role("main")
    expect(main).to_contain_text("Web Content Accessibility Guidelines version 2.2")
    expect(main).to_contain_text("Equality and Human Rights Commission (EHRC)")
    expect(main).to_contain_text("Equality Commission for Northern Ireland (ECNI)")
    expect(main).to_contain_text("This statement was prepared on 22 November 2026")
    expect(main).to_contain_text("axe-core")
    assert_accessible(page)


def test_the_statement_is_accessible_signed_in(page, sign_in):
    UserFactory(username="alex")
    sign_in("alex", next_path="/accessibility/")
    expect(page.get_by_text("Signed in as")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Accessibility statement")
    assert_accessible(page)
