"""Every URL the project defines, asked for by everyone who might ask for it.

The URL patterns are walked, not listed, so a page added tomorrow is asked
for by every role the day it lands, and the walk fails until the table below
says who may reach it. Path parameters are filled from the demo data
(``seed_demo``): every demo post in each of its states, every department,
the demo cover, every live guidance page, and ids that match nothing.

Wagtail's own admin is left to Wagtail, except its home page and the
project's own admin views (the Sign-off section and any other viewset the
project registers).
"""

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.resolvers import RegexPattern
from django.utils import timezone
from django.utils.html import escape
from wagtail.admin.viewsets import viewsets as admin_viewsets
from wagtail.models import Page, Site

from approvals import routing
from approvals.authority import groups, holdings, selectors
from approvals.comments import services as comments
from approvals.devdata.demo_posts import DEMO_POSTS, MANAGER_DECIDES
from approvals.devdata.images import DEMO_IMAGES
from approvals.models import (
    AdviceRequest,
    Authority,
    Comment,
    Delegation,
    Department,
    Notice,
    Post,
    StaffProfile,
)
from tests.responses import alike

User = get_user_model()

# ---------------------------------------------------------------------------
# Who is asking
# ---------------------------------------------------------------------------

ANONYMOUS = "anonymous"
# A leaver: superuser, approver and department admin while employed, signed in,
# then deactivated. Once for each way of signing in that keeps a session.
LEAVER_PASSWORD = "deactivated (signed in with a password)"
LEAVER_SSO = "deactivated (signed in with single sign-on)"
LEAVER_SSO_OFF = "deactivated (single sign-on since switched off)"
SIGNED_OUT = (ANONYMOUS, LEAVER_PASSWORD, LEAVER_SSO, LEAVER_SSO_OFF)
ROLES = ("reader", "author", "manager", "deputy", "press", "treasury-manager", "editor", "admin")

PASSWORD_BACKEND = "portal.auth.LocalAccountBackend"
SSO_BACKEND = "portal.auth.OrganisationAccountBackend"
SSO_SETTINGS = {
    "OIDC_RP_CLIENT_ID": "portal",
    "OIDC_RP_CLIENT_SECRET": "not-a-secret",
    "OIDC_OP_ISSUER": "https://sso.invalid",
}

# ---------------------------------------------------------------------------
# What they may reach
# ---------------------------------------------------------------------------

# Said by the manager about the submitted post: only those who see it may read it.
COMMENT_TEXT = "Check the date against the launch plan"

# Reachable without signing in; every other URL must send a visitor to sign in.
PUBLIC = frozenset(
    {
        "login",  # the sign-in page
        "healthz",  # the load balancer's liveness check
        "readyz",  # and its readiness check, which says only "ok" or "unavailable"
        "accessibility",  # the accessibility statement
        # The timeout warning's "Stay signed in": refuses the signed-out with a
        # 403 of its own, which its script can tell from a page.
        "stay_signed_in",
        "oidc_authentication_init",  # single sign-on: off to the identity provider
        "oidc_authentication_callback",  # single sign-on: back from it
        "sso_leave_provider",  # signing out of the provider after a refusal
        "wagtailcore_login",  # Wagtail's sign-in for pages with a view restriction
        # A person's calendar feed, read by their calendar app with no session:
        # its secret address is the key, and any other answers 404.
        "approvals:calendar_feed_ics",
    }
)

