"""Driving a page with the keyboard alone, as someone who uses no mouse would."""

from playwright.sync_api import expect

ACTIVE_NAME = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return "";
  const labels = el.labels ? Array.from(el.labels).map(l => l.innerText).join(" ") : "";
  return (labels || el.getAttribute("aria-label") || el.innerText || el.value || "")
    .replace(/\\s+/g, " ").trim();
}"""


def tab_to(page, name: str, max_tabs: int = 120) -> None:
    """Press Tab until the focused element's accessible text contains ``name``."""
    seen = []
    for _ in range(max_tabs):
        page.keyboard.press("Tab")
        focused = page.evaluate(ACTIVE_NAME)
        if name in focused:
            return
        seen.append(focused)
    raise AssertionError(f"{name!r} cannot be reached with Tab; focus went through {seen}")


def activate(page, name: str) -> None:
    """Tab to a link or button and press Enter, then wait for the next page."""
    tab_to(page, name)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def type_into(page, name: str, text: str) -> None:
    tab_to(page, name)
    page.keyboard.type(text)


def replace_text(page, name: str, text: str) -> None:
    """Tab to a field that already holds words and type over all of them."""
    tab_to(page, name)
    page.keyboard.press("Control+a")
    page.keyboard.type(text)


def open_menu(page, name: str) -> None:
    """Tab to the button that opens a menu or panel and press Enter; what it
    opens comes next in the Tab order."""
    tab_to(page, name)
    page.keyboard.press("Enter")


def open_dialog(page, name: str) -> None:
    """Tab to the button that opens a dialog, press Enter and wait for the dialog
    to hold focus: one that takes focus as it finishes opening loses whatever
    was typed into it before then."""
    tab_to(page, name)
    page.keyboard.press("Enter")
    expect(page.get_by_role("dialog")).to_be_focused()


def sign_in_by_keyboard(
    page, live_server, username: str, password: str, next_path: str = "/"
) -> None:
    page.goto(f"{live_server.url}/accounts/login/?next={next_path}")
    type_into(page, "Username", username)
    type_into(page, "Password", password)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def submit_for_sign_off(page) -> None:
    """On a post's page: tick both confirmations and submit it."""
    tab_to(page, "I have read the principles for participation online")
    page.keyboard.press("Space")
    tab_to(page, "This post is within my role")
    page.keyboard.press("Space")
    activate(page, "Submit for sign-off")
