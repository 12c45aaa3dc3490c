from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

from approvals.devdata.demo import seed_advice, seed_people, seed_periods, seed_powers
from approvals.devdata.demo_posts import seed_posts
from approvals.devdata.history import seed_history
from guidance.seeding import seed_demo_editors, seed_guidance


class Command(BaseCommand):
    help = (
        "Load the demo departments, users and content. "
        "Safe to run again: the second run changes nothing."
    )

    def handle(self, *args, **options):
        with transaction.atomic():
            users = seed_people(password=settings.DEMO_PASSWORD)
            # Each app seeds its own demo content below, given the demo users.
            seed_guidance()
            seed_demo_editors(users)
            seed_powers(users)
            seed_posts(users)
            seed_periods(users)
            seed_advice(users)
            seed_history(users)
        self.stdout.write(self.style.SUCCESS(f"Demo data ready: {len(users)} users."))
        # The last thing `make run` prints before the servers' logs start.
        self.stdout.write(
            f"\n  The portal:  {settings.WAGTAILADMIN_BASE_URL.rstrip('/')}/\n"
            f"  Sign in as:  {', '.join(users)} (the README says who each is)\n"
            f"  Password:    {settings.DEMO_PASSWORD}\n"
        )