FATES = tuple(fate for *_, fate in DEMO_POSTS)  # the demo author's posts, by what became of them
MISSING = "missing"  # an id or slug that matches nothing
ALL_POSTS = frozenset(FATES)
# /posts/<pk>/: who sees which of the author's posts. Everyone else: 404.
SEES = {
    "author": ALL_POSTS,
    # The author's line manager, and the deputy covering them this month: what has
    # been submitted, never a draft the author has not submitted.
    "manager": ALL_POSTS - {"draft", "withdrawn"},
    "deputy": ALL_POSTS - {"draft", "withdrawn"},
    # Holds approve-posts in the Cabinet Office: whatever has been submitted there,
    # so that whoever comes second is told who decided first. Never a draft its
    # author has not submitted (the demo's withdrawn post was withdrawn as a draft).
    "press": ALL_POSTS - {"draft", "withdrawn"},
}
# /approvals/<pk>/: whose decision each post waits for. Others who see it are
# sent to the post (302); everyone else: 404.
DECIDES = {
    "manager": {"submitted"},
    "deputy": {"submitted"},
    "press": {"second-step"},
}
EDITABLE = {"draft", "changes", "approved"}
# /posts/<pk>/images/<attached_pk>/...: the demo posts with images, each with its first.
WITH_IMAGES = set(DEMO_IMAGES)
# Whose department's library the demo's images are in.
CABINET_OFFICE_STAFF = {"author", "manager", "deputy", "press", "editor", "admin"}
WITHDRAWABLE = {"draft", "submitted", "second-step", "changes", "approved"}
PUBLISHABLE = {"approved"}
# /posts/<pk>/non-disclosure/: the author asks not to disclose their position, on a
# post that is not over and has no request open. The demo has none to decide.
MAY_ASK_NON_DISCLOSURE = {"draft", "submitted", "second-step", "changes", "approved"}
# /advice/<pk>/: the demo author's requests for advice ("answered", "waiting"), private
# to the author, the manager asked and the deputy covering them this month.
ADVICE_READERS = {"author", "manager", "deputy"}
ADVICE_ANSWERERS = {"manager", "deputy"}
# /departments/<slug>/ and the admin's Authority pages: whose authority each administers.
MANAGES = {
    "admin": {"cabinet-office", "hm-treasury", "crown-commercial-service"},
    "treasury-manager": {"hm-treasury"},
}
# /calendar/<slug>/...: whose calendars each sees (their department, its parent
# and agencies, where they hold authority; every one for a superuser).
CO_CALENDARS = {"cabinet-office", "crown-commercial-service"}
CALENDARS = {
    **dict.fromkeys(("author", "manager", "deputy", "press", "editor"), CO_CALENDARS),
    "reader": {"hm-treasury"},
    "treasury-manager": {"hm-treasury"},
    "admin": CO_CALENDARS | {"hm-treasury"},
}
# A calendar shows the text of what has been signed off to all who see it.
SIGNED_OFF = frozenset({"approved", "published"})
# The register: the demo posts that were approved, went out or were rejected
# (the demo's withdrawn post was withdrawn as a draft, so it has no record).
IN_REGISTER = frozenset({"approved", "published", "rejected"})
# /posts/<pk>/record/ and the register: every post ever submitted, to its author
# and to whoever keeps the Cabinet Office's records (of the demo people, the
# superuser: Treasury's admin keeps Treasury's).
RECORDED = ALL_POSTS - {"draft", "withdrawn"}
READS_RECORDS = {"author", "admin"}
# Who gets into the Wagtail admin at all (the admin's home).
ADMIN_ACCESS = {"admin", "editor", "treasury-manager"}
# Signed in and asking for anything here: the answer.
EVERYONE_200 = {
    "healthz",
    "readyz",
    "accessibility",
    "wagtailcore_login",
    "approvals:posts",
    "approvals:post_create",
    "approvals:queue",
    "approvals:cover",
    "approvals:departments",
    "approvals:calendar_feed",
    "approvals:periods",
    "approvals:notices",
    "approvals:advice_list",  # one's own requests for advice
    "approvals:advice_ask",  # asking one's line manager
    "approvals:advice_waiting",  # those waiting for one's answer, if any
    "approvals:register",  # what each may read of it: their own posts, at least
    "guidance:search",
    "guidance:acknowledgement",
}
NOTHING_THERE = {  # only ever filled with ids that match nothing
    "wagtail_serve",
    "wagtailcore_authenticate_with_password",
    "wagtaildocs_serve",
    "wagtaildocs_authenticate_with_password",
}


