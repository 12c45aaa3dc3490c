"""The Sign-off section of the Wagtail admin: what each person reaches there,
that the audit trail stays read-only, and that authority granted there obeys
the same rule as on the site: nobody grants what they do not hold."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import NoReverseMatch, reverse

from approvals.authority import groups
from approvals.models import (
    AuditAction,
    AuditEvent,
    Authority,
    Delegation,
    Department,
    OutboxMessage,
    SignOffPolicy,
    StaffProfile,
)
from approvals.posts import deciding
from tests.approvals.conftest import RISKY_TEXT

pytestmark = pytest.mark.django_db


def with_admin_access(user):
    """Reaching the Wagtail admin at all takes its access permission, held through a group."""
    group, _ = Group.objects.get_or_create(name="Admin access")
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    user.groups.add(group)
    return user


@pytest.fixture
def post(org, make_post):
    post = make_post(org.author, text=RISKY_TEXT)
    deciding.decide(
        post_id=post.pk,
        version_id=post.current_version_id,
        user=org.manager,
        outcome="changes_requested",
        reason="Take the phone number out.",
    )
    return post


def url(name, *args):
    return reverse(f"signoff_{name}", args=args)


def admin_pages(org, post):
    delegation = Delegation.objects.get()
    event = AuditEvent.objects.filter(post=post).first()
    message = OutboxMessage.objects.first()
    return [
        url("departments:index"),
        url("departments:inspect", org.cabinet_office.pk),
        url("departments:add"),
        url("departments:edit", org.cabinet_office.pk),
        url("departments:history", org.cabinet_office.pk),
        url("departments:delete", org.cabinet_office.pk),
        url("staff:index"),
        url("staff:inspect", org.author.staff_profile.pk),
        url("staff:add"),
        url("staff:edit", org.author.staff_profile.pk),
        url("delegations:index"),
        url("delegations:inspect", delegation.pk),
        url("delegations:withdraw", delegation.pk),
        url("posts:index"),
        url("posts:inspect", post.pk),
        url("audit:index"),
        url("audit:inspect", event.pk),
        url("outbox:index"),
        url("outbox:inspect", message.pk),
        url("authority:index"),
        url("authority:department", org.cabinet_office.pk),
    ]


def test_every_page_renders_for_a_superuser_and_the_menu_offers_them(org, post, as_user):
    client = as_user(org.superuser)
    for page in admin_pages(org, post):
        assert client.get(page).status_code == 200, page
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    for label in ["Sign-off", "Departments", "Staff profiles", "Audit trail", "Authority"]:
        assert f'"label": "{label}"' in home


def test_lists_filter_and_search(org, post, as_user):
    client = as_user(org.superuser)

    def rows(page, **query):
        return client.get(page, query).content.decode()

    assert str(org.treasury_author) not in rows(
        url("staff:index"), department=org.cabinet_office.pk
    )
    assert str(org.author) in rows(url("staff:index"), q=org.author.last_name)
    in_co = {"department": org.cabinet_office.pk, "channel": "linkedin"}
    assert f"Post {post.pk} by" in rows(url("posts:index"), status="changes_requested", **in_co)
    assert f"Post {post.pk} by" not in rows(url("posts:index"), channel="x")
    assert f"Post {post.pk} by" not in rows(url("posts:index"), status="published")
    assert "Take the phone number out." in rows(url("audit:index"), q="phone number")
    assert "Take the phone number out." not in rows(url("audit:index"), action="submitted")

    sent, waiting = OutboxMessage.objects.order_by("pk")[:2]
    OutboxMessage.objects.filter(pk=sent.pk).update(sent_at=sent.created_at)
    unsent = rows(url("outbox:index"), unsent="true")
    assert waiting.subject in unsent and url("outbox:inspect", sent.pk) not in unsent


def test_a_post_is_inspected_with_its_versions_decisions_and_audit_trail(org, post, as_user):
    page = as_user(org.superuser).get(url("posts:inspect", post.pk)).content.decode()
    assert "Call 020 7946 0000." in page
    assert "Request changes" in page
    assert "Take the phone number out." in page
    assert "Submitted for sign-off" in page


@pytest.mark.parametrize("viewset", ["audit", "posts", "outbox", "delegations"])
def test_records_the_services_write_have_no_add_edit_or_delete_in_the_admin(
    org, post, as_user, viewset
):
    client = as_user(org.superuser)
    for view in ["add", "edit", "delete", "copy"]:
        with pytest.raises(NoReverseMatch):
            reverse(f"signoff_{viewset}:{view}", args=[] if view == "add" else [1])
    base = url(f"{viewset}:index")
    for path in ["new/", "edit/1/", "delete/1/", "copy/1/"]:
        assert client.get(base + path).status_code == 404
        assert client.post(base + path, {"comment": "rewritten"}).status_code == 404


def test_the_audit_trail_is_read_only_even_for_a_superuser(org, post, as_user):
    before = list(AuditEvent.objects.values())
    client = as_user(org.superuser)
    event = before[0]
    base = url("audit:index")
    for path in ["new/", f"edit/{event['id']}/", f"delete/{event['id']}/"]:
        assert client.post(base + path, {"action": "approved", "comment": "x"}).status_code in {
            404,
            405,
        }
    inspect = client.get(url("audit:inspect", event["id"])).content.decode()
    assert 'aria-label="Actions"' not in inspect
    assert list(AuditEvent.objects.values()) == before


def test_a_superuser_grants_and_withdraws_authority_in_the_admin(org, as_user):
    client = as_user(org.superuser)
    page = url("authority:department", org.cabinet_office.pk)
    approvers = groups.authority_group(org.cabinet_office, Authority.APPROVE_POSTS)

    granted = client.post(
        page,
        {"action": "grant", "authority": Authority.APPROVE_POSTS, "person": org.colleague.pk},
        follow=True,
    )
    assert approvers.user_set.filter(pk=org.colleague.pk).exists()
    assert f"{org.colleague} now holds approve posts in Cabinet Office." in granted.content.decode()

    client.post(
        page,
        {"action": "withdraw", "authority": Authority.APPROVE_POSTS, "person": org.colleague.pk},
    )
    assert not approvers.user_set.filter(pk=org.colleague.pk).exists()
    trail = AuditEvent.objects.filter(subject=org.colleague).order_by("pk")
    assert [(e.action, e.actor, e.department) for e in trail] == [
        (AuditAction.AUTHORITY_GRANTED, org.superuser, org.cabinet_office),
        (AuditAction.AUTHORITY_WITHDRAWN, org.superuser, org.cabinet_office),
    ]


def test_a_department_admin_grants_only_what_they_hold(org, as_user):
    client = as_user(with_admin_access(org.co_admin))
    page = url("authority:department", org.cabinet_office.pk)
    shown = client.get(page).content.decode()
    assert "Grant manage delegations and authority" in shown
    assert "Grant approve posts" not in shown

    refused = client.post(
        page,
        {"action": "grant", "authority": Authority.APPROVE_POSTS, "person": org.colleague.pk},
        follow=True,
    )
    assert "You cannot grant or withdraw that authority in this department." in (
        refused.content.decode()
    )
    withdraw = client.post(
        page,
        {"action": "withdraw", "authority": Authority.APPROVE_POSTS, "person": org.press.pk},
    )
    assert withdraw.status_code == 302
    approvers = groups.authority_group(org.cabinet_office, Authority.APPROVE_POSTS)
    assert list(approvers.user_set.all()) == [org.press]
    assert not AuditEvent.objects.filter(action=AuditAction.AUTHORITY_GRANTED).exists()

    client.post(
        page,
        {"action": "grant", "authority": Authority.MANAGE_DELEGATIONS, "person": org.deputy.pk},
    )
    assert AuditEvent.objects.get(action=AuditAction.AUTHORITY_GRANTED).subject == org.deputy


def test_a_department_admin_sees_and_touches_nothing_of_another_department(org, as_user):
    client = as_user(with_admin_access(org.co_admin))
    index = client.get(url("authority:index")).content.decode()
    assert "Cabinet Office" in index and "HM Treasury" not in index

    treasury = url("authority:department", org.treasury.pk)
    page = client.get(treasury)
    assert page.status_code == 404
    assert str(org.treasury_manager) not in page.content.decode()
    grant = {
        "action": "grant",
        "authority": Authority.MANAGE_DELEGATIONS,
        "person": org.treasury_author.pk,
    }
    assert client.post(treasury, grant).status_code == 404
    assert not org.treasury_author.groups.exists()
    assert not AuditEvent.objects.exists()


def test_a_department_admin_gets_the_authority_view_but_no_model_views(org, as_user):
    client = as_user(with_admin_access(org.co_admin))
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert '"label": "Sign-off"' in home and '"label": "Authority"' in home
    assert '"label": "Audit trail"' not in home
    for page in [url("departments:index"), url("audit:index"), url("staff:index")]:
        response = client.get(page)
        assert response.status_code == 302
        assert response.url == reverse("wagtailadmin_home")


@pytest.mark.parametrize("admin_access", [False, True])
def test_people_who_administer_nothing_reach_none_of_it(org, post, as_user, admin_access):
    person = with_admin_access(org.press) if admin_access else org.press
    client = as_user(person)
    for page in admin_pages(org, post):
        response = client.get(page)
        assert response.status_code in {302, 404}, page
        assert "Take the phone number out." not in response.content.decode()
    if admin_access:
        home = client.get(reverse("wagtailadmin_home")).content.decode()
        assert '"label": "Sign-off"' not in home
    grant = {"action": "grant", "authority": Authority.APPROVE_POSTS, "person": org.colleague.pk}
    client.post(url("authority:department", org.cabinet_office.pk), grant)
    assert not org.colleague.groups.exists()


def staff_form(profile, **changes):
    return {
        "user": profile.user_id,
        "department": profile.department_id,
        "job_title": profile.job_title,
        "line_manager": profile.line_manager_id or "",
        **changes,
    }


def test_nobody_is_made_their_own_line_manager(org, as_user):
    profile = org.author.staff_profile
    response = as_user(org.superuser).post(
        url("staff:edit", profile.pk), staff_form(profile, line_manager=org.author.pk)
    )
    assert response.status_code == 200
    assert "Nobody can be their own line manager." in response.content.decode()
    profile.refresh_from_db()
    assert profile.line_manager == org.manager


def test_line_management_cannot_loop(org, as_user):
    # The author reports to the manager; the press officer now reports to the author.
    StaffProfile.objects.filter(user=org.press).update(line_manager=org.author)
    profile = org.manager.staff_profile
    for report in [org.author, org.press]:
        response = as_user(org.superuser).post(
            url("staff:edit", profile.pk), staff_form(profile, line_manager=report.pk)
        )
        assert response.status_code == 200
        assert (
            f"{org.manager} already manages {report}, directly or through others"
            in response.content.decode()
        )
    profile.refresh_from_db()
    assert profile.line_manager is None


def department_form(department, **changes):
    return {
        "name": department.name,
        "slug": department.slug,
        "abbreviation": department.abbreviation,
        "parent": department.parent_id or "",
        "signoff_policy": department.signoff_policy,
        **changes,
    }


def test_a_superuser_adds_a_department(org, as_user):
    new = Department(name="Office for Tests", slug="tests", signoff_policy=SignOffPolicy.NEVER)
    as_user(org.superuser).post(url("departments:add"), department_form(new))
    assert Department.objects.get(slug="tests").signoff_policy == SignOffPolicy.NEVER


def test_changing_the_signoff_policy_in_the_admin_is_audited(org, as_user):
    client = as_user(org.superuser)
    department = org.cabinet_office
    client.post(
        url("departments:edit", department.pk),
        department_form(department, abbreviation="CAB", signoff_policy=SignOffPolicy.ALWAYS),
    )
    department.refresh_from_db()
    assert (department.abbreviation, department.signoff_policy) == ("CAB", SignOffPolicy.ALWAYS)
    event = AuditEvent.objects.get(action=AuditAction.POLICY_CHANGED)
    assert (event.actor, event.department, event.comment) == (
        org.superuser,
        department,
        SignOffPolicy.ALWAYS.label,
    )


def department_editor(user):
    user.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_department", "change_department"])
    )
    return with_admin_access(user)


def test_the_menu_is_for_superusers_and_department_admins_only(org, as_user):
    home = as_user(department_editor(org.press)).get(reverse("wagtailadmin_home"))
    assert '"label": "Sign-off"' not in home.content.decode()


def test_model_permissions_do_not_let_someone_change_a_policy_they_do_not_manage(org, as_user):
    editor = department_editor(org.press)
    response = as_user(editor).post(
        url("departments:edit", org.treasury.pk),
        department_form(org.treasury, signoff_policy=SignOffPolicy.NEVER),
    )
    assert "Only someone who manages this department can change its sign-off policy." in (
        response.content.decode()
    )
    org.treasury.refresh_from_db()
    assert org.treasury.signoff_policy == SignOffPolicy.ALWAYS
    assert not AuditEvent.objects.exists()


def test_the_accessibility_findings_flag_is_set_in_the_admin_and_audited(org, as_user):
    department = org.cabinet_office
    as_user(org.superuser).post(
        url("departments:edit", department.pk),
        department_form(department, accessibility_findings_need_second_step="on"),
    )
    department.refresh_from_db()
    assert department.accessibility_findings_need_second_step
    event = AuditEvent.objects.get(action=AuditAction.POLICY_CHANGED)
    assert event.comment == (
        f"{SignOffPolicy.WHEN_FINDINGS.label}. Accessibility findings alone now send a post "
        "to the second step."
    )


def test_model_permissions_do_not_let_someone_change_the_flag_they_do_not_manage(org, as_user):
    response = as_user(department_editor(org.press)).post(
        url("departments:edit", org.treasury.pk),
        department_form(org.treasury, accessibility_findings_need_second_step="on"),
    )
    assert "Only someone who manages this department can change its sign-off policy." in (
        response.content.decode()
    )
    org.treasury.refresh_from_db()
    assert not org.treasury.accessibility_findings_need_second_step
    assert not AuditEvent.objects.exists()


def test_a_department_cannot_sit_under_its_own_agency(org, as_user):
    agency = Department.objects.create(
        name="Crown Commercial Service", slug="ccs", parent=org.cabinet_office
    )
    response = as_user(org.superuser).post(
        url("departments:edit", org.cabinet_office.pk),
        department_form(org.cabinet_office, parent=agency.pk),
    )
    assert "cannot sit under itself or one of its agencies" in response.content.decode()
    org.cabinet_office.refresh_from_db()
    assert org.cabinet_office.parent is None


def test_deleting_a_department_with_staff_explains_why_it_cannot(org, as_user):
    response = as_user(org.superuser).post(
        url("departments:delete", org.cabinet_office.pk), follow=True
    )
    assert response.status_code == 200
    assert "Cabinet Office cannot be deleted: it still has" in response.content.decode()
    assert "staff profiles" in response.content.decode()
    assert Department.objects.filter(pk=org.cabinet_office.pk).exists()
    assert Group.objects.filter(authority__department=org.cabinet_office).exists()


def test_deleting_an_empty_department_takes_its_authority_groups_with_it(org, as_user):
    empty = Department.objects.create(name="Office for Tests", slug="tests")
    group = groups.authority_group(empty, Authority.APPROVE_POSTS)
    group.user_set.add(org.press)
    as_user(org.superuser).post(url("departments:delete", empty.pk))
    assert not Department.objects.filter(pk=empty.pk).exists()
    assert not Group.objects.filter(pk=group.pk).exists()


def test_cover_is_withdrawn_in_the_admin_through_the_service(org, as_user):
    delegation = Delegation.objects.get()
    as_user(org.superuser).post(url("delegations:withdraw", delegation.pk))
    delegation.refresh_from_db()
    assert delegation.withdrawn_at is not None
    event = AuditEvent.objects.get(action=AuditAction.DELEGATION_WITHDRAWN)
    assert (event.actor, event.subject) == (org.superuser, org.deputy)
