import pytest
from wagtail.models import Page, Site

from guidance.seeding import tree_root


@pytest.fixture
def served_site(db):
    """A site serving a page at "/", as migrations leave one. A browser test
    before this one may have flushed the database, migrations' rows and all."""
    if Site.objects.filter(is_default_site=True).exists():
        return
    home = tree_root().add_child(instance=Page(title="Welcome", slug="welcome"))
    Site.objects.create(hostname="localhost", root_page=home, is_default_site=True)
