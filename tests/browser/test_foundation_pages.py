import pytest
from playwright.sync_api import expect

from guidance.seeding import seed_guidance
from tests.browser.axe import assert_accessible
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_sign_in_page_is_accessible(page, live_server):
    page.goto(f"{live_server.url}/accounts/login/")
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
    assert_accessible(page)


def test_a_failed_sign_in_is_accessible_and_focusable(page, live_server, sign_in):
    UserFactory(username="alex")
    sign_in("alex", password="wrong")
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert page.title().startswith("Error:")
    assert_accessible(page)


def test_home_page_signed_in_is_accessible_and_sign_out_works_by_keyboard(page, sign_in):
    seed_guidance()
    UserFactory(username="alex", first_name="Alex", last_name="Author")
    sign_in("alex")
    expect(page.get_by_text("Signed in as")).to_be_visible()
    assert_accessible(page)
    sign_out = page.get_by_role("button", name="Sign out")
    sign_out.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()


def test_skip_link_is_the_first_tab_stop(page, live_server):
    page.goto(f"{live_server.url}/accounts/login/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Skip to main content"


@pytest.mark.parametrize("width", [375, 1280])
def test_page_not_found_is_accessible_and_leads_home(page, sign_in, width):
    seed_guidance()
    UserFactory(username="alex", first_name="Alex", last_name="Author")
    sign_in("alex")
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(page.url.rstrip("/") + "/posts/999999/")
    expect(page.get_by_role("heading", name="Page not found")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert_accessible(page)
    home = page.url.removesuffix("/posts/999999/") + "/"
    page.get_by_role("link", name="go to the home page").click()
    expect(page).to_have_url(home)


@pytest.mark.parametrize("name", ["Al", "Rhiannon Reader", "Alexandra Montgomery-Fitzwilliam"])
def test_sign_out_stays_beside_the_name_on_a_wide_screen(page, sign_in, name):
    """Who is signed in, what is new and Sign out are one group: beside the
    sections when it fits, on a row of its own when it does not, never split."""
    seed_guidance()
    first, _, last = name.partition(" ")
    UserFactory(username="alex", first_name=first, last_name=last)
    page.set_viewport_size({"width": 1280, "height": 800})
    sign_in("alex")
    signed_in = page.get_by_text("Signed in as").bounding_box()
    sign_out = page.get_by_role("button", name="Sign out").bounding_box()
    assert abs(signed_in["y"] - sign_out["y"]) < signed_in["height"]
    assert sign_out["x"] > signed_in["x"]
