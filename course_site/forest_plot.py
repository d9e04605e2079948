"""`{forest-plot} data/file.csv`: a dot-and-interval chart drawn at build time, with its data as a table.

CSV columns: label, year, r, lower, upper, k, key (lower/upper/k may be empty; key is a BibTeX key).
Options: :caption: (required), :alt: (required; the text alternative), :min: / :max: (axis, default 0 and
0.5). The SVG is inline (no request, scales with the page) and uses the theme's text colour, so it reads in
dark mode; the table below it carries the same numbers for screen readers and print.
"""
from __future__ import annotations

import csv
from html import escape
from pathlib import Path

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

logger = logging.getLogger(__name__)
WIDTH, ROW, TOP, LEFT, RIGHT = 640, 34, 16, 210, 24


def _number(text: str):
    text = (text or "").strip()
    return float(text) if text else None


def read_rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        for key in ("r", "lower", "upper", "k", "year"):
            row[key] = _number(row.get(key, ""))
        if row["r"] is None:
            raise ValueError(f"row {row.get('label')!r} has no r value")
    return rows


def svg(rows: list[dict], title: str, description: str, low: float, high: float) -> str:
    height = TOP + ROW * len(rows) + 46
    plot = WIDTH - LEFT - RIGHT

    def x(value: float) -> float:
        return LEFT + (value - low) / (high - low) * plot

    parts = [f'<svg class="forest-plot" viewBox="0 0 {WIDTH} {height}" role="img" aria-labelledby="fp-title fp-desc" '
             f'xmlns="http://www.w3.org/2000/svg" font-family="sans-serif" font-size="13" fill="currentColor">',
             f'<title id="fp-title">{escape(title)}</title><desc id="fp-desc">{escape(description)}</desc>']
    axis_y = TOP + ROW * len(rows) + 4
    ticks = [round(low + i * (high - low) / 5, 2) for i in range(6)]
    for tick in ticks:
        parts.append(f'<line x1="{x(tick):.1f}" y1="{TOP - 6}" x2="{x(tick):.1f}" y2="{axis_y}" stroke="currentColor" '
                     f'stroke-opacity="0.15"/>')
        parts.append(f'<text x="{x(tick):.1f}" y="{axis_y + 16}" text-anchor="middle">{tick:.1f}</text>')
    parts.append(f'<line x1="{LEFT}" y1="{axis_y}" x2="{WIDTH - RIGHT}" y2="{axis_y}" stroke="currentColor"/>')
    parts.append(f'<text x="{LEFT + plot / 2:.1f}" y="{axis_y + 36}" text-anchor="middle">Correlation with outcome (r)</text>')
    for index, row in enumerate(rows):
        y = TOP + ROW * index + ROW / 2
        label = f"{row['label']} ({int(row['year'])})" if row["year"] else row["label"]
        parts.append(f'<text x="{LEFT - 10}" y="{y + 4:.1f}" text-anchor="end">{escape(label)}</text>')
        if row["lower"] is not None and row["upper"] is not None:
            parts.append(f'<line x1="{x(row["lower"]):.1f}" y1="{y:.1f}" x2="{x(row["upper"]):.1f}" y2="{y:.1f}" '
                         f'stroke="currentColor" stroke-width="2"/>')
            for end in (row["lower"], row["upper"]):
                parts.append(f'<line x1="{x(end):.1f}" y1="{y - 6:.1f}" x2="{x(end):.1f}" y2="{y + 6:.1f}" '
                             f'stroke="currentColor" stroke-width="2"/>')
        parts.append(f'<circle cx="{x(row["r"]):.1f}" cy="{y:.1f}" r="5.5"/>')
    parts.append("</svg>")
    return "".join(parts)


def table(rows: list[dict], caption: str) -> nodes.table:
    headers = ["Meta-analysis", "Year", "r", "95 % CI", "Studies (k)"]
    group = nodes.tgroup(cols=len(headers))
    for _ in headers:
        group += nodes.colspec(colwidth=1)
    head = nodes.thead()
    head += nodes.row("", *[nodes.entry("", nodes.paragraph(text=h)) for h in headers])
    body = nodes.tbody()
    for row in rows:
        interval = f"{row['lower']:.3g} to {row['upper']:.3g}" if row["lower"] is not None else "not reported"
        cells = [row["label"], f"{int(row['year'])}" if row["year"] else "", f"{row['r']:.3g}", interval,
                 f"{int(row['k'])}" if row["k"] else "not given"]
        body += nodes.row("", *[nodes.entry("", nodes.paragraph(text=c)) for c in cells])
    group += head
    group += body
    result = nodes.table("", nodes.title(text=f"Data for the figure: {caption}"), group, classes=["forest-plot-data"])
    return result


class ForestPlot(SphinxDirective):
    required_arguments = 1
    option_spec = {"caption": directives.unchanged_required, "alt": directives.unchanged_required,
                   "min": float, "max": float}

    def run(self):
        path = Path(self.env.relfn2path(self.arguments[0])[1])
        self.env.note_dependency(str(path))
        caption, alt = self.options.get("caption"), self.options.get("alt")
        if not caption or not alt:
            logger.warning("forest-plot needs :caption: and :alt:", location=self.get_location())
            return []
        try:
            rows = read_rows(path)
        except (OSError, ValueError) as error:
            logger.warning(f"forest-plot cannot read {self.arguments[0]}: {error}", location=self.get_location())
            return []
        figure = nodes.figure(classes=["forest-plot-figure"])
        figure += nodes.raw("", svg(rows, caption, alt, self.options.get("min", 0.0), self.options.get("max", 0.5)),
                            format="html")
        figure += nodes.caption(text=caption)
        return [figure, table(rows, caption)]


def setup(app):
    app.add_directive("forest-plot", ForestPlot)
