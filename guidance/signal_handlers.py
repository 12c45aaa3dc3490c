from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from guidance import published, services
from guidance.models.pages import GuidanceBasePage


def on_page_published(sender, instance, revision=None, alias=False, **kwargs):
    published.forget_directory()
    # An alias is published with its original's revision, already counted.
    if isinstance(instance, GuidanceBasePage) and not alias:
        services.record_publication(page=instance, revision=revision)


def on_tree_changed(sender, instance=None, **kwargs):
    if sender in (PageViewRestriction, Site) or isinstance(instance, Page):
        published.forget_directory()


def connect():
    page_published.connect(on_page_published, dispatch_uid="guidance-page-published")
    for signal in (page_unpublished, post_page_move, post_delete):
        signal.connect(on_tree_changed, dispatch_uid=f"guidance-tree-{id(signal)}")
    for model in (PageViewRestriction, Site):
        post_save.connect(on_tree_changed, sender=model, dispatch_uid=f"guidance-{model.__name__}")
