"""Geometry of the judgement history chart: normalised labels over time, one line per area.

Only numbers are computed here; templates/partials/history_chart.html draws the SVG.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .document_facts import JudgementRecord
from .model import Label

WIDTH, HEIGHT = 720, 260
LEFT, RIGHT, TOP, BOTTOM = 230, 20, 20, 40
LEVELS = (  # normalised rank, label shown on the axis
    (4, "outstanding"),
    (3, "good"),
    (2, "adequate / requires improvement"),
    (1, "inadequate"),
)
PALETTE = ("#1d4f91", "#a0001b", "#0b5d1e", "#7a5200", "#5b2a86", "#00626b")
DASHES = ("", "6 3", "2 3", "8 3 2 3", "1 2", "10 4")


@dataclass(frozen=True, slots=True)
class Point:
    x: float
    y: float
    record: JudgementRecord


@dataclass(frozen=True, slots=True)
class Line:
    key: str
    name: str
    colour: str
    dash: str
    points: tuple[Point, ...]

    @property
    def path(self) -> str:
        return " ".join(f"{p.x:.1f},{p.y:.1f}" for p in self.points)


@dataclass(frozen=True, slots=True)
class Tick:
    position: float
    text: str


@dataclass(frozen=True, slots=True)
class Chart:
    width: int
    height: int
    left: int
    right: int
    top: int
    bottom: int
    lines: tuple[Line, ...]
    x_ticks: tuple[Tick, ...]
    y_ticks: tuple[Tick, ...]


def history_chart(series: dict[str, tuple[JudgementRecord, ...]], names: dict[str, str]) -> Chart | None:
    """A chart of every series judged at least twice, or None when there is none."""
    shown = {key: records for key, records in series.items() if len(records) >= 2}
    if not shown:
        return None
    dates = [r.date for records in shown.values() for r in records]
    first, last = min(dates).year, max(dates).year + 1
    span = max(last - first, 1)

    def x(day: date) -> float:
        fraction = (day.year - first + (day.timetuple().tm_yday - 1) / 366) / span
        return LEFT + fraction * (WIDTH - LEFT - RIGHT)

    def y(label: Label) -> float:
        return TOP + (4 - label.rank) * (HEIGHT - TOP - BOTTOM) / 3

    lines = tuple(
        Line(key, names[key], PALETTE[i % len(PALETTE)], DASHES[i % len(DASHES)],
             tuple(Point(x(r.date), y(r.grade.value.label), r) for r in records))
        for i, (key, records) in enumerate(sorted(shown.items()))
    )
    step = 1 if span <= 12 else 2
    x_ticks = tuple(Tick(x(date(year, 1, 1)), str(year)) for year in range(first, last + 1, step))
    y_ticks = tuple(Tick(TOP + (4 - rank) * (HEIGHT - TOP - BOTTOM) / 3, text) for rank, text in LEVELS)
    return Chart(WIDTH, HEIGHT, LEFT, RIGHT, TOP, BOTTOM, lines, x_ticks, y_ticks)
