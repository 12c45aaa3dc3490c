from importlib import import_module

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.contrib.sessions.base_session import AbstractBaseSession, BaseSessionManager
from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.validators import validate_no_control_characters


class User(AbstractUser):
    """A civil servant with an account on the portal.

    Kept as the project's own model from the start so that fields can be
    added later without the migration pain of swapping the user model.
    """

    # Django's own fields, refusing line breaks and invisible characters: names
    # go into e-mail headers. Every form and import that sets them validates the model.
    first_name = models.CharField(
        _("first name"), max_length=150, blank=True, validators=[validate_no_control_characters]
    )
    last_name = models.CharField(
        _("last name"), max_length=150, blank=True, validators=[validate_no_control_characters]
    )

    objects = UserManager()

    class Meta:
        db_table = "portal_user"
        ordering = ["last_name", "first_name", "username"]

    def __str__(self):
        return self.get_full_name() or self.username


class SessionManager(BaseSessionManager):
    def get_queryset(self):
        # A session is read to learn who is signed in: read them together.
        return super().get_queryset().select_related("user")


class Session(AbstractBaseSession):
    """A session, naming the person signed in with it (portal.sessions)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )

    objects = SessionManager()

    @classmethod
    def get_session_store_class(cls):
        # The store the settings name (portal.sessions), which is built on this model.
        return import_module(settings.SESSION_ENGINE).SessionStore


class OrganisationAccount(models.Model):
    """The identity provider's account that signs a person in (portal.sso.accounts).

    Linked by the provider's subject at the first single sign-on and matched by
    it afterwards: an e-mail address can pass to someone new, a subject cannot.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="organisation_accounts"
    )
    issuer = models.CharField(max_length=255)
    subject = models.CharField(max_length=255)
    linked_at = models.DateTimeField(auto_now_add=True)
    last_signed_in_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["issuer", "subject"], name="one_person_per_subject"),
            models.UniqueConstraint(fields=["user", "issuer"], name="one_subject_per_person"),
        ]

    def __str__(self):
        return f"{self.user} at {self.issuer}"
