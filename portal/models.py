from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils.translation import gettext_lazy as _

from portal import user_cache
from portal.validators import validate_no_control_characters


class UserQuerySet(models.QuerySet):
    def update(self, **kwargs):
        # Saves and deletes tell the user cache of each user they change; an
        # update in bulk changes users without loading them.
        updated = super().update(**kwargs)
        user_cache.everyone_changed()
        return updated


class PortalUserManager(UserManager.from_queryset(UserQuerySet)):
    pass


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

    objects = PortalUserManager()

    class Meta:
        db_table = "portal_user"
        ordering = ["last_name", "first_name", "username"]

    def __str__(self):
        return self.get_full_name() or self.username

    def get_session_auth_hash(self):
        # A user from portal.user_cache comes without its password hash, and
        # with the hash worked out from it when the row was read. Once the
        # password is loaded or set, it is worked out from that instead.
        if "password" not in self.__dict__ and hasattr(self, "cached_session_auth_hash"):
            return self.cached_session_auth_hash
        return super().get_session_auth_hash()
