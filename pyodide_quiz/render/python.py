"""`python`: a code box run against the question's tests in the Pyodide worker."""
from docutils import nodes

from ..sphinx.nodes import element

TYPE = "python"
USES_FIELDSET = False


def body(ctx):
    input_id = f"{ctx.prefix}-code"
    label = element("label", nodes.Text("Your code (Tab indents; press Esc, then Tab, to leave the box)"),
                    for_=input_id, classes=["pq-input-label"])
    starter = ctx.data.get("starter", "")
    area = element("textarea", nodes.Text(starter), interactive=True, id=input_id, classes=["pq-code"],
                   spellcheck="false", autocapitalize="off", autocomplete="off",
                   rows=str(max(4, min(16, starter.count("\n") + 2))), data_starter=starter)
    results = element("div", classes=["pq-test-results"], interactive=True, aria_live="polite")
    return [element("div", label, area, classes=["pq-field", "pq-code-field"], interactive=True), results]


def answer(ctx):
    return [nodes.paragraph("", "", nodes.strong("", "A model solution:")),
            nodes.literal_block(ctx.data["solution"], ctx.data["solution"], language="python")]
