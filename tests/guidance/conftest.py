import html

import pytest
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils.html import strip_tags

from guidance import seeding
from guidance.models import GuidanceHomePage
from tests.factories import UserFactory


@pytest.fixture(scope="module")
def seeded_home(django_db_setup, django_db_blocker):
    """The guidance seeded once for a module (seeding publishes eight pages),
    inside a transaction rolled back after the module; each test's own
    changes are rolled back on top of it."""
    with django_db_blocker.unblock(), transaction.atomic():
        home = seeding.seed_guidance()
        yield home
        transaction.set_rollback(True)


@pytest.fixture
def home(seeded_home, db):
    return GuidanceHomePage.objects.get(pk=seeded_home.pk)


@pytest.fixture
def reader(db):
    return UserFactory(username="reader", first_name="Rhiannon", last_name="Reader")


@pytest.fixture
def reader_client(client, reader):
    client.force_login(reader)
    return client


@pytest.fixture
def editor(home):
    user = UserFactory(username="editor", first_name="Eden", last_name="Editor")
    user.groups.add(Group.objects.get(name=seeding.EDITORS))
    return user


@pytest.fixture
def approver(home):
    user = UserFactory(username="approver", first_name="April", last_name="Approver")
    user.groups.add(Group.objects.get(name=seeding.APPROVERS))
    return user


@pytest.fixture
def second_approver(home):
    user = UserFactory(username="approver-2", first_name="Bo", last_name="Approver")
    user.groups.add(Group.objects.get(name=seeding.APPROVERS))
    return user


def text_of(response) -> str:
    """The page's visible words, as one line, for finding passages in it."""
    return " ".join(html.unescape(strip_tags(response.content.decode())).split())