def expected_status(role: str, target) -> int | frozenset[int] | None:
    """What ``role`` must get from ``target``: a status, a set of acceptable ones,
    or None when the table has no rule for the URL (the walk then fails)."""
    name, about = target.route.name, target.about
    sees = SEES.get(role, frozenset())
    is_author = role == "author"
    match name:
        case _ if name in EVERYONE_200:
            return 200
        case _ if name in NOTHING_THERE:
            return 404
        case "login":
            return 302  # already signed in: on to the portal
        case "logout":
            return 405  # only by POST, from the header's button
        case "stay_signed_in":
            return 204  # posted: the idle clock starts again
        case "sso_leave_provider":
            return 302  # posted: nothing to sign out of, back to the sign-in page
        case "oidc_authentication_init" | "oidc_authentication_callback":
            return 404  # single sign-on is off in the tests
        case "guidance:serve":
            return 404 if about == MISSING else 200
        case "wagtailadmin_home":
            return 200 if role in ADMIN_ACCESS else 302
        case "approvals:post":
            return 200 if about in sees else 404
        case "approvals:post_comments":  # read by all who see the post
            return 200 if about in sees else 404
        case "approvals:comment_change" | "approvals:comment_withdraw":
            # The manager's comment on the submitted post: theirs alone (the change
            # page says so when its five minutes have passed).
            return 200 if role == "manager" and about == "comment" else 404
        case "approvals:notice":  # the manager's own notice: read, then on to it
            return 302 if role == "manager" and about == "notice" else 404
        case "approvals:post_edit":
            return 200 if is_author and about in EDITABLE else 404
        case "approvals:post_submit":  # posted with nothing ticked
            return 400 if is_author and about != MISSING else 404
        case "approvals:post_submitted":  # what happens next: the author's, while it waits
            if about not in sees:
                return 404
            return frozenset({200, 302}) if is_author else 302
        case "approvals:post_withdraw":
            return 200 if is_author and about in WITHDRAWABLE else 404
        case "approvals:post_publication":
            return 200 if is_author and about in PUBLISHABLE else 404
        case "approvals:post_images":  # the author's, while the post may be changed
            return 200 if is_author and about in EDITABLE else 404
        case "approvals:post_image_upload" | "approvals:post_image_choose":
            return 400 if is_author and about in EDITABLE else 404  # posted with nothing
        case "approvals:post_image" | "approvals:post_image_remove":  # asks first
            return 200 if is_author and about in EDITABLE & WITH_IMAGES else 404
        case "approvals:post_image_move":  # posted: back to the images page
            return 302 if is_author and about in EDITABLE & WITH_IMAGES else 404
        case "approvals:post_image_file":  # an image of a post: whoever sees the post
            return 200 if about in sees & WITH_IMAGES else 404
        case "approvals:library_image_file":  # the department's library: its own staff
            return 200 if about == "library" and role in CABINET_OFFICE_STAFF else 404
        case "approvals:post_reopen":  # posted: no demo post has expired, so it only explains
            return 302 if about in sees else 404
        case "approvals:decide":
            if about in DECIDES.get(role, ()):
                return 200
            return 302 if about in sees else 404
        case "approvals:decided":  # the confirmation of one's own decision
            if role == "manager" and about in MANAGER_DECIDES:
                return 200
            return 302 if about in sees else 404
        case "approvals:post_non_disclosure":
            return 200 if is_author and about in MAY_ASK_NON_DISCLOSURE else 404
        case "approvals:post_non_disclosure_decide":  # nothing asked in the demo
            return 404
        case "approvals:advice":
            return 200 if about != MISSING and role in ADVICE_READERS else 404
        case "approvals:advice_answer":  # posted empty: the answer form's errors, or back
            if about == MISSING or role not in ADVICE_READERS:
                return 404
            if about == "waiting":
                return 400 if role in ADVICE_ANSWERERS else 404
            return 302
        case "approvals:cover_withdraw":  # asks first: the manager who gave it, or an admin
            return 200 if role in {"manager", "admin"} and about != MISSING else 404
        case "approvals:department":
            return 200 if about in MANAGES.get(role, ()) else 404
        case (  # posted with nothing filled in: the page again, with the form's errors
            "approvals:department_grant"
            | "approvals:department_policy"
            | "approvals:department_reminders"
        ):
            return 400 if about in MANAGES.get(role, ()) else 404
        case "approvals:department_withdraw":  # asks first, about nobody: nothing to confirm
            return 404
        case "approvals:calendar":  # on to this month
            return 302
        case "approvals:calendar_month":  # the departments one sees; none is a page too
            return 404 if about == MISSING else 200
        case "approvals:calendar_department":
            return 200 if about in CALENDARS.get(role, ()) else 404
        case "approvals:calendar_feed_renew":  # posted: a new address, then its page
            return 302
        case "approvals:calendar_feed_ics":  # only ever a token that matches nothing
            return 404
        case "approvals:reports" | "approvals:reports_csv":  # their departments' reports
            return 200 if role in MANAGES else 404
        case "approvals:period_create":  # declaring a sensitive period: administrators
            return 200 if role == "admin" else 404
        case "approvals:period_stop":  # the stop switch: whoever administers a department
            return 200 if role in MANAGES else 404
        case "approvals:period" | "approvals:period_edit" | "approvals:period_end":
            return 404  # the demo declares no period: only ids that match nothing
        case "approvals:post_release":  # no demo post is held
            return 404
        case "approvals:record":
            return 200 if role in READS_RECORDS and about in RECORDED else 404
        case "approvals:audit_trail_export":  # a spreadsheet only, asked for as one
            return 404
        case "signoff_register:index" | "signoff_register:results":
            # Whoever keeps records and reaches the admin: the departments they administer.
            if role in MANAGES:
                return 200
            return 404 if role in ADMIN_ACCESS else 302
        case "signoff_authority:index":
            if role in MANAGES:
                return 200
            return 404 if role in ADMIN_ACCESS else 302
        case "signoff_authority:department":
            if about in MANAGES.get(role, ()):
                return 200
            return 404 if role in ADMIN_ACCESS else 302
    if target.route.namespace in project_admin_viewsets():
        # The rest of the project's admin: administrators only. Others are
        # turned away (to the admin's home or its sign-in page), never shown it.
        if role == "admin":
            return 404 if about == MISSING else 200
        return frozenset({302, 403, 404})
    return None


