from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from approvals.authority.staff_import import COLUMNS, import_staff_file


class Command(BaseCommand):
    help = f"Import staff from a CSV file (UTF-8) with the columns: {', '.join(COLUMNS)}."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)

    def handle(self, *args, path: Path, **options):
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror}.") from error
        result = import_staff_file(data)
        if result.errors:
            raise CommandError("Nothing was imported:\n" + "\n".join(result.errors))
        self.stdout.write(
            self.style.SUCCESS(f"Imported staff: {result.created} new, {result.updated} updated.")
        )
