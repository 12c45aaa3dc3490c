from django.conf import settings
from django.db import models

# Readers confirm a version of the guidance, numbered from 1. Version 1 is
# the guidance as first published and has no row; every later version is a
# GuidanceVersion, started by publishing a change that needs confirming.
FIRST_VERSION = 1


class GuidanceVersion(models.Model):
    """A published change after which every reader must confirm again."""

    number = models.PositiveIntegerField(unique=True)
    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    page_title = models.CharField(max_length=255)
    # One version per published revision, however often the publish signal
    # fires for it.
    revision = models.OneToOneField(
        "wagtailcore.Revision", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    published_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(number__gt=FIRST_VERSION), name="guidance_version_after_first"
            )
        ]

    def __str__(self):
        return f"Version {self.number}: {self.page_title}"


class Acknowledgement(models.Model):
    """A reader's confirmation that they have read one version of the principles."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="acknowledgements"
    )
    version = models.PositiveIntegerField()
    acknowledged_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-acknowledged_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "version"], name="one_acknowledgement_a_version"
            )
        ]

    def __str__(self):
        return f"{self.user} read version {self.version}"
