"""`single`: radio buttons in a fieldset."""
from . import choice

TYPE = "single"
USES_FIELDSET = True
DESCRIPTION = "one right option"  # in the instructors' key: "Question 3 (one right option)"


def body(ctx):
    return [choice.options(ctx, "radio")]


def answer(ctx):
    return choice.answer_key(ctx)


def export(question, md, warn):
    """Multiple choice (GIFT `=right ~wrong`; QTI multiple_choice_question)."""
    return choice.export(question, md, warn, "choice")


def key_lines(question, text) -> list[str]:
    return choice.key_lines(question, text)
