"""What cover for a line manager's sign-off may be arranged.

A deputy signs off the manager's team's posts and gets their reminders, so
cover goes to someone in the manager's own department, unless an admin of
that department (a holder of manage-delegations there) arranges or allows
it, and lasts at most ``APPROVALS_MAX_COVER_DAYS``, starting today or later.
"""

from datetime import date, timedelta

from django.conf import settings
from django.utils import timezone

from approvals.authority import holdings
from approvals.errors import ApprovalError, NotAllowed
from approvals.models import Delegation, StaffProfile


class CoverRefused(ApprovalError):
    """A rule of cover refused it; ``field`` names the part of the cover form it is about."""


def check_dates(*, starts_on: date, ends_on: date) -> None:
    if starts_on < timezone.localdate():
        raise CoverRefused("The start date must be today or in the future", field="starts_on")
    if ends_on < starts_on:
        raise CoverRefused(
            "The end date must be the same as or after the start date", field="ends_on"
        )
    longest = settings.APPROVALS_MAX_COVER_DAYS
    if (ends_on - starts_on).days >= longest:
        # Never past the end date given, so always a real date.
        last = starts_on + timedelta(days=longest - 1)
        raise CoverRefused(
            f"Cover can last at most {longest} days. "
            f"Choose an end date on or before {last.day} {last:%B %Y}",
            field="ends_on",
        )


def check_people(*, delegator, deputy, by) -> None:
    """``by`` arranges cover for ``delegator``: themself, or as an admin of their department."""
    departments = {
        user_id: (department_id, name)
        for user_id, department_id, name in StaffProfile.objects.filter(
            user__in=[delegator, deputy]
        ).values_list("user_id", "department_id", "department__name")
    }
    home, home_name = departments.get(delegator.pk, (None, ""))
    on_behalf = by.pk != delegator.pk
    if on_behalf and not (home and holdings.may_manage(by, home)):
        raise NotAllowed("You can arrange cover only for line managers in a department you manage.")
    if not holdings.may_delegate(delegator):
        if on_behalf:
            raise CoverRefused(
                f"{delegator} manages nobody, so has no sign-off to cover", field="manager"
            )
        raise NotAllowed("Only a line manager can arrange cover for their approvals.")
    if home is None:
        raise CoverRefused("Your account has no department yet. Ask an administrator to add it")
    if deputy.pk == delegator.pk:
        raise CoverRefused("Choose someone other than the manager being covered", field="deputy")
    if not deputy.is_active:
        raise CoverRefused("That person's account is no longer active", field="deputy")
    deputy_home, _ = departments.get(deputy.pk, (None, ""))
    if deputy_home != home and not holdings.may_manage(by, home):
        raise CoverRefused(
            f"Choose a deputy who works in {home_name}. Only an admin of {home_name} can "
            "arrange cover by someone from another department",
            field="deputy",
        )


def may_withdraw(delegation, *, by) -> bool:
    """The manager who gave cover, or an admin of their department, may end it."""
    profile = getattr(delegation.delegator, "staff_profile", None)
    allowed = delegation.delegator_id == by.pk or (
        profile is not None and holdings.may_manage(by, profile.department_id)
    )
    return bool(by.is_active and allowed)


def check_not_already_covered(*, delegator, deputy, starts_on: date, ends_on: date) -> None:
    """The same deputy for the same manager on days they already cover would
    list the cover twice and change nothing."""
    existing = (
        Delegation.objects.filter(
            delegator=delegator,
            deputy=deputy,
            withdrawn_at__isnull=True,
            starts_on__lte=ends_on,
            ends_on__gte=starts_on,
        )
        .order_by("starts_on")
        .first()
    )
    if existing is not None:
        raise CoverRefused(
            f"{deputy} already covers from {existing.starts_on.day} {existing.starts_on:%B} "
            f"to {existing.ends_on.day} {existing.ends_on:%B %Y}. Choose other dates, or "
            "withdraw that cover first",
            field="starts_on",
        )
