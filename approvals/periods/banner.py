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


def department_of(user) -> int | None:
    profiles = StaffProfile.objects.filter(user=user).values_list("department_id", flat=True)
    return generations.remember(
        SIGN_OFF,
        f"approvals:department-of:{user.pk}",
        profiles.first,
        settings.APPROVALS_PERIODS_KEPT_SECONDS,
    )


def banner(request) -> str:
    user = request.user
    now = timezone.now()
    # Where the person works is asked only when some period is in force.
    in_force = [cover for cover in coverage.unended_kept() if cover.in_force_at(now)]
    if not (in_force and user.is_active):
        return ""
    department_id = department_of(user)
    periods = [cover for cover in in_force if cover.covers(department_id, now)]
    if department_id is None or not periods:
        return ""
    return render_to_string("approvals/periods/banner.html", {"periods": periods})
