"""Each report as a figure: its chart, the table of the same figures beside it,
and the rows of its CSV download."""

from dataclasses import dataclass
from datetime import datetime

from django.utils.safestring import SafeString

from approvals.reports import charts, queries


@dataclass(frozen=True)
class Figure:
    slug: str
    title: str
    description: str
    headers: list[str]
    rows: list[list]
    svg: SafeString
    note: str = ""


FIGURES = ("weekly", "steps", "departments", "ages", "approvers")


def _hours(value: float | None) -> float:
    return round(value or 0.0, 1)


def weekly(departments: queries.Departments, period: queries.Period) -> Figure:
    counts = queries.weekly(departments, period)
    weeks = sorted(counts)
    labels = [f"{week:%-d %b}" for week in weeks]
    names = [what.capitalize() for what in queries.WEEKLY]
    colours = (charts.BLUE, charts.GREEN, charts.RED, charts.DARK_GREY)
    series = [
        charts.Series(name, colour, [counts[week][what] for week in weeks])
        for name, colour, what in zip(names, colours, queries.WEEKLY, strict=True)
    ]
    title = "Posts submitted, approved, rejected and expired each week"
    return Figure(
        slug="weekly",
        title=title,
        description=f"Bar chart: for each of the {len(weeks)} weeks from {weeks[0]:%-d %B %Y}, "
        "how many posts were submitted, approved at their last step, rejected and expired. "
        "The table below gives the same figures.",
        headers=["Week beginning", *names],
        rows=[
            [f"{week:%-d %B %Y}", *(counts[week][what] for what in queries.WEEKLY)]
            for week in weeks
        ],
        svg=charts.columns(
            chart_id="chart-weekly",
            title=title,
            description="Counts per week; see the table below for the figures.",
            categories=labels,
            series=series,
        ),
    )


def _turnaround(slug: str, title: str, what: str, rows: list[queries.Turnaround]) -> Figure:
    series = [
        charts.Series("Median", charts.BLUE, [_hours(row.median) for row in rows]),
        charts.Series("90th percentile", charts.DARK_BLUE, [_hours(row.p90) for row in rows]),
    ]
    return Figure(
        slug=slug,
        title=title,
        description=f"Bar chart: for each {what}, the median and 90th percentile of working "
        "hours, weekends and bank holidays not counted. The table below gives the same figures.",
        headers=[
            what.capitalize(),
            "Decisions",
            "Median (working hours)",
            "90th percentile (working hours)",
        ],
        rows=[[row.label, row.decisions, _hours(row.median), _hours(row.p90)] for row in rows],
        svg=charts.bars(
            chart_id=f"chart-{slug}",
            title=title,
            description=f"Median and 90th percentile working hours by {what}.",
            categories=[row.label for row in rows],
            series=series,
        ),
    )


def steps(departments: queries.Departments, period: queries.Period) -> Figure:
    return _turnaround(
        "steps",
        "Working hours from reaching each step to its decision",
        "step",
        queries.by_step(departments, period),
    )


def by_department(departments: queries.Departments, period: queries.Period) -> Figure:
    return _turnaround(
        "departments",
        "Working hours from submission to the final decision, by department",
        "department",
        queries.by_department(departments, period),
    )


def ages(departments: queries.Departments, now: datetime) -> Figure:
    bands = queries.ages(departments, now)
    title = "Posts waiting now, by how long they have waited at their step"
    return Figure(
        slug="ages",
        title=title,
        description="Bar chart: posts waiting for sign-off now, by working days waited at the "
        "step they are at (a working day is 24 working hours). The table below gives the same "
        "figures.",
        headers=["Waited", "Posts"],
        rows=[[label, n] for label, n in bands],
        svg=charts.bars(
            chart_id="chart-ages",
            title=title,
            description="Posts waiting, by working days waited.",
            categories=[label for label, _ in bands],
            series=[charts.Series("Posts", charts.BLUE, [n for _, n in bands])],
        ),
    )


def approvers(departments: queries.Departments, now: datetime) -> Figure:
    people, nobody = queries.top_approvers(departments, now)
    title = "The people with the most posts waiting for them"
    return Figure(
        slug="approvers",
        title=title,
        description=(
            f"Bar chart: the {len(people)} people with the most posts waiting for their "
            "decision now, counting each post once for each person who may decide it. The "
            "table below gives the same figures."
            if people
            else "No posts are waiting for anyone's decision now."
        ),
        headers=["Person", "Posts waiting for them"],
        rows=[[person.name, person.posts] for person in people],
        svg=charts.bars(
            chart_id="chart-approvers",
            title=title,
            description="Posts waiting, by the person they wait for.",
            categories=[person.name for person in people],
            series=[charts.Series("Posts", charts.GREEN, [person.posts for person in people])],
        ),
        note=f"{nobody} waiting post{'s' if nobody != 1 else ''} had nobody able to decide "
        "them: check their department's authority and cover."
        if nobody
        else "",
    )


def build(slug: str, departments: queries.Departments, period: queries.Period) -> Figure:
    if slug == "weekly":
        return weekly(departments, period)
    if slug == "steps":
        return steps(departments, period)
    if slug == "departments":
        return by_department(departments, period)
    if slug == "ages":
        return ages(departments, period.now)
    return approvers(departments, period.now)


def all_figures(departments: queries.Departments, period: queries.Period) -> list[Figure]:
    return [build(slug, departments, period) for slug in FIGURES]
