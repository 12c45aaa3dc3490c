from django.core.management.base import BaseCommand

from approvals.mail import outbox


class Command(BaseCommand):
    help = (
        "Send the e-mail waiting in the outbox now, as the periodic relay does: "
        "safe beside running workers, which never take the same message."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--limit", type=int, default=10_000, help="Most messages to try (default 10,000)."
        )

    def handle(self, *args, **options):
        tried = outbox.relay(limit=options["limit"])
        self.stdout.write(self.style.SUCCESS(f"{tried} messages tried."))
