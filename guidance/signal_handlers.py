from wagtail.signals import page_published

from guidance import services
from guidance.models.pages import GuidanceBasePage


def on_page_published(sender, instance, revision=None, alias=False, **kwargs):
    # An alias is published with its original's revision, already counted.
    if isinstance(instance, GuidanceBasePage) and not alias:
        services.record_publication(page=instance, revision=revision)


def connect():
    page_published.connect(on_page_published, dispatch_uid="guidance-page-published")
