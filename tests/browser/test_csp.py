"""Pages load under their content security policy without anything being refused."""

import pytest
from playwright.sync_api import expect
from wagtail.models import Locale, Page, Site

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

RECORD_VIOLATIONS = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.cspViolations.push(event.violatedDirective + " " + event.blockedURI);
});
"""


@pytest.fixture
def refused(page):
    """What the browser refused under the policy, from events and from the console."""
    console = []
    page.add_init_script(RECORD_VIOLATIONS)
    page.on(
        "console",
        lambda message: (
            console.append(message.text)
            if "Content Security Policy" in message.text or message.text.startswith("Refused to")
            else None
        ),
    )

    def _refused():
        return console + page.evaluate("window.cspViolations")

    return _refused


def visit(page, url):
    page.goto(url)
    page.wait_for_load_state("networkidle")


def test_site_pages_load_with_nothing_refused(page, live_server, sign_in, refused):
    visit(page, f"{live_server.url}/accounts/login/")
    assert not refused()
    visit(page, f"{live_server.url}/accessibility/")
    assert not refused()
    UserFactory(username="alex")
    sign_in("alex", next_path="/accessibility/")
    expect(page.get_by_text("Signed in as")).to_be_visible()
    page.wait_for_load_state("networkidle")
    assert not refused()
    # The site's scripts ran: GOV.UK Frontend marks the body once it starts.
    assert "govuk-frontend-supported" in page.locator("body").get_attribute("class")


def test_a_script_injected_into_a_page_does_not_run(page, live_server, refused):
    visit(page, f"{live_server.url}/accounts/login/")
    page.evaluate(
        """() => {
          const script = document.createElement("script");
          script.textContent = "window.injected = true";
          document.body.append(script);
        }"""
    )
    assert page.evaluate("window.injected") is None
    assert any("script-src" in refusal for refusal in refused())


def test_the_admin_editor_and_its_preview_work_under_the_admins_policy(
    page, live_server, sign_in, refused
):
    UserFactory(username="boss", is_staff=True, is_superuser=True)
    # The tests before this one emptied the database, Wagtail's pages too.
    Locale.objects.get_or_create(language_code="en-gb")
    root = Page.get_first_root_node() or Page.add_root(title="Root", slug="root")
    editable = root.add_child(instance=Page(title="About this guidance", slug="about"))
    Site.objects.get_or_create(hostname="localhost", defaults={"root_page": editable})
    sign_in("boss", next_path="/admin/")
    for path in ["/admin/", "/admin/pages/", f"/admin/pages/{editable.pk}/edit/"]:
        visit(page, live_server.url + path)
    page.get_by_role("button", name="Toggle preview").first.click()
    page.wait_for_load_state("networkidle")
    preview = page.frame_locator("iframe[title='Preview']").last
    expect(preview.get_by_text("About this guidance")).to_be_visible()
    assert not refused()
