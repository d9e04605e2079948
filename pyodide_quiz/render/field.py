"""Shared rendering for the typed-answer types (`numeric`, `text`): a labelled text input."""
from __future__ import annotations

from ..html import element


def typed_field(ctx, unit: str | None = None, **input_attrs):
    """The label "Your answer", the input (with the type's own attributes) and, after it, the unit if any."""
    input_id = f"{ctx.prefix}-input"
    label = element("label", ctx.page.text("field.your_answer"), for_=input_id, classes=["pq-input-label"])
    field = element("input", interactive=True, type="text", id=input_id, autocomplete="off", spellcheck="false",
                    classes=["pq-input"], **input_attrs)
    parts = [label, field]
    if unit:
        parts.append(element("span", unit, classes=["pq-unit"]))
    return [element("div", *parts, classes=["pq-field"], interactive=True)]