# ---------------------------------------------------------------------------
# The walk
# ---------------------------------------------------------------------------

PROJECT_APPS = ("approvals", "guidance", "portal")


@dataclass(frozen=True)
class Route:
    name: str  # with its namespaces: "approvals:post", "signoff_posts:inspect"
    pattern: str  # as written, for messages
    namespace: str  # the innermost namespace, "" for none
    is_regex: bool


def project_admin_viewsets() -> dict:
    """The admin viewsets the project registers, by URL namespace."""
    get_resolver().url_patterns  # noqa: B018 - loading the URLs registers the viewsets
    return {
        viewset.url_namespace: viewset
        for viewset in admin_viewsets.viewsets
        if type(viewset).__module__.split(".")[0] in PROJECT_APPS
    }


def _walk(patterns, prefix="", namespaces=()) -> Iterator[Route]:
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = (*namespaces, entry.namespace) if entry.namespace else namespaces
            yield from _walk(entry.url_patterns, prefix + str(entry.pattern), inner)
        elif isinstance(entry, URLPattern):
            yield Route(
                name=":".join((*namespaces, entry.name or "")),
                pattern=prefix + str(entry.pattern),
                namespace=namespaces[-1] if namespaces else "",
                is_regex=isinstance(entry.pattern, RegexPattern),
            )


def project_routes() -> list[Route]:
    """Every URL pattern, less Wagtail's own admin (its home page stays)."""
    project_admin = project_admin_viewsets()
    routes = []
    for route in _walk(get_resolver().url_patterns):
        wagtail_admin = route.pattern.startswith("admin/") and route.name != "wagtailadmin_home"
        if wagtail_admin and route.namespace not in project_admin:
            continue
        routes.append(route)
    return routes


@dataclass(frozen=True)
class Target:
    route: Route
    url: str
    about: str  # what the URL points at: a post's fate, a slug, MISSING, or ""


@dataclass
class World:
    users: dict
    posts: dict  # the demo author's posts, by fate
    departments: dict  # by slug
    delegation: Delegation
    page_paths: list  # every live page's path under the site's root, "" for the root
    comment: Comment  # the manager's, on the submitted post
    notice: Notice  # one of the manager's
    missing_id: int
    advice: dict  # the demo author's requests for advice, "answered" and "waiting", by pk
    protected: dict  # text that must never reach someone refused (see _leaks)


