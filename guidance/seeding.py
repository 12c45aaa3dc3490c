"""Put the guidance in place: the pages from the source documents, the editing
groups and the sign-off workflow.

Every function converges on the same state however often it runs. A page is
created only when it is missing, so a page an editor has changed is never
touched again.
"""

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils.html import escape
from django.utils.text import slugify
from django_celery_beat.models import IntervalSchedule, PeriodicTask
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page, Site, Workflow, WorkflowPage, WorkflowTask
from wagtail.rich_text import RichText

from guidance import sources
from guidance.models import (
    CivilServiceCodePage,
    GuidanceHomePage,
    GuidancePage,
    PolicyReviewTask,
    PrinciplePage,
)

EDITORS = "Policy editors"
APPROVERS = "Policy approvers"
WORKFLOW = "Guidance sign-off"
REVIEW_TASK = "Policy approval"
ABOUT_SLUG = "about-this-guidance"
PUBLISH_SCHEDULED_TASK = "Publish scheduled guidance"

EDITOR_PAGE_PERMISSIONS = ["add_page", "change_page", "lock_page"]
# No "publish_page": approving in the workflow publishes (guidance.permissions).
APPROVER_PAGE_PERMISSIONS = [*EDITOR_PAGE_PERMISSIONS, "unlock_page"]


def _paragraph(text: str) -> RichText:
    return RichText(f"<p>{escape(text)}</p>")


def _publish(parent: Page, page: Page) -> Page:
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def tree_root() -> Page:
    root = Page.get_first_root_node()
    if root is None:
        # Wagtail's migrations make the root; only an emptied database lacks it.
        Locale.objects.get_or_create(
            language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
        )
        root = Page.add_root(instance=Page(title="Root", slug="root"))
    return root


def seed_home(source: sources.Sources) -> GuidanceHomePage:
    home = GuidanceHomePage.objects.first()
    if home is None:
        home = _publish(
            tree_root(),
            GuidanceHomePage(
                title=source.principles_2009_title,
                slug="guidance",
                introduction=f"<p>{escape(source.introduction_2009)}</p>",
            ),
        )
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        Site.objects.create(
            hostname="localhost",
            root_page=home,
            is_default_site=True,
            site_name=settings.WAGTAIL_SITE_NAME,
        )
    elif site.root_page_id != home.pk:
        placeholder = site.root_page
        site.root_page = home
        site.site_name = site.site_name or settings.WAGTAIL_SITE_NAME
        site.save()
        # Wagtail's "Welcome to your new Wagtail site!" page is a plain Page
        # nobody has built on; anything else is someone's content and stays.
        if placeholder.specific_class is Page and placeholder.is_leaf():
            placeholder.delete()
    return home


def seed_principles(home: GuidanceHomePage, source: sources.Sources) -> None:
    existing = set(PrinciplePage.objects.child_of(home).values_list("number", flat=True))
    for principle in source.principles:
        if principle.number not in existing:
            _publish(
                home,
                PrinciplePage(
                    title=principle.title,
                    slug=slugify(principle.title),
                    number=principle.number,
                    statement=principle.statement,
                ),
            )


def seed_code_page(home: GuidanceHomePage, source: sources.Sources) -> None:
    if CivilServiceCodePage.objects.child_of(home).exists():
        return
    body = [("text", _paragraph(paragraph)) for paragraph in source.code_paragraphs]
    body.append(("civil_service_code", {"text": source.code_link_text, "url": source.code_url}))
    _publish(
        home,
        CivilServiceCodePage(
            title=source.code_heading, slug="civil-service-code-online", body=body
        ),
    )


def seed_about_page(home: GuidanceHomePage, source: sources.Sources) -> None:
    if GuidancePage.objects.child_of(home).filter(slug=ABOUT_SLUG).exists():
        return
    body = [
        (
            "text",
            RichText(
                f"<h2>{escape(source.guidance_title)}</h2>"
                f"<p>{escape(source.guidance_subtitle)}, {escape(source.guidance_date)}. "
                f"Cabinet Office: {escape(source.guidance_strapline)}.</p>"
                f"<p>The {escape(source.principles_heading.lower())}, and "
                f"{escape(source.code_heading[0].lower() + source.code_heading[1:])}.</p>"
            ),
        ),
        (
            "text",
            RichText(
                f"<h2>{escape(source.principles_2009_title)}</h2>"
                "<p>The same principles republished in 2009, with the Civil Service Code "
                "section first, and a card of the five principles "
                f"{escape(source.card_note_2009[source.card_note_2009.index('(') :])}</p>"
            ),
        ),
        (
            "text",
            RichText(
                "<h2>Copyright and licence</h2><p>© Crown copyright. The text is used under "
                '<a href="https://www.nationalarchives.gov.uk/doc/open-government-licence/'
                'version/3/">the Open Government Licence v3.0</a>.</p>'
            ),
        ),
    ]
    _publish(
        home,
        GuidancePage(
            title="About this guidance",
            slug=ABOUT_SLUG,
            introduction="Where the principles and the guidance on the Civil Service Code "
            "come from, word for word.",
            body=body,
        ),
    )


def _permission(codename: str, app_label: str) -> Permission:
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def set_up_editing(home: GuidanceHomePage) -> Workflow:
    """Editors edit and submit; approvers approve, which publishes."""
    editors, _ = Group.objects.get_or_create(name=EDITORS)
    approvers, _ = Group.objects.get_or_create(name=APPROVERS)
    access_admin = _permission("access_admin", "wagtailadmin")
    for group, codenames in [
        (editors, EDITOR_PAGE_PERMISSIONS),
        (approvers, APPROVER_PAGE_PERMISSIONS),
    ]:
        group.permissions.add(access_admin)
        for codename in codenames:
            group.page_permissions.get_or_create(
                page=home, permission=_permission(codename, "wagtailcore")
            )
        # Approvers were once given it; the policy ignores it, and the group
        # admin should not show it ticked.
        group.page_permissions.filter(page=home, permission__codename="publish_page").delete()

    task = PolicyReviewTask.objects.filter(name=REVIEW_TASK).first()
    if task is None:
        task = PolicyReviewTask.objects.create(name=REVIEW_TASK)
        task.groups.add(approvers)
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowPage.objects.get_or_create(page=home, defaults={"workflow": workflow})
    return workflow


def schedule_publishing() -> None:
    """Scheduled changes go live within a minute, run by Celery beat."""
    every_minute, _ = IntervalSchedule.objects.get_or_create(
        every=1, period=IntervalSchedule.MINUTES
    )
    PeriodicTask.objects.get_or_create(
        name=PUBLISH_SCHEDULED_TASK,
        defaults={"interval": every_minute, "task": "guidance.tasks.publish_scheduled_pages"},
    )


def seed_guidance() -> GuidanceHomePage:
    source = sources.load()
    with transaction.atomic():
        home = seed_home(source)
        seed_principles(home, source)
        seed_code_page(home, source)
        seed_about_page(home, source)
        set_up_editing(home)
        schedule_publishing()
    return home


def seed_demo_editors(users: dict) -> None:
    """The demo `editor` edits; `admin` approves."""
    Group.objects.get(name=EDITORS).user_set.add(users["editor"])
    Group.objects.get(name=APPROVERS).user_set.add(users["admin"])
