"""Choosing a colleague with the autocomplete, at a phone's width and a desktop's,
by keyboard alone; and withdrawing authority after a warning."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from approvals.authority import groups
from approvals.models import Authority, Delegation
from approvals.posts import services
from tests.browser.axe import assert_accessible
from tests.browser.keyboard import activate, sign_in_by_keyboard, type_into
from tests.factories import PASSWORD, DepartmentFactory, StaffProfileFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

WIDTHS = [375, 1280]


def fits(page, width: int) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= width


@pytest.fixture
def office():
    department = DepartmentFactory(name="Cabinet Office", slug="cabinet-office", abbreviation="CO")

    def staff(username, first, last, job_title, **profile):
        user = UserFactory(username=username, first_name=first, last_name=last)
        StaffProfileFactory(user=user, department=department, job_title=job_title, **profile)
        return user

    manager = staff("manager", "Morgan", "Manager", "Head of digital")
    author = staff("author", "Alex", "Author", "Engagement officer", line_manager=manager)
    press = staff("press", "Dana", "Press", "Press officer")
    staff("deputy", "Dana", "Deputy", "Deputy head")
    admin = staff("co-admin", "Ada", "Admin", "Department administrator")
    groups.authority_group(department, Authority.APPROVE_POSTS).user_set.add(press, admin)
    groups.authority_group(department, Authority.MANAGE_DELEGATIONS).user_set.add(admin)
    return {"department": department, "manager": manager, "author": author, "press": press}


@pytest.fixture
def console_errors(page):
    """Errors in the page's console, a refusal by its content security policy among them."""
    errors = []
    page.on(
        "console", lambda message: errors.append(message.text) if message.type == "error" else None
    )
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


@pytest.mark.parametrize("width", WIDTHS)
def test_a_manager_chooses_a_deputy_by_typing_part_of_a_name_by_keyboard(
    page, live_server, office, width, console_errors
):
    page.set_viewport_size({"width": width, "height": 900})
    sign_in_by_keyboard(page, live_server, "manager", PASSWORD, next_path="/cover/")
    expect(page.get_by_role("heading", name="Cover for sign-off")).to_be_visible()
    assert_accessible(page)
    fits(page, width)

    type_into(page, "Deputy", "dana p")
    option = page.get_by_role("option", name="Dana Press, Press officer")
    expect(option).to_be_visible()
    expect(page.get_by_role("option")).to_have_count(1)
    fits(page, width)
    assert_accessible(page)
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    expect(page.get_by_role("combobox", name="Deputy")).to_have_value(
        "Dana Press, Press officer, press@portal.invalid (press)"
    )
    starts = timezone.localdate() + timedelta(days=1)
    ends = starts + timedelta(days=5)
    for when in (starts, ends):
        type_into(page, "Day", str(when.day))
        type_into(page, "Month", str(when.month))
        type_into(page, "Year", str(when.year))
    type_into(page, "Reason", "Annual leave")
    activate(page, "Arrange cover")

    expect(page.get_by_text("Dana Press will cover your sign-off.")).to_be_visible()
    assert Delegation.objects.filter(deputy=office["press"], starts_on=starts).exists()
    fits(page, width)
    assert_accessible(page)
    assert not console_errors


@pytest.mark.parametrize("width", WIDTHS)
def test_an_admin_is_warned_before_withdrawing_the_last_approver_free_to_sign_by_keyboard(
    page, live_server, office, width
):
    """Ada approves too, but cannot sign off the post she wrote: Dana is all it has."""
    admin = office["department"].staff.get(user__username="co-admin").user
    post = services.save_draft(
        author=admin,
        channel="linkedin",
        account="Cabinet Office",
        text="Cabinet Office: we will fix this by Friday.",
        link="",
        publish_at=timezone.now() + timedelta(days=3),
    )
    services.submit_post(post_id=post.pk, author=admin)
    page.set_viewport_size({"width": width, "height": 900})
    sign_in_by_keyboard(
        page, live_server, "co-admin", PASSWORD, next_path="/departments/cabinet-office/"
    )
    fits(page, width)

    activate(page, "Withdraw approve posts from Dana Press")

    heading = page.get_by_role("heading", name="Withdraw approve posts from Dana Press?")
    expect(heading).to_be_visible()
    expect(page.get_by_text("1 post waiting for sign-off in Cabinet Office would")).to_be_visible()
    fits(page, width)
    assert_accessible(page)
    activate(page, "Withdraw authority")
    expect(page.get_by_text("Authority withdrawn from Dana Press.")).to_be_visible()
    assert_accessible(page)


def test_choosing_works_with_the_autocomplete_by_mouse(page, live_server, sign_in, office):
    sign_in("co-admin", next_path="/departments/cabinet-office/")
    field = page.get_by_role("combobox", name="Colleague")
    field.fill("engage")
    page.get_by_role("option", name="Alex Author, Engagement officer").click()
    page.get_by_label("Manage delegations and authority").check()
    page.get_by_role("button", name="Grant authority").click()
    expect(
        page.get_by_text("Manage delegations and authority granted to Alex Author.")
    ).to_be_visible()
    held = groups.authority_group(office["department"], Authority.MANAGE_DELEGATIONS).user_set
    assert held.filter(username="author").exists()
