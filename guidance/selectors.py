"""Reading the guidance and readers' confirmations. Nothing here writes."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Max, Subquery
from django.db.models.functions import Coalesce

from guidance.models import GuidanceHomePage
from guidance.models.acknowledgements import FIRST_VERSION, Acknowledgement, GuidanceVersion


def _current_version_expression():
    return Coalesce(Subquery(GuidanceVersion.objects.values_list(Max("number"))), FIRST_VERSION)


def current_version() -> int:
    latest = GuidanceVersion.objects.aggregate(number=Max("number"))["number"]
    return latest or FIRST_VERSION


def has_current_acknowledgement(user) -> bool:
    """Whether the user has confirmed they read the current version of the principles."""
    if not user.is_authenticated:
        return False
    return Acknowledgement.objects.filter(
        user_id=user.pk, version__gte=_current_version_expression()
    ).exists()


@dataclass(frozen=True)
class AcknowledgementStatus:
    current_version: int
    changed_at: datetime | None
    acknowledged_version: int | None
    acknowledged_at: datetime | None

    @property
    def is_current(self) -> bool:
        return self.acknowledged_version == self.current_version

    @property
    def never_acknowledged(self) -> bool:
        return self.acknowledged_version is None


def acknowledgement_status(user) -> AcknowledgementStatus:
    latest_version = GuidanceVersion.objects.only("number", "published_at").first()
    latest_acknowledgement = (
        Acknowledgement.objects.filter(user_id=user.pk).order_by("-version").first()
    )
    return AcknowledgementStatus(
        current_version=latest_version.number if latest_version else FIRST_VERSION,
        changed_at=latest_version.published_at if latest_version else None,
        acknowledged_version=latest_acknowledgement.version if latest_acknowledgement else None,
        acknowledged_at=latest_acknowledgement.acknowledged_at if latest_acknowledgement else None,
    )


def guidance_root() -> GuidanceHomePage | None:
    return GuidanceHomePage.objects.live().first()
