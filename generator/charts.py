"""Geometry of the judgement history chart: normalised labels over time, one line per area.

Only numbers are computed here; templates/partials/history_chart.html draws the SVG. The chart is
drawn for a phone: 356 units wide (a 390 px screen less the page margins), so that there its text is 12 px or more, and shown no
wider than 30rem on a desktop; the levels are named in a left margin, clear of the points. Each line has its own colour, dash and marker shape, and its name
beside its last point, so that lines are told apart without colour; lines that run together are
drawn a few units apart, so none hides another. The time axis runs to the council's newest
document, judged or not.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .document_facts import JudgementRecord
from .model import Label

WIDTH, HEIGHT = 356, 240
LEFT, RIGHT, TOP, BOTTOM = 92, 12, 24, 34
LEVELS = (  # normalised rank, its label's lines in the left margin
    (4, ("outstanding",)),
    (3, ("good",)),
    (2, ("adequate /", "requires", "improvement")),
    (1, ("inadequate",)),
)
LINE_HEIGHT = 14
PALETTE = ("#1d4f91", "#a0001b", "#0b5d1e", "#7a5200", "#5b2a86", "#00626b")
DASHES = ("", "6 3", "2 3", "8 3 2 3", "1 2", "10 4")
MARKERS = ("circle", "square", "triangle", "diamond", "cross", "bar")
SPREAD = 3.5  # units between lines that would otherwise lie on top of each other
NAME_GAP = 14  # least vertical distance between two lines' names


@dataclass(frozen=True, slots=True)
class Point:
    x: float
    y: float
    record: JudgementRecord
    marker: str  # one of MARKERS

    @property
    def shape(self) -> str:
        """The marker's outline as SVG path data, centred on the point."""
        return marker_path(self.marker, self.x, self.y)


def marker_path(marker: str, x: float, y: float, r: float = 6.0) -> str:
    """A marker's outline as SVG path data, centred on (x, y)."""
    return {
        "circle": f"M{x - r:.1f},{y:.1f}a{r},{r} 0 1,0 {2 * r},0a{r},{r} 0 1,0 {-2 * r},0z",
        "square": f"M{x - r + 1:.1f},{y - r + 1:.1f}h{2 * r - 2}v{2 * r - 2}h{-2 * r + 2}z",
        "triangle": f"M{x:.1f},{y - r - 1:.1f}L{x + r + 1:.1f},{y + r - 1:.1f}H{x - r - 1:.1f}z",
        "diamond": f"M{x:.1f},{y - r - 1:.1f}L{x + r + 1:.1f},{y:.1f}L{x:.1f},{y + r + 1:.1f}L{x - r - 1:.1f},{y:.1f}z",
        "cross": f"M{x - 2:.1f},{y - r:.1f}h4v{r - 2}h{r - 2}v4h{-r + 2}v{r - 2}h-4v{-r + 2}h{-r + 2}v-4h{r - 2}z",
        "bar": f"M{x - r:.1f},{y - 2.5:.1f}h{2 * r}v5h{-2 * r}z",
    }[marker]


@dataclass(frozen=True, slots=True)
class Line:
    key: str
    name: str
    colour: str
    dash: str
    points: tuple[Point, ...]
    name_x: float  # where the line's name is written: beside its last point
    name_anchor: str  # "end" (name to the left of the point) or "start"
    name_y: float

    @property
    def path(self) -> str:
        return " ".join(f"{p.x:.1f},{p.y:.1f}" for p in self.points)

    @property
    def legend_marker(self) -> str:
        """Its marker in the middle of a 36 by 16 legend swatch."""
        return marker_path(self.points[0].marker, 18, 8, 5)


@dataclass(frozen=True, slots=True)
class Tick:
    position: float
    text: str


@dataclass(frozen=True, slots=True)
class Level:
    position: float
    lines: tuple[tuple[float, str], ...]  # (height, text) of each line of its label, centred on the position


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
    levels: tuple[Level, ...]


def history_chart(series: dict[str, tuple[JudgementRecord, ...]], names: dict[str, str], until: date | None = None) -> Chart | None:
    """A chart of every series judged at least twice, or None when there is none; the time axis
    runs to `until` (the newest document) when that is later than every judgement."""
    shown = sorted((key, records) for key, records in series.items() if len(records) >= 2)
    if not shown:
        return None
    dates = [r.date for _, records in shown for r in records] + ([until] if until else [])
    first, last = min(dates).year, max(dates).year + 1
    span = max(last - first, 1)

    def x(day: date) -> float:
        fraction = (day.year - first + (day.timetuple().tm_yday - 1) / 366) / span
        return LEFT + fraction * (WIDTH - LEFT - RIGHT)

    def y(label: Label) -> float:
        return TOP + (4 - label.rank) * (HEIGHT - TOP - BOTTOM) / 3

    middle = (len(shown) - 1) / 2
    points = [
        tuple(Point(x(r.date), y(r.grade.value.label) + (i - middle) * SPREAD, r, MARKERS[i % len(MARKERS)]) for r in records)
        for i, (_, records) in enumerate(shown)
    ]
    name_ys = _apart([line[-1].y - 10 for line in points])
    lines = tuple(
        Line(key, names[key], PALETTE[i % len(PALETTE)], DASHES[i % len(DASHES)], line, *_name_x(line[-1].x, names[key]), name_y)
        for i, ((key, _), line, name_y) in enumerate(zip(shown, points, name_ys, strict=True))
    )
    step = 1 if span <= 6 else 2 if span <= 12 else 5
    x_ticks = tuple(Tick(x(date(year, 1, 1)), str(year)) for year in range(first, last + 1, step))
    levels = tuple(_level(TOP + (4 - rank) * (HEIGHT - TOP - BOTTOM) / 3, texts) for rank, texts in LEVELS)
    return Chart(WIDTH, HEIGHT, LEFT, RIGHT, TOP, BOTTOM, lines, x_ticks, levels)


def _level(position: float, texts: tuple[str, ...]) -> Level:
    first = position + 4 - (len(texts) - 1) * LINE_HEIGHT / 2  # 4: a 12-unit font's baseline below its middle
    return Level(position, tuple((first + i * LINE_HEIGHT, text) for i, text in enumerate(texts)))


NAME_CHARACTER = 7.2  # units a character of a 12-unit bold name takes, about


def _name_x(x: float, name: str) -> tuple[float, str]:
    """Where a line's name starts or ends (and which), beside the point at x: to its right where
    it fits, else to its left, else as far right as the chart allows."""
    width = len(name) * NAME_CHARACTER
    if x + 10 + width <= WIDTH - RIGHT:
        return x + 10, "start"
    if x - 10 - width >= LEFT:
        return x - 10, "end"
    return WIDTH - RIGHT, "end"


def _apart(wanted: list[float]) -> list[float]:
    """The names' heights, each as wanted but at least NAME_GAP below the one above it."""
    placed: dict[int, float] = {}
    below = float("-inf")
    for index in sorted(range(len(wanted)), key=wanted.__getitem__):
        below = placed[index] = max(wanted[index], below + NAME_GAP)
    return [placed[index] for index in range(len(wanted))]
