"""`make bench`, part: the checks on the longest thread a post may be.

Times ``threads.check_thread`` (every principle and accessibility check on every part)
on a thread of ``MOST_PARTS`` parts, each filled to its channel's limit as the channel
counts it, for each channel that takes threads; then on the most the form accepts (a
first part of ``TEXT_MAX`` characters and every other part of ``PART_MAX``), which no
channel would publish but which the checks must still bound. Prints the median and the
slowest of ``RUNS`` runs. Target: under 50 ms for the longest thread that can go out.
Pure Python: no database. Times are the process's own CPU time: on a machine shared with
other work, the wall clock counts their turns on the CPU too.
"""

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

RUNS = 30
TARGET_MS = 50

# A part of a realistic thread: sentences, a link, a hashtag, an emoji, a number, an
# acronym, the things the checks look for.
SENTENCE = (
    "The Cabinet Office NHS team will publish new guidance on 12 May at gov.uk/guidance 👍 "
    "and answer questions from civil servants across the country this week. "
)
TAGS = " #CivilService #civilservicejobs"


def filled(channel, limit: int) -> str:
    """Text as long as ``channel`` allows, counted as it counts, ending in hashtags."""
    from approvals.posts.channels import post_length

    text = SENTENCE
    while post_length(text + SENTENCE + TAGS, channel) <= limit:
        text += SENTENCE
    while post_length(text + "a" + TAGS, channel) <= limit:
        text += "a"
    return text + TAGS


def timed(parts: list[str], channel: str) -> tuple[float, float, float]:
    """The median and slowest CPU time, and the median wall-clock time, in ms."""
    from approvals.posts.threads import check_thread

    took, wall = [], []
    for _ in range(RUNS):
        start, started = time.process_time(), time.perf_counter()
        check_thread(
            parts=parts,
            channel=channel,
            link="https://www.gov.uk/government/publications",
            department_names=["Cabinet Office", "CO"],
            account="@cabinetofficeuk",
        )
        took.append((time.process_time() - start) * 1000)
        wall.append((time.perf_counter() - started) * 1000)
    return statistics.median(took), max(took), statistics.median(wall)


def main() -> int:
    import django

    django.setup()
    from approvals.posts.channels import MOST_PARTS, PART_MAX, TEXT_MAX, Channel, post_length

    print(f"Checks on a thread of {MOST_PARTS} parts, {RUNS} runs (target: {TARGET_MS} ms)")
    worst = 0.0
    for channel in (channel for channel in Channel if channel.takes_threads):
        assert channel.limit is not None
        part = filled(channel, channel.limit)
        median, slowest, wall = timed([part] * MOST_PARTS, channel.value)
        worst = max(worst, median)
        print(
            f"  {channel.label}: {MOST_PARTS} parts of {post_length(part, channel)} "
            f"(its limit {channel.limit}), {len(part) * MOST_PARTS:,} characters: "
            f"median {median:.1f} ms, slowest {slowest:.1f} ms (wall clock {wall:.1f} ms)"
        )
    most = [filled(Channel.BLOG, TEXT_MAX)] + [filled(Channel.BLOG, PART_MAX)] * (MOST_PARTS - 1)
    median, slowest, wall = timed(most, Channel.X.value)
    print(
        f"  the most the form accepts ({sum(map(len, most)):,} characters): "
        f"median {median:.1f} ms, slowest {slowest:.1f} ms (wall clock {wall:.1f} ms)"
    )
    print(f"{'within' if worst < TARGET_MS else 'OVER'} the target of {TARGET_MS} ms")
    return 0 if worst < TARGET_MS else 1


if __name__ == "__main__":
    import os

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
    sys.exit(main())
