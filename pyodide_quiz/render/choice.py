"""Shared rendering for `single` (radio buttons) and `multiple` (checkboxes)."""
from __future__ import annotations

from ..html import element, para, strong
from ..lms import Exported


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
        head = strong(ctx.page.text("key.right" if option["correct"] else "key.wrong"))
        text = element("span", *ctx.md_inline(option["text"]))
        feedback = element("div", *ctx.md(option["feedback"]), classes=["pq-option-feedback"],
                           data_feedback_for=str(index))
        rows.append(element("li", para(head, text), feedback,
                            classes=["pq-key-right" if option["correct"] else "pq-key-wrong"]))
    return [element("ul", *rows, classes=["pq-key-options"])]


def export(question, md, warn, kind: str):
    """For an LMS: the options with their feedback (`kind`: "choice" for one right option, "answers" for several)."""
    options = [{"text": md(o["text"]), "correct": o["correct"], "feedback": md(o["feedback"])}
               for o in question.data["options"]]
    return Exported(kind, md(question.data["prompt"]), options=options)


def key_lines(question, text) -> list[str]:
    """For the instructors' answer key (Markdown): every option, right ones marked, in the order students see."""
    lines = ["**Options** (right ones marked ✔; in the order students see them):\n"]
    for option in (question.data["options"][index] for index in question.option_order()):
        mark = "✔ **right**" if option["correct"] else "✘ wrong"
        lines.append(f"- {mark}: {text.one_line(option['text'])}. *Feedback:* {text.one_line(option['feedback'])}")
    return [*lines, ""]
