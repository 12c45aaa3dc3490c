"""The migration that records, for decisions and e-mails made before it, the
authority each decision was taken under and the post each e-mail is about."""

import importlib

import pytest
from django.db import connection
from django.db.migrations.loader import MigrationLoader

from approvals.models import Decision, OutboxMessage
from tests.approvals.conftest import RISKY_TEXT
from tests.approvals.records.conftest import decide

pytestmark = pytest.mark.django_db

migration = importlib.import_module("approvals.migrations.0020_records")


def run_migration():
    state = MigrationLoader(connection).project_state(("approvals", "0020_records"))
    migration.backfill_authority(state.apps, None)
    migration.tie_emails_to_posts(state.apps, None)


def test_past_decisions_and_emails_are_filled_in_where_they_can_be_told(org, make_post):
    by_manager = decide(make_post(org.author, text=RISKY_TEXT), org.manager)
    decide(by_manager, org.press)
    by_deputy = decide(make_post(org.author), org.deputy)
    by_a_former_manager = decide(make_post(org.colleague), org.manager)
    org.colleague.staff_profile.line_manager = org.press
    org.colleague.staff_profile.save()
    Decision.objects.update(authority="")
    OutboxMessage.objects.update(post=None)

    run_migration()

    assert {(d.version.post_id, d.decided_by, d.authority) for d in Decision.objects.all()} == {
        (by_manager.pk, org.manager, "line_manager"),
        (by_manager.pk, org.press, "department"),
        (by_deputy.pk, org.deputy, "cover"),
        # Their line manager has changed since: not guessed.
        (by_a_former_manager.pk, org.manager, ""),
    }
    emails = OutboxMessage.objects.all()
    assert emails and all(
        email.post_id in {by_manager.pk, by_deputy.pk, by_a_former_manager.pk} for email in emails
    )
    decided = OutboxMessage.objects.get(subject__contains="approved", to=org.colleague.email)
    assert decided.post_id == by_a_former_manager.pk
