"""The banner on every page for someone whose department a sensitive period
covers now. Read from the cache once warm: where the person works, kept until
a staff profile changes, and the periods in force (as coverage.in_force_for)."""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone

from approvals.models import StaffProfile
from approvals.periods import coverage
from portal.caching import generations
from portal.caching.invalidation import SIGN_OFF


def needs(user) -> list:
    """The periods not yet ended, and where the person works, as the layout
    reads them with the navigation's counts."""
    return [
        coverage.unended_wanted(),
        generations.Kept(
            SIGN_OFF,
            f"approvals:department-of:{user.pk}",
            lambda: (
                StaffProfile.objects.filter(user=user)
                .values_list("department_id", flat=True)
                .first()
            ),
            settings.APPROVALS_PERIODS_KEPT_SECONDS,
        ),
    ]


def banner(request, unended: list, department_id: int | None) -> str:
    now = timezone.now()
    in_force = [cover for cover in unended if cover.in_force_at(now)]
    if not (in_force and request.user.is_active):
        return ""
    periods = [cover for cover in in_force if cover.covers(department_id, now)]
    if department_id is None or not periods:
        return ""
    return render_to_string("approvals/periods/banner.html", {"periods": periods})
