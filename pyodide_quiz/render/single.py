"""`single`: radio buttons in a fieldset."""
from . import choice

TYPE = "single"
USES_FIELDSET = True


def body(ctx):
    return [choice.options(ctx, "radio")]


def answer(ctx):
    return choice.answer_key(ctx)
