"""The reports page as a department admin uses it: every chart named, with its
table of the same figures, nothing axe can fault, on a desktop and on a phone
(where a chart keeps a size that can be read and scrolls sideways, and no
heading of a table breaks inside a word), and a chart's figures downloaded as CSV."""

import csv
import io

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from approvals.reports import figures
from tests.browser.axe import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)

TITLES = {
    "weekly": "Posts submitted, approved, rejected and expired each week",
    "steps": "Working hours from reaching each step to its decision",
    "departments": "Working hours from submission to the final decision, by department",
    "ages": "Posts waiting now, by how long they have waited at their step",
    "approvers": "The people with the most posts waiting for them",
}


# The headings of the tables of figures broken inside a word: a word drawn on
# more than one line gives its range more than one rectangle.
WORDS_BROKEN = """() => [...document.querySelectorAll(".portal-report__table th")].flatMap((th) => {
  const broken = [];
  const walker = document.createTreeWalker(th, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (const word of node.data.matchAll(/\\S+/g)) {
      const range = document.createRange();
      range.setStart(node, word.index);
      range.setEnd(node, word.index + word[0].length);
      if (range.getClientRects().length > 1) broken.push(word[0]);
    }
  }
  return broken;
})"""


@pytest.fixture
def demo(settings):
    """The demo, with its months of history: the Treasury's head of communications
    administers HM Treasury."""
    call_command("seed_demo", stdout=io.StringIO())
    return settings.DEMO_PASSWORD


def test_every_chart_has_its_table_and_the_page_passes_axe(page, sign_in, demo):
    assert list(TITLES) == list(figures.FIGURES)
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in("treasury-manager", demo, next_path="/reports/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Reports on sign-off")
    for title in TITLES.values():
        expect(page.get_by_role("img", name=title)).to_be_visible()
        table = page.get_by_role("table", name=f"{title}: the figures")
        expect(table).to_be_visible()
    assert "Cabinet Office" not in page.locator("main").inner_text()
    weekly = page.get_by_role("table", name=f"{TITLES['weekly']}: the figures")
    expect(weekly.locator("tbody tr")).to_have_count(12)
    assert page.evaluate(WORDS_BROKEN) == []
    assert_accessible(page)

    link = page.locator("#weekly").get_by_role("link", name="Download these figures as CSV")
    with page.expect_download() as download:
        link.click()
    assert download.value.suggested_filename.startswith("sign-off-weekly-hm-treasury-")
    rows = list(csv.reader(io.StringIO(download.value.path().read_text(encoding="utf-8-sig"))))
    assert rows[0] == ["Week beginning", "Submitted", "Approved", "Rejected", "Expired"]
    shown = [row.split("\t") for row in weekly.locator("tbody tr").all_inner_texts()]
    assert [[cell.strip() for cell in row] for row in shown] == rows[1:]


def test_on_a_phone_the_charts_scroll_sideways_at_a_size_that_can_be_read(page, sign_in, demo):
    page.set_viewport_size({"width": 375, "height": 800})
    sign_in("treasury-manager", demo, next_path="/reports/?weeks=4")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    for title in TITLES.values():
        region = page.get_by_role("region", name=f"Chart: {title}")
        region.scroll_into_view_if_needed()
        box = region.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 375
        expect(region).to_have_attribute("tabindex", "0")
        # Drawn no narrower than this, its labels are at least 11 pixels high.
        assert region.get_by_role("img", name=title).bounding_box()["width"] >= 560
        figures = page.get_by_role("region", name=f"Table: {title}")
        expect(figures).to_have_attribute("tabindex", "0")
        expect(figures.get_by_role("table", name=f"{title}: the figures")).to_be_attached()
    assert page.evaluate(WORDS_BROKEN) == []
    weekly = page.get_by_role("region", name=f"Chart: {TITLES['weekly']}")
    weekly.focus()
    expect(weekly).to_be_focused()
    page.keyboard.press("ArrowRight")
    # Chromium scrolls smoothly; the Content Security Policy refuses wait_for_function's eval.
    for _ in range(40):
        if weekly.evaluate("region => region.scrollLeft") > 0:
            break
        page.wait_for_timeout(50)
    assert weekly.evaluate("region => region.scrollLeft") > 0
    assert_accessible(page)
