"""`numeric`: a text input that accepts a decimal point or comma."""
from docutils import nodes

from ..sphinx.nodes import element

TYPE = "numeric"
USES_FIELDSET = False


def body(ctx):
    input_id = f"{ctx.prefix}-input"
    label = element("label", nodes.Text("Your answer"), for_=input_id, classes=["pq-input-label"])
    field = element("input", interactive=True, type="text", inputmode="decimal", id=input_id,
                    autocomplete="off", spellcheck="false", classes=["pq-input"])
    parts = [label, field]
    if ctx.data.get("unit"):
        parts.append(element("span", nodes.Text(ctx.data["unit"]), classes=["pq-unit"]))
    return [element("div", *parts, classes=["pq-field"], interactive=True)]


def answer(ctx):
    unit = ctx.data.get("unit", "")
    tolerance = ctx.data["tolerance"]
    text = f"{ctx.data['answer']:g}{(' ' + unit) if unit and unit != '%' else unit}"
    if tolerance:
        text += f" (answers within ±{tolerance:g} count as right)"
    return [nodes.paragraph("", "", nodes.strong("", "Answer: "), nodes.Text(text)),
            *ctx.wrong_answers((f"{entry['value']:g}", entry["feedback"]) for entry in ctx.data.get("wrong", []))]
