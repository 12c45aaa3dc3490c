from django.db import models


class MissedInvalidation(models.Model):
    """A scope whose entries should have been dropped while the cache could
    not be reached: it is started anew once the cache is back."""

    scope = models.CharField(max_length=100)
    missed_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"{self.scope} at {self.missed_at:%Y-%m-%d %H:%M:%S}"
