from django.core.management.base import BaseCommand
from django.utils import timezone

from approvals.retention import sweep


class Command(BaseCommand):
    help = (
        "Apply the retention schedule: delete drafts never submitted once old (audited), "
        "and list records of submitted posts due for review. --dry-run only lists."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="List what would be deleted; delete nothing."
        )

    def handle(self, *args, dry_run=False, **options):
        when = sweep.due()
        drafts = list(sweep.drafts_due(when))
        records = sweep.records_due(when)
        verb = "Would delete" if dry_run else "Deleting"
        self.stdout.write(
            f"{verb} {len(drafts)} drafts never submitted and unchanged since "
            f"{timezone.localtime(when.drafts_before):%d %B %Y}:"
        )
        for draft in drafts:
            self.stdout.write(
                f"  draft {draft.pk} by {draft.author} ({draft.department}), "
                f"last changed {timezone.localtime(draft.updated_at):%d %B %Y}"
            )
        self.stdout.write(
            f"{records.count()} records of submitted posts unchanged since "
            f"{timezone.localtime(when.records_before):%d %B %Y} are due for review "
            "(never deleted automatically)."
        )
        for record in records[: sweep.LISTED]:
            self.stdout.write(
                f"  post {record.pk} by {record.author} ({record.department}), "
                f"{record.get_status_display().lower()}, last changed "
                f"{timezone.localtime(record.updated_at):%d %B %Y}"
            )
        if not dry_run:
            deleted = sweep.apply()
            self.stdout.write(self.style.SUCCESS(f"{deleted} drafts deleted."))
