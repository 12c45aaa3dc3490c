"""The audit trail is append-only: in the ORM and, on PostgreSQL, in the database itself."""

import pytest
from django.db import connection, transaction
from django.db.utils import DatabaseError

from approvals.models import AppendOnlyError, AuditEvent

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
    "sql",
    [
        "UPDATE approvals_auditevent SET comment = 'rewritten'",
        "DELETE FROM approvals_auditevent",
    ],
)
def test_the_database_refuses_to_rewrite_the_trail(event, sql):
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(sql)
    event.refresh_from_db()
    assert event.comment == ""
