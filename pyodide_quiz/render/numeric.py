"""`numeric`: a text input that accepts a decimal point or comma."""
import html

from ..html import para, strong
from ..lms import Exported
from .field import typed_field

TYPE = "numeric"
USES_FIELDSET = False
DESCRIPTION = "a number"


def body(ctx):
    return typed_field(ctx, ctx.data.get("unit"), inputmode="decimal")


def answer(ctx):
    unit = ctx.data.get("unit", "")
    tolerance = ctx.data["tolerance"]
    text = f"{ctx.data['answer']:g}{(' ' + unit) if unit and unit != '%' else unit}"
    if tolerance:
        text = ctx.page.text("numeric.within", answer=text, tolerance=f"{tolerance:g}")
    return [para(strong(ctx.page.text("key.answer")), text),
            *ctx.wrong_answers((f"{entry['value']:g}", entry["feedback"]) for entry in ctx.data.get("wrong", []))]


def export(question, md, warn):
    """Numerical with the same absolute tolerance; the unit is added to the prompt."""
    data = question.data
    prompt = md(data["prompt"])
    if data.get("unit"):
        prompt += f" (unit: {html.escape(data['unit'], quote=False)})"
    return Exported("numeric", prompt, answer=data["answer"], tolerance=data["tolerance"])


def key_lines(question, text) -> list[str]:
    data = question.data
    unit = f" {data['unit']}" if data.get("unit") else ""
    lines = [f"**Answer:** {data['answer']:g}{unit} (accepted within ± {data['tolerance']:g}).\n"]
    if data.get("compute"):
        lines.append("How the answer is computed:\n\n" + text.fence(data["compute"]))
    return lines
