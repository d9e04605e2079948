"""`multiple`: checkboxes in a fieldset."""
from ..html import element
from . import choice

TYPE = "multiple"
USES_FIELDSET = True
DESCRIPTION = "several right options"


def body(ctx):
    note = element("p", ctx.page.text("multiple.instruction"), classes=["pq-instruction"])
    return [note, choice.options(ctx, "checkbox")]


def answer(ctx):
    return choice.answer_key(ctx)


def export(question, md, warn):
    """Multiple answers: right only with exactly the right options ticked."""
    return choice.export(question, md, warn, "answers")


def key_lines(question, text) -> list[str]:
    return choice.key_lines(question, text)
