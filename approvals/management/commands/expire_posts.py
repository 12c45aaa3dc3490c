from django.core.management.base import BaseCommand

from approvals.posts import expiry


class Command(BaseCommand):
    help = "Expire the posts whose publication time passed before they were signed off."

    def handle(self, *args, **options):
        expired = expiry.expire_overdue()
        self.stdout.write(self.style.SUCCESS(f"{expired} posts expired."))
