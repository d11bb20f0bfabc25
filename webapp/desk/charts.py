"""Bar charts as data for a server-rendered SVG (templates/staff/_chart.html): no JavaScript.

Each bar has its label on a line above it, so long labels (finding titles, Japanese) never need
measuring. A suppressed count ("<5") is drawn as an outlined bar reaching the threshold, so
the picture says no more than the table; a hidden one ("–") has no bar at all.
"""

from dataclasses import dataclass

from webapp.desk.statistics import Figure
from webapp.desk.suppression import HIDDEN, SMALL

ROW = 34  # px per bar: label line + bar
BAR = 14
LABEL_MAX = 48  # characters of a label before it is cut (the full text is in <title>)


@dataclass(frozen=True)
class Bar:
    label: str
    short_label: str
    text: str  # the figure as the table shows it
    kind: str  # shown | small | hidden
    y: int  # top of the label line
    width: float  # bar length in px


@dataclass(frozen=True)
class BarChart:
    title: str
    width: int
    height: int
    plot_width: int
    bars: tuple[Bar, ...]


def bar_chart(title: str, items, width: int = 480, threshold: int = 5) -> BarChart:
    """items: (label, Figure) pairs, in the order to draw them."""
    items = list(items)
    plot = width - 60  # room on the right for the figure
    largest = max([f.value for _, f in items if f.mark not in (SMALL, HIDDEN)] + [threshold, 1])
    bars = []
    for index, (label, figure) in enumerate(items):
        figure: Figure
        if figure.mark == HIDDEN:
            length = 0.0
        elif figure.mark == SMALL:
            length = plot * threshold / largest
        else:
            length = plot * figure.value / largest
        short = label if len(label) <= LABEL_MAX else label[: LABEL_MAX - 1] + "…"
        bars.append(
            Bar(label, short, figure.text, figure.mark, index * ROW, round(max(length, 0.0), 1))
        )
    return BarChart(title, width, max(len(bars) * ROW, ROW), plot, tuple(bars))
