"""Shared rendering for `single` (radio buttons) and `multiple` (checkboxes)."""
from __future__ import annotations

from docutils import nodes

from ..sphinx.nodes import element


def options(ctx, input_type: str):
    items = []
    for index in ctx.question.option_order():
        option = ctx.data["options"][index]
        input_id = f"{ctx.prefix}-o{index}"
        box = element("input", interactive=True, type=input_type, name=ctx.prefix, value=str(index), id=input_id)
        label = element("label", *ctx.md_inline(option["text"]), for_=input_id)
        marker = element("span", classes=["pq-mark"], aria_hidden="true")
        items.append(element("li", box, label, marker, classes=["pq-option"], data_index=str(index)))
    return element("ul", *items, classes=["pq-options"], role="list")


def answer_key(ctx):
    rows = []
    for index in ctx.question.option_order():
        option = ctx.data["options"][index]
        verdict = "Right" if option["correct"] else "Wrong"
        head = nodes.strong("", f"{verdict}: ")
        text = element("span", *ctx.md_inline(option["text"]))
        feedback = element("div", *ctx.md(option["feedback"]), classes=["pq-option-feedback"],
                           data_feedback_for=str(index))
        rows.append(element("li", nodes.paragraph("", "", head, text), feedback,
                            classes=["pq-key-right" if option["correct"] else "pq-key-wrong"]))
    return [element("ul", *rows, classes=["pq-key-options"])]
