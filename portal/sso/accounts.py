"""Which account a person the identity provider vouches for signs in to.

At the first single sign-on an account is found by its e-mail address (or
made, with OIDC_CREATE_USER) and linked to the provider's subject; from then
on the subject alone finds it. So an address the provider gives to someone
new leads them nowhere near the old owner's account and authority, and an
address changed at the provider follows the person. Names are kept in step
with the provider at every sign-in.
"""

import logging
import unicodedata

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils import timezone

from portal.models import OrganisationAccount
from portal.sso.refusals import CONFLICT, FAILED, UNKNOWN, UNVERIFIED, Refused

logger = logging.getLogger(__name__)

NAME_LENGTH = 150


def account_for(issuer: str, claims: dict):
    """The active account these verified claims sign in to; raises Refused."""
    subject = claims.get("sub")
    email = str(claims.get("email") or "").strip()
    if not subject or not email:
        raise Refused(FAILED, "the provider sent no subject or no email")
    if not email_verified(claims):
        raise Refused(UNVERIFIED, f"the provider has not verified {email}")
    try:
        with transaction.atomic():
            link = (
                OrganisationAccount.objects.select_for_update()
                .select_related("user")
                .filter(issuer=issuer, subject=subject)
                .first()
            )
            if link is None:
                link = _link(issuer, subject, email)
            user = link.user
            if not user.is_active:
                raise Refused(UNKNOWN, f"{user.username}'s account is deactivated")
            _keep_in_step(user, email, claims)
            link.last_signed_in_at = timezone.now()
            link.save(update_fields=["last_signed_in_at"])
    except IntegrityError as error:
        # Two first sign-ins at once: the other one linked; this one may try again.
        raise Refused(FAILED, f"linking {email} raced another sign-in: {error}") from error
    return user


def email_verified(claims: dict) -> bool:
    """Whether the provider asserts the address is the person's.

    An absent claim is not an assertion, unless the deployment says its
    provider never sends it (OIDC_EMAIL_VERIFIED_CLAIM_OPTIONAL)."""
    verified = claims.get("email_verified")
    if verified is None:
        return settings.OIDC_EMAIL_VERIFIED_CLAIM_OPTIONAL
    return verified is True or str(verified).lower() == "true"


def _link(issuer: str, subject: str, email: str) -> OrganisationAccount:
    users = list(get_user_model().objects.filter(email__iexact=email)[:2])
    if len(users) > 1:
        raise Refused(CONFLICT, f"more than one account has the email {email}")
    if not users:
        if not settings.OIDC_CREATE_USER:
            raise Refused(UNKNOWN, f"no account has the email {email}")
        users = [_new_user(email)]
    (user,) = users
    linked = OrganisationAccount.objects.filter(user=user, issuer=issuer).first()
    if linked is not None:
        # The address has passed to someone else at the provider, or an account
        # was given the wrong address: an admin must say which.
        logger.warning(
            "Single sign-on refused for subject %s: %s (account %s) is linked to subject %s. "
            "If the address has passed to a new person, give them their own account; if the "
            "account should now belong to this subject, remove its link in the admin "
            "(Settings, Organisation accounts).",
            subject,
            email,
            user.username,
            linked.subject,
        )
        raise Refused(CONFLICT, f"{email} belongs to an account linked to another subject")
    return OrganisationAccount.objects.create(user=user, issuer=issuer, subject=subject)


def _new_user(email: str):
    User = get_user_model()
    username = email.lower()
    if User.objects.filter(username=username).exists():
        raise Refused(CONFLICT, f"the username {username} is taken")
    return User.objects.create_user(username=username, email=email)


def _keep_in_step(user, email: str, claims: dict) -> None:
    changed = []
    if email.lower() != user.email.lower():
        others = get_user_model().objects.filter(email__iexact=email).exclude(pk=user.pk)
        if others.exists():
            logger.warning(
                "Single sign-on refused for %s: the provider now gives them %s, which another "
                "account has.",
                user.username,
                email,
            )
            raise Refused(CONFLICT, f"{email} belongs to another account")
        user.email = email
        changed.append("email")
    first, last = names(claims)
    for field, value in (("first_name", first), ("last_name", last)):
        if value and value != getattr(user, field):
            setattr(user, field, value)
            changed.append(field)
    if changed:
        user.save(update_fields=changed)


def names(claims: dict) -> tuple[str, str]:
    """Given and family names from the profile claims, or the whole name as given."""
    first = _clean(claims.get("given_name"))
    last = _clean(claims.get("family_name"))
    if not (first or last):
        first, _, last = _clean(claims.get("name")).rpartition(" ")
        if not first:
            first, last = last, ""
    return first, last


def _clean(value) -> str:
    # Names go into e-mail headers: line breaks and tabs become spaces, and
    # invisible formatting characters go.
    text = "".join(
        " " if unicodedata.category(c) == "Cc" else c
        for c in str(value or "")
        if unicodedata.category(c) != "Cf"
    )
    return " ".join(text.split())[:NAME_LENGTH]
