"""`text`: a short text input; common wrong answers have their own feedback."""
from docutils import nodes

from ..sphinx.nodes import element

TYPE = "text"
USES_FIELDSET = False


def body(ctx):
    input_id = f"{ctx.prefix}-input"
    label = element("label", nodes.Text("Your answer"), for_=input_id, classes=["pq-input-label"])
    field = element("input", interactive=True, type="text", id=input_id, autocomplete="off",
                    spellcheck="false", autocapitalize="off", classes=["pq-input"])
    return [element("div", label, field, classes=["pq-field"], interactive=True)]


def answer(ctx):
    accepted = ", ".join(ctx.data["accept"])
    parts = [nodes.paragraph("", "", nodes.strong("", "Accepted answers: "), nodes.Text(accepted))]
    return [*parts, *ctx.wrong_answers((entry["answer"], entry["feedback"]) for entry in ctx.data.get("feedback", []))]
