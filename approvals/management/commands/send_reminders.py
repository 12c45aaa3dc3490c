from django.core.management.base import BaseCommand

from approvals.advice import reminders as advice_reminders
from approvals.reminders import sending


class Command(BaseCommand):
    help = (
        "Send the sign-off reminders and escalations that are due, one e-mail per person, "
        "as the scheduled sweep does. Sends nothing twice, however often it runs."
    )

    def handle(self, *args, **options):
        advice = advice_reminders.sweep()
        self.stdout.write(
            f"Advice: {advice.waiting} requests waiting, {advice.reminders} reminders "
            f"sent in {advice.digests} e-mails."
        )
        result = sending.sweep()
        if result.skipped:
            self.stdout.write("Another sweep is running; it will send what is due.")
            return
        self.stdout.write(
            self.style.SUCCESS(
                f"{result.waiting} posts waiting: {result.reminders} reminders "
                f"queued in {result.digests} e-mails."
            )
        )
