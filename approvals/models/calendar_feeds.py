import secrets

from django.conf import settings
from django.db import models

User = settings.AUTH_USER_MODEL


def new_token() -> str:
    return secrets.token_urlsafe(32)


class CalendarFeed(models.Model):
    """A person's secret calendar address, for Outlook and other calendar apps.

    Anyone holding the address reads the feed without signing in, so the token
    is the only key: a new token revokes the old address.
    """

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="calendar_feed")
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"Calendar feed of {self.user}"