# What a path parameter names, by the path up to it.
PARAMETER_SOURCES = {
    "posts/<int:pk>": "post",
    "approvals/<int:pk>": "post",
    "cover/<int:pk>": "delegation",
    "departments/<slug:slug>": "department",
    "periods/<int:pk>": "period",
    "comments/<int:pk>": "comment",
    "notices/<int:pk>": "notice",
    "advice/<int:pk>": "advice",
}


def targets_for(route: Route, world: World) -> list[Target]:
    """The concrete URLs for a pattern; [] when it cannot be filled (the walk then fails)."""
    params = re.findall(r"<(?:\w+:)?(\w+)>", route.pattern)

    def one(about="", *args, **kwargs):
        return Target(route, reverse(route.name, args=args, kwargs=kwargs), about)

    if route.name == "guidance:serve":
        return [one("page", path) for path in world.page_paths] + [one(MISSING, "no-such-page/")]
    if route.name == "wagtail_serve":  # only reached under _util/, which the guidance leaves
        return [one(MISSING, "_util/no-such-page/")]
    if route.name == "wagtaildocs_serve":
        return [one(MISSING, world.missing_id, "missing.pdf")]
    if route.is_regex:
        return []
    if route.name.startswith("approvals:calendar") and params:
        return _calendar_targets(route, world, one)
    if not params:
        return [one()]
    if route.name == "wagtailcore_authenticate_with_password":
        home = Site.objects.get(is_default_site=True).root_page_id
        return [one(MISSING, page_view_restriction_id=world.missing_id, page_id=home)]
    if route.name == "wagtaildocs_authenticate_with_password":
        return [one(MISSING, restriction_id=world.missing_id)]
    if route.name == "approvals:post_image_file":  # each demo post's first image
        spec = "max-600x600"
        found = [
            (fate, post.pk, attached.image_id)
            for fate, post in world.posts.items()
            if (attached := post.images.order_by("position").first()) is not None
        ]
        _, some_post, some_image = found[0]
        return [one(fate, pk, image, spec) for fate, pk, image in found] + [
            one(MISSING, some_post, world.missing_id, spec),
            one(MISSING, world.missing_id, some_image, spec),
            one(MISSING, some_post, some_image, "original"),
        ]
    if route.name == "approvals:library_image_file":
        image = world.posts["draft"].images.order_by("position").first().image_id
        return [one("library", image, "max-240x240"), one(MISSING, world.missing_id, "max-240x240")]
    if params == ["pk", "attached_pk"]:  # an image of a post: each demo post's first
        found = [
            (fate, post.pk, attached.pk)
            for fate, post in world.posts.items()
            if (attached := post.images.order_by("position").first()) is not None
        ]
        return [one(fate, pk, attached) for fate, pk, attached in found] + [
            one(MISSING, found[0][1], world.missing_id),
            one(MISSING, world.missing_id, found[0][2]),
        ]
    if len(params) != 1:
        return []
    (param,) = params
    source = next(
        (kind for prefix, kind in PARAMETER_SOURCES.items() if route.pattern.startswith(prefix)),
        None,
    )
    if route.namespace == "signoff_authority":  # the Authority pages: one per department
        found = [(slug, d.pk) for slug, d in world.departments.items()]
        return [one(about, **{param: pk}) for about, pk in found] + [
            one(MISSING, **{param: world.missing_id})
        ]
    viewset = project_admin_viewsets().get(route.namespace)
    if viewset is not None:
        model = getattr(viewset, "model", None)
        if model is None:
            return []
        first = model._default_manager.order_by("pk").first()
        if first is None:
            return [one(MISSING, **{param: world.missing_id})]
        return [one(f"{model._meta.model_name} {first.pk}", **{param: first.pk})]
    if source == "post":
        found = [(fate, post.pk) for fate, post in world.posts.items()]
    elif source == "delegation":
        found = [("cover", world.delegation.pk)]
    elif source == "period":
        return [one(MISSING, **{param: world.missing_id})]
    elif source == "comment":
        found = [("comment", world.comment.pk)]
    elif source == "notice":
        found = [("notice", world.notice.pk)]
    elif source == "advice":
        found = list(world.advice.items())
    elif source == "department":
        found = [(slug, slug) for slug in world.departments]
        return [one(about, **{param: value}) for about, value in found] + [
            one(MISSING, **{param: "no-such-department"})
        ]
    else:
        return []
    return [one(about, **{param: value}) for about, value in found] + [
        one(MISSING, **{param: world.missing_id})
    ]


