from django.contrib.auth.models import AbstractUser


class User(AbstractUser):
    """A civil servant with an account on the portal.

    Kept as the project's own model from the start so that fields can be
    added later without the migration pain of swapping the user model.
    """

    class Meta:
        db_table = "portal_user"
        ordering = ["last_name", "first_name", "username"]

    def __str__(self):
        return self.get_full_name() or self.username
