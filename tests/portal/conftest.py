import pytest
from wagtail.models import Page, Site


@pytest.fixture
def served_site(db):
    """A site serving a page at "/", as migrations leave one. A browser test
    before this one may have flushed the database, migrations' rows and all."""
    if Site.objects.filter(is_default_site=True).exists():
        return
    root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root"))
    home = root.add_child(instance=Page(title="Welcome", slug="welcome"))
    Site.objects.create(hostname="localhost", root_page=home, is_default_site=True)