def _calendar_targets(route: Route, world: World, one) -> list[Target]:
    """The months the signed-off demo posts go out in, for each department."""
    months = sorted(
        {
            (when.year, when.month)
            for when in (
                timezone.localtime(world.posts[fate].publish_at) for fate in sorted(SIGNED_OFF)
            )
        }
    )
    year, month = months[0]
    if route.name == "approvals:calendar_month":
        return [one("month", *each) for each in months] + [one(MISSING, year, 13)]
    if route.name == "approvals:calendar_department":
        return [one(slug, slug, *each) for slug in world.departments for each in months] + [
            one(MISSING, "no-such-department", year, month)
        ]
    if route.name == "approvals:calendar_feed_ics":
        return [one(MISSING, "no-such-token")]
    return []


# ---------------------------------------------------------------------------
# The demo organisation, seeded once for the module
# ---------------------------------------------------------------------------


def _make_leaver(departments) -> User:
    leaver = User.objects.create_user(
        "leaver",
        email="leaver@portal.invalid",
        first_name="Lee",
        last_name="Leaver",
        is_staff=True,
        is_superuser=True,
    )
    StaffProfile.objects.create(
        user=leaver, department=departments["cabinet-office"], job_title="Former press officer"
    )
    for slug, authority in [
        ("cabinet-office", Authority.APPROVE_POSTS),
        ("cabinet-office", Authority.MANAGE_DELEGATIONS),
        ("hm-treasury", Authority.APPROVE_POSTS),
    ]:
        groups.authority_group(departments[slug], authority).user_set.add(leaver)
    return leaver


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """``seed_demo`` and a leaver, in a transaction rolled back after the module;
    each test's own changes are rolled back on top of it."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("seed_demo", stdout=io.StringIO())
        departments = {d.slug: d for d in Department.objects.all()}
        users = {u.username: u for u in User.objects.all()}
        users["leaver"] = _make_leaver(departments)
        author = users["author"]
        posts = {
            fate: Post.objects.get(author=author, text=text) for _, _, text, fate in DEMO_POSTS
        }
        comment = comments.add_comment(
            post_id=posts["submitted"].pk,
            user=users["manager"],
            version_id=posts["submitted"].current_version_id,
            text=COMMENT_TEXT,
        )
        site = Site.objects.get(is_default_site=True)
        root = site.root_page
        page_paths = [
            page.url_path.removeprefix(root.url_path)
            for page in Page.objects.live().descendant_of(root, inclusive=True)
        ]
        holders = {
            slug: {
                str(holder)
                for authority in Authority
                for holder in groups.authority_group(department, authority).user_set.all()
            }
            for slug, department in departments.items()
        }
        advice = {
            ("answered" if request.answer else "waiting"): request.pk
            for request in AdviceRequest.objects.filter(author=author)
        }
        yield World(
            users=users,
            posts=posts,
            departments=departments,
            delegation=Delegation.objects.get(delegator=users["manager"], deputy=users["deputy"]),
            page_paths=page_paths,
            comment=comment,
            notice=Notice.objects.filter(recipient=users["manager"]).earliest("pk"),
            missing_id=999_999_999,
            advice=advice,
            protected={
                # Each post's opening words, as they appear in a page.
                "posts": {fate: escape(post.text[:40]) for fate, post in posts.items()},
                "holders": holders,
                # What each request for advice asks, as it appears in a page.
                "advice": {
                    state: escape(AdviceRequest.objects.get(pk=pk).about[:40])
                    for state, pk in advice.items()
                },
            },
        )
        transaction.set_rollback(True)


# ---------------------------------------------------------------------------
# Asking
# ---------------------------------------------------------------------------


def _client_for(role: str, world: World, settings) -> Client:
    client = Client(raise_request_exception=False)
    if role == ANONYMOUS:
        return client
    if role in SIGNED_OUT:
        leaver = world.users["leaver"]
        if role == LEAVER_SSO:
            for key, value in SSO_SETTINGS.items():
                setattr(settings, key, value)
        client.force_login(
            leaver, backend=PASSWORD_BACKEND if role == LEAVER_PASSWORD else SSO_BACKEND
        )
        client.get(reverse("approvals:queue"))  # a request while still employed
        User.objects.filter(pk=leaver.pk).update(is_active=False)
        return client
    client.force_login(world.users[role])
    return client


def _ask(client: Client, url: str):
    response = client.get(url)
    allowed = {m.strip() for m in response.get("Allow", "").split(",") if m.strip()}
    if response.status_code == 405 and allowed == {"POST"}:
        # Only ever posted to: post nothing, and undo whatever it did.
        with transaction.atomic():
            response = client.post(url)
            transaction.set_rollback(True)
    return response


def _is_sign_in_redirect(response, url: str) -> bool:
    if response.status_code != 302:
        return False
    location = urlsplit(response["Location"])
    return location.path == reverse("login") and parse_qs(location.query).get("next") == [url]


# Answers that refuse: nothing of what was asked for may be in them.
REFUSALS = frozenset({301, 302, 303, 403, 404, 405, 429})


def _leaks(role: str, target: Target, response, world: World) -> list[str]:
    """Protected text in a response that ``role`` must not see."""
    # An image is streamed; it is read all the same.
    raw = b"".join(response.streaming_content) if response.streaming else response.content
    body = raw.decode(errors="replace")
    found = []
    admin_page = target.route.pattern.startswith("admin/")
    refused = response.status_code in REFUSALS
    if not (role == "admin" and admin_page and not refused):
        visible = set() if refused else SEES.get(role, set())
        if not refused and _shows_cabinet_office_calendar(role, target):
            visible = visible | SIGNED_OFF
        if not refused and role in READS_RECORDS:
            if target.route.name in {"approvals:register", "signoff_register:index"}:
                visible = visible | IN_REGISTER
            if target.route.name == "approvals:record":
                visible = visible | {target.about}
        found += [
            f"the {fate} post's text"
            for fate, text in world.protected["posts"].items()
            if fate not in visible and text in body
        ]
        if "submitted" not in visible and COMMENT_TEXT in body:
            found.append("the manager's comment on the submitted post")
    if refused or role not in ADVICE_READERS:
        found += [
            f"what the {state} request for advice asks"
            for state, about in world.protected["advice"].items()
            if about in body
        ]
    holders = world.protected["holders"]
    shown = {str(world.users[role])} if role in world.users else set()
    if not refused:
        shown |= {name for slug in MANAGES.get(role, ()) for name in holders[slug]}
        if target.route.name == "approvals:cover" and role in world.users:
            shown |= _offered_for_cover(world.users[role])
        if target.route.name == "approvals:register" and role in {"author", "reader"}:
            # Who signed each of their posts off, and under which authority: the demo's
            # history has the author's in the Cabinet Office, the reader's in the Treasury.
            shown |= holders["cabinet-office" if role == "author" else "hm-treasury"]
        if (
            target.route.name in {"approvals:post", "approvals:post_submitted", "approvals:record"}
            and role == "author"
            and target.about in world.posts
        ):
            # An author is told who signs their post off, by name, before
            # submitting it and once it is submitted.
            shown |= holders[world.posts[target.about].department.slug]
        if target.route.name == "approvals:decided":
            # Whoever decided is told whom the post waits for next, by name.
            shown |= {str(person) for person in routing.approvers_of(world.posts[target.about])}
    found += [
        f"{name}, who holds authority in {slug}"
        for slug, names in holders.items()
        for name in sorted(names - shown)
        if escape(name) in body
    ]
    return found


def _shows_cabinet_office_calendar(role: str, target: Target) -> bool:
    """Where the demo posts (all the Cabinet Office's) are on a calendar ``role`` sees."""
    if "cabinet-office" not in CALENDARS.get(role, ()):
        return False
    name = target.route.name
    return name == "approvals:calendar_month" or (
        name == "approvals:calendar_department" and target.about == "cabinet-office"
    )


def _offered_for_cover(user) -> set[str]:
    """The colleagues the cover page lists to choose from: named there as colleagues,
    with nothing said of what authority they hold."""
    if not (holdings.may_delegate(user) or holdings.managed_departments(user)):
        return set()
    people = [*selectors.deputies(user, for_others=True), *selectors.coverable_managers(user)]
    return {str(person) for person in people}


def _check(role: str, target: Target, response, world: World) -> list[str]:
    problems = []
    status = response.status_code
    if status >= 500:
        problems.append(f"{status} from the server")
    elif role in SIGNED_OUT:
        if target.route.name in PUBLIC:
            if _is_sign_in_redirect(response, target.url):
                problems.append("is public, but sends visitors to sign in")
        elif not _is_sign_in_redirect(response, target.url):
            where = response.get("Location", "")
            problems.append(f"{status} {where}: expected a redirect to sign in, next={target.url}")
    else:
        want = expected_status(role, target)
        if want is None:
            problems.append(f"no access rule for {target.route.name!r}: add one to the table")
        elif status not in (want if isinstance(want, frozenset) else {want}):
            wanted = sorted(want) if isinstance(want, frozenset) else want
            problems.append(f"{status}, expected {wanted}")
        elif status == 302 and target.route.name == "approvals:decide":
            post_url = reverse("approvals:post", args=[world.posts[target.about].pk])
            if response["Location"] != post_url:
                problems.append(f"sent to {response['Location']}, expected {post_url}")
    problems += [f"shows {leak}" for leak in _leaks(role, target, response, world)]
    return problems


def all_targets(world: World) -> list[Target]:
    return [target for route in project_routes() for target in targets_for(route, world)]


# ---------------------------------------------------------------------------
# The tests
# ---------------------------------------------------------------------------


def test_every_url_pattern_is_walked(world, db):
    """Each pattern has concrete URLs and, for the signed-in, a rule in the table."""
    problems = []
    for route in project_routes():
        targets = targets_for(route, world)
        if not targets:
            problems.append(f"{route.pattern} ({route.name}): no way to fill its parameters")
        elif any(expected_status("admin", t) is None for t in targets):
            problems.append(f"{route.pattern} ({route.name}): no access rule")
    assert not problems, "\n".join(problems)
    names = {route.name for route in project_routes()}
    # The walk reaches what matters most: posts, decisions, authority, the guidance.
    assert {
        "approvals:post",
        "approvals:decide",
        "approvals:department",
        "guidance:serve",
        "signoff_authority:department",
        "signoff_posts:inspect",
        "wagtailadmin_home",
    } <= names
    assert names >= PUBLIC, "a public URL in the list no longer exists"


@pytest.mark.parametrize("role", [*SIGNED_OUT, *ROLES])
def test_who_may_reach_what(world, db, settings, role):
    client = _client_for(role, world, settings)
    problems = []
    for target in all_targets(world):
        response = _ask(client, target.url)
        problems += [
            f"{target.url} ({target.route.name}, {target.about or '-'}): {problem}"
            for problem in _check(role, target, response, world)
        ]
    assert not problems, f"{role}:\n" + "\n".join(problems)


def test_a_missing_post_and_a_forbidden_one_answer_alike(world, db):
    """A refusal tells nobody that the post exists."""
    client = _client_for("treasury-manager", world, None)
    for name in ["approvals:post", "approvals:decide", "approvals:post_edit"]:
        forbidden = client.get(reverse(name, args=[world.posts["submitted"].pk]))
        missing = client.get(reverse(name, args=[world.missing_id]))
        assert forbidden.status_code == missing.status_code == 404
        assert alike(forbidden.content, missing.content)
        assert b"Page not found" in forbidden.content


def test_a_missing_advice_request_and_a_private_one_answer_alike(world, db):
    """A Treasury manager learns nothing of a Cabinet Office author's request for advice,
    not even that it exists."""
    client = _client_for("treasury-manager", world, None)
    for name in ["approvals:advice"]:
        private = client.get(reverse(name, args=[world.advice["waiting"]]))
        missing = client.get(reverse(name, args=[world.missing_id]))
        assert private.status_code == missing.status_code == 404
        assert alike(private.content, missing.content)
    refused = client.post(
        reverse("approvals:advice_answer", args=[world.advice["waiting"]]),
        {"answer": "go_ahead", "advice": "Go on then."},
    )
    assert refused.status_code == 404
    assert AdviceRequest.objects.get(pk=world.advice["waiting"]).answer == ""
