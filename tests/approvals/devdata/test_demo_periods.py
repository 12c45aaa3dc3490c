"""The demo shows sensitive periods at once: one ended, one to come that holds a post."""

import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from approvals.models import AuditAction, AuditEvent, Post, PostStatus, SensitivePeriod

pytestmark = pytest.mark.django_db


def test_seed_demo_declares_a_past_and_a_coming_period_and_holds_a_post():
    call_command("seed_demo", stdout=io.StringIO())
    call_command("seed_demo", stdout=io.StringIO())

    past, coming = SensitivePeriod.objects.order_by("starts_at")
    now = timezone.now()
    assert past.ends_at < now < coming.starts_at
    assert timezone.localtime(coming.starts_at).strftime("%H:%M") == "00:01"
    held = Post.objects.get(status=PostStatus.HELD)
    assert coming.in_force_at(held.publish_at)
    assert AuditEvent.objects.filter(action=AuditAction.HELD, post=held, period=coming).exists()
