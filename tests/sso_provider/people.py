"""The provider's people and clients, as the harness sets them up, and the
claims it makes about each person."""

from django.contrib.auth.models import Group, User
from oidc_provider import settings as oidc_settings
from oidc_provider.models import Client, ResponseType

# A person's email_verified claim is True unless they are in one of these
# groups: no new model, and the default case needs nothing.
UNVERIFIED = "unverified"
NO_VERIFIED_CLAIM = "no-verified-claim"


def userinfo(claims, user):
    """OIDC_USERINFO. oidc_provider drops claims left None or empty."""
    groups = set(user.groups.values_list("name", flat=True))
    claims.update(
        given_name=user.first_name,
        family_name=user.last_name,
        name=user.get_full_name(),
        email=user.email,
    )
    if NO_VERIFIED_CLAIM not in groups:
        claims["email_verified"] = UNVERIFIED not in groups
    return claims


def register_client(client_id, client_secret, redirect_uris, post_logout_redirect_uris):
    client = Client.objects.create(
        name=client_id,
        client_type="confidential",
        client_id=client_id,
        client_secret=client_secret,
        jwt_alg="RS256",
        require_consent=False,
        redirect_uris=redirect_uris,
        post_logout_redirect_uris=post_logout_redirect_uris,
        scope=["openid", "email", "profile"],
    )
    client.response_types.add(ResponseType.objects.get(value="code"))
    return {"client_id": client.client_id, "client_secret": client.client_secret}


def add_person(username, password, email, given_name, family_name, email_verified):
    person = User.objects.create_user(
        username, email, password, first_name=given_name, last_name=family_name
    )
    if email_verified is False:
        person.groups.add(Group.objects.get_or_create(name=UNVERIFIED)[0])
    elif email_verified is None:
        person.groups.add(Group.objects.get_or_create(name=NO_VERIFIED_CLAIM)[0])
    subject = oidc_settings.get("OIDC_IDTOKEN_SUB_GENERATOR", import_str=True)(user=person)
    return {"sub": subject}


def change_email(username, email):
    User.objects.filter(username=username).update(email=email)
    return {}


def change_name(username, given_name, family_name):
    User.objects.filter(username=username).update(first_name=given_name, last_name=family_name)
    return {}


def remove_person(username):
    User.objects.filter(username=username).delete()
    return {}


ACTIONS = {
    action.__name__: action
    for action in (register_client, add_person, change_email, change_name, remove_person)
}
