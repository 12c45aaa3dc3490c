"""seed_demo loads the guidance word for word, once, and leaves editors' changes alone."""

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from wagtail.models import Page, Revision, Site, WorkflowPage

from guidance import seeding, sources
from guidance.models import (
    CivilServiceCodePage,
    GuidanceHomePage,
    GuidancePage,
    PrinciplePage,
)
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def home(db):
    """Seeded afresh: these tests are about seeding itself."""
    return seeding.seed_guidance()


def test_the_home_page_is_the_site_root_with_the_five_principles_under_it(home):
    assert Site.objects.get(is_default_site=True).root_page_id == home.pk
    principles = PrinciplePage.objects.child_of(home).live().order_by("number")
    assert [(p.number, p.title, p.statement) for p in principles] == [
        (p.number, p.title, p.statement) for p in sources.load().principles
    ]
    assert not Page.objects.filter(title="Welcome to your new Wagtail site!").exists()


def test_the_code_page_holds_every_paragraph_and_the_link_to_the_code(home):
    code_page = CivilServiceCodePage.objects.child_of(home).get()
    source = sources.load()
    blocks = list(code_page.body)
    assert [block.value.source for block in blocks if block.block_type == "text"] == [
        f"<p>{paragraph}</p>" for paragraph in source.code_paragraphs
    ]
    link = blocks[-1]
    assert link.block_type == "civil_service_code"
    assert (link.value["text"], link.value["url"]) == (source.code_link_text, source.code_url)


def test_seed_demo_twice_changes_nothing_and_puts_the_demo_editors_in_their_groups():
    call_command("seed_demo")
    before = (Page.objects.count(), Revision.objects.count(), WorkflowPage.objects.count())
    call_command("seed_demo")
    assert (Page.objects.count(), Revision.objects.count(), WorkflowPage.objects.count()) == before
    assert Group.objects.get(name=seeding.EDITORS).user_set.filter(username="editor").exists()
    assert Group.objects.get(name=seeding.APPROVERS).user_set.filter(username="admin").exists()


def test_seeding_never_overwrites_a_page_an_editor_has_changed(home):
    editor = UserFactory(username="editor")
    principle = PrinciplePage.objects.child_of(home).get(number=2)
    principle.statement = "Be consistent, as the editors now put it."
    principle.save_revision(user=editor).publish()
    code_page = CivilServiceCodePage.objects.child_of(home).get()
    code_page.get_latest_revision_as_object().save_revision(user=editor)  # a draft only

    seeding.seed_guidance()

    principle.refresh_from_db()
    assert principle.statement == "Be consistent, as the editors now put it."
    assert PrinciplePage.objects.child_of(home).count() == 5
    assert code_page.revisions.count() == 2


def test_the_page_tree_only_lets_each_page_sit_where_it_belongs(home):
    code_page = CivilServiceCodePage.objects.child_of(home).get()
    principle = PrinciplePage.objects.child_of(home).first()
    about = GuidancePage.objects.child_of(home).get()
    assert PrinciplePage.can_create_at(home)
    assert not PrinciplePage.can_create_at(about)
    assert GuidancePage.can_create_at(about)
    assert not GuidancePage.can_create_at(principle)
    assert not GuidancePage.can_create_at(code_page)
    # One home page and one Code page, however many editors try.
    assert not GuidanceHomePage.can_create_at(Page.get_first_root_node())
    assert not CivilServiceCodePage.can_create_at(home)
