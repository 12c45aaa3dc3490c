"""The audit trail is append-only: in the ORM and, on PostgreSQL, in the database itself."""

import pytest
from django.db import connection, transaction
from django.db.utils import DatabaseError

from approvals.models import AppendOnlyError, AuditAction, AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(org, make_post):
    post = make_post(org.author)
    return AuditEvent.objects.get(post=post)


def test_an_event_cannot_be_changed_or_deleted_through_the_orm(event):
    event.comment = "rewritten"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).update(comment="rewritten")
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).delete()


@pytest.mark.parametrize(
    "attempt",
    [
        pytest.param(
            lambda event: AuditEvent._base_manager.filter(pk=event.pk).update(comment="rewritten"),
            id="base manager update",
        ),
        pytest.param(
            lambda event: AuditEvent._base_manager.filter(pk=event.pk).delete(),
            id="base manager delete",
        ),
        pytest.param(
            lambda event: AuditEvent(
                pk=event.pk, action=AuditAction.APPROVED, comment="rewritten"
            ).save(),
            id="a new instance saved over an event",
        ),
        pytest.param(
            lambda event: AuditEvent.objects.bulk_create(
                [AuditEvent(pk=event.pk, action=AuditAction.APPROVED, comment="rewritten")],
                update_conflicts=True,
                unique_fields=["id"],
                update_fields=["action", "comment"],
            ),
            id="bulk create updating on conflict",
        ),
    ],
)
def test_the_orm_says_no_on_the_roads_round_the_model(event, attempt):
    with pytest.raises(AppendOnlyError), transaction.atomic():
        attempt(event)
    event.refresh_from_db()
    assert (event.action, event.comment) == (AuditAction.SUBMITTED, "")


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE approvals_auditevent SET comment = 'rewritten'",
        "DELETE FROM approvals_auditevent",
        "TRUNCATE approvals_auditevent",
        "TRUNCATE approvals_post CASCADE",
    ],
)
def test_the_database_refuses_to_rewrite_the_trail(event, sql):
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        # The test's own inserts leave deferred foreign-key checks pending, which
        # TRUNCATE would refuse for that reason alone.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute(sql)
    event.refresh_from_db()
    assert event.comment == ""
