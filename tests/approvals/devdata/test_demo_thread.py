"""seed_demo shows a thread waiting for sign-off, with an image on its second part."""

import io

import pytest
from django.core.management import call_command

from approvals.devdata.demo_posts import DEMO_THREAD
from approvals.devdata.images import DEMO_THREAD_IMAGES
from approvals.models import Post, PostStatus

pytestmark = pytest.mark.django_db


def test_seed_demo_has_a_thread_waiting_for_the_manager():
    call_command("seed_demo", stdout=io.StringIO())
    call_command("seed_demo", stdout=io.StringIO())
    [thread] = Post.objects.exclude(further_parts=[])
    _, _, parts = DEMO_THREAD
    assert [thread.text, *thread.further_parts] == parts
    assert thread.status == PostStatus.SUBMITTED
    assert thread.current_version.further_parts == parts[1:]
    # Once, however many times it is seeded, and signed off with its part.
    [image] = thread.images.all()
    assert (image.part, image.alt_text) == (1, DEMO_THREAD_IMAGES[1][0][2])
    assert [(frozen.part, frozen.image_id) for frozen in thread.current_version.images.all()] == [
        (1, image.image_id)
    ]
