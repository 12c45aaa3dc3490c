"""Changes to readers' confirmations and to the version of the guidance."""

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.db.models import Max
from wagtail.models import Page, Revision

from guidance import selectors
from guidance.models.acknowledgements import FIRST_VERSION, Acknowledgement, GuidanceVersion


class StaleVersionError(Exception):
    """The reader confirmed a version that is no longer the current one."""


def acknowledge(*, user: AbstractBaseUser, version: int) -> Acknowledgement:
    """Record that the user has read this version, which must be the current one."""
    with transaction.atomic():
        if version != selectors.current_version():
            raise StaleVersionError(version)
        acknowledgement, _ = Acknowledgement.objects.get_or_create(user=user, version=version)
        return acknowledgement


def start_new_version(*, page: Page, revision: Revision) -> GuidanceVersion:
    """Make the change published in this revision the current version, once.

    Two publications at the same moment would pick the same next number; the
    unique number makes one of them fail, and it tries again with the next.
    """
    for _ in range(5):
        try:
            with transaction.atomic():
                existing = GuidanceVersion.objects.filter(revision=revision).first()
                if existing:
                    return existing
                latest = GuidanceVersion.objects.aggregate(number=Max("number"))["number"]
                return GuidanceVersion.objects.create(
                    number=(latest or FIRST_VERSION) + 1,
                    page=page,
                    page_title=page.title,
                    revision=revision,
                )
        except IntegrityError:
            continue
    raise RuntimeError("Could not number a new version of the guidance")


def record_publication(*, page: Page, revision: Revision | None) -> GuidanceVersion | None:
    """Called whenever a guidance page is published: a change marked as
    needing it starts a new version, which every reader must confirm."""
    if page.requires_reacknowledgement and revision is not None:
        return start_new_version(page=page, revision=revision)
    return None
