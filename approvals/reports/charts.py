"""Bar charts drawn as SVG on the server: no JavaScript, GOV.UK colours, an
accessible name and description, and no inline styles (the Content Security
Policy refuses them): presentation attributes only. The same figures are shown
beside each chart as a table (``figures``), which is what screen readers and
copying use; the chart is for the eye.

Its text is sized for the chart drawn ``WIDTH`` pixels wide. On a narrower
screen the page keeps it at least ``portal-report__chart``'s minimum width, in
a region that scrolls sideways, rather than shrinking its labels past reading."""

import math
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

# GOV.UK Frontend's palette.
BLUE = "#1d70b8"
DARK_BLUE = "#003078"
GREEN = "#00703c"
RED = "#d4351c"
DARK_GREY = "#505a5f"
MID_GREY = "#b1b4b6"
TEXT = "#0b0c0c"
FONT = "arial, sans-serif"

WIDTH = 640
LEGEND = 32
MOST_LABELS = 13
LONGEST_LABEL = 26


@dataclass(frozen=True)
class Series:
    name: str
    colour: str
    values: Sequence[float]


def _nice_top(largest: float) -> float:
    """The axis's top: the smallest of 1, 2, 2.5 or 5 times a power of ten above ``largest``."""
    if largest <= 0:
        return 1
    power = 10 ** math.floor(math.log10(largest))
    return next(f * power for f in (1, 2, 2.5, 5, 10) if f * power >= largest)


def _tick(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


def _number(value: float) -> str:
    """A figure as the table beside the chart writes it."""
    return str(value)


def _short(label: str) -> str:
    return label if len(label) <= LONGEST_LABEL else label[: LONGEST_LABEL - 1] + "…"


def _text(x, y, content, *, anchor="start", size=13, weight="normal") -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" font-size="{size}" '
        f'font-weight="{weight}" font-family="{FONT}" fill="{TEXT}">{escape(content)}</text>'
    )


def _legend(series: Sequence[Series]) -> list[str]:
    parts, x = [], 0.0
    for one in series:
        parts.append(f'<rect x="{x:.1f}" y="4" width="14" height="14" fill="{one.colour}"/>')
        parts.append(_text(x + 20, 16, one.name, size=14))
        x += 30 + 8 * len(one.name)
    return parts


def _svg(chart_id: str, title: str, description: str, height: float, body: list[str]) -> SafeString:
    return mark_safe(  # noqa: S308 - every piece of text in it is escaped above
        f'<svg xmlns="http://www.w3.org/2000/svg" class="portal-chart" role="img" '
        f'viewBox="0 0 {WIDTH} {height:.0f}" width="100%" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc">'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>' + "".join(body) + "</svg>"
    )


def columns(
    *,
    chart_id: str,
    title: str,
    description: str,
    categories: Sequence[str],
    series: Sequence[Series],
) -> SafeString:
    """Vertical bars, one group per category (e.g. a week), one bar per series."""
    height, left, bottom, right = 300, 48, 36, 8
    top = LEGEND + 8
    plot_w, plot_h = WIDTH - left - right, height - top - bottom
    peak = _nice_top(max((v for one in series for v in one.values), default=0))
    body = _legend(series)
    for tick in range(5):
        value = peak * tick / 4
        y = top + plot_h - plot_h * tick / 4
        body.append(
            f'<line x1="{left}" x2="{WIDTH - right}" y1="{y:.1f}" y2="{y:.1f}" '
            f'stroke="{MID_GREY}" stroke-width="1"/>'
        )
        body.append(_text(left - 6, y + 4, _tick(value), anchor="end"))
    group = plot_w / max(len(categories), 1)
    bar = group * 0.8 / max(len(series), 1)
    every = math.ceil(len(categories) / MOST_LABELS) or 1
    for i, category in enumerate(categories):
        x0 = left + group * i + group * 0.1
        for j, one in enumerate(series):
            h = plot_h * one.values[i] / peak
            # Each bar names its figure, as a tooltip: the axis gives only its scale.
            body.append(
                f'<rect x="{x0 + bar * j:.1f}" y="{top + plot_h - h:.1f}" width="{bar:.1f}" '
                f'height="{h:.1f}" fill="{one.colour}"><title>'
                f"{escape(category)}: {escape(one.name)} {_number(one.values[i])}</title></rect>"
            )
        if i % every == 0:
            body.append(
                _text(
                    left + group * (i + 0.5),
                    height - bottom + 16,
                    category,
                    anchor="middle",
                )
            )
    body.append(
        f'<line x1="{left}" x2="{WIDTH - right}" y1="{top + plot_h}" y2="{top + plot_h}" '
        f'stroke="{TEXT}" stroke-width="1"/>'
    )
    return _svg(chart_id, title, description, height, body)


def bars(
    *,
    chart_id: str,
    title: str,
    description: str,
    categories: Sequence[str],
    series: Sequence[Series],
) -> SafeString:
    """Horizontal bars, one group per category (a step, a department, a person),
    each bar labelled with its figure."""
    left, right, bar, gap = 200, 60, 18, 14
    top = LEGEND + 8
    group = bar * len(series) + gap
    height = top + group * max(len(categories), 1) + 8
    plot_w = WIDTH - left - right
    peak = _nice_top(max((v for one in series for v in one.values), default=0))
    body = _legend(series) if len(series) > 1 else []
    if not categories:
        body.append(_text(left, top + 16, "No figures for this choice."))
    for i, category in enumerate(categories):
        y0 = top + group * i
        body.append(_text(left - 8, y0 + bar * len(series) / 2 + 4, _short(category), anchor="end"))
        for j, one in enumerate(series):
            w = plot_w * one.values[i] / peak
            y = y0 + bar * j
            body.append(
                f'<rect x="{left}" y="{y:.1f}" width="{w:.1f}" height="{bar - 2}" '
                f'fill="{one.colour}"/>'
            )
            body.append(_text(left + w + 4, y + bar - 5, _number(one.values[i])))
    body.append(
        f'<line x1="{left}" x2="{left}" y1="{top - 4}" y2="{height - 8}" '
        f'stroke="{TEXT}" stroke-width="1"/>'
    )
    return _svg(chart_id, title, description, height, body)
