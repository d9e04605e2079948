"""`multiple`: checkboxes in a fieldset."""
from docutils import nodes

from ..sphinx.nodes import element
from . import choice

TYPE = "multiple"
USES_FIELDSET = True


def body(ctx):
    note = element("p", nodes.Text("Tick every right option."), classes=["pq-instruction"])
    return [note, choice.options(ctx, "checkbox")]


def answer(ctx):
    return choice.answer_key(ctx)
