"""The `{objectives}` box: a chapter's learning objectives, each with a stable id and an anchor."""
from __future__ import annotations

from ..html import element, para, strong
from ..model.objectives import Objective
from .context import Page, Rendered, Source


def render_objectives(objectives: list[Objective], page: Page, source: Source) -> Rendered:
    """The box listing `objectives`; the record holds each objective's text fragments and section by id."""
    items, read = [], {}
    for objective in objectives:
        text = page.md_inline(objective.text, source)
        item = element("li", *text, classes=["pq-objective"], data_objective=objective.id)
        item.ids.append(f"objective-{objective.id}")
        items.append(item)
        read[objective.id] = {"text": text, "section": objective.section}
    title = para(strong(page.text("objectives.title")))
    box = element("div", title, element("ul", *items), classes=["pq-objectives"], role="note",
                  aria_label=page.text("objectives.label"))
    return Rendered([box], {"kind": "objectives", "objectives": read})
