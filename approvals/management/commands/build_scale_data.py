from django.core.management.base import BaseCommand, CommandError

from approvals.devdata import scale_data


class Command(BaseCommand):
    help = (
        "Build the scale data set: by default 100,000 posts across 200 departments and "
        "5,000 staff. Does nothing if it is already there."
    )

    def add_arguments(self, parser):
        parser.add_argument("--posts", type=int, default=100_000)
        parser.add_argument("--departments", type=int, default=200)
        parser.add_argument("--staff", type=int, default=5_000)

    def handle(self, *args, posts, departments, staff, **options):
        if departments < 1 or staff < departments * 3:
            raise CommandError("Give at least one department and three staff per department.")
        if scale_data.exists():
            self.stdout.write("The scale data set is already there.")
            return
        created = scale_data.build(posts=posts, departments=departments, staff=staff)
        scale_data.analyse()
        self.stdout.write(
            self.style.SUCCESS(
                f"Built {created:,} posts across {departments} departments and {staff:,} staff."
            )
        )
