from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from approvals.staff_import import COLUMNS, import_staff


class Command(BaseCommand):
    help = f"Import staff from a CSV file with the columns: {', '.join(COLUMNS)}."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)

    def handle(self, *args, path: Path, **options):
        if not path.is_file():
            raise CommandError(f"No file at {path}.")
        with path.open(newline="", encoding="utf-8-sig") as source:
            result = import_staff(source)
        if result.errors:
            raise CommandError("Nothing was imported:\n" + "\n".join(result.errors))
        self.stdout.write(
            self.style.SUCCESS(f"Imported staff: {result.created} new, {result.updated} updated.")
        )
