"""`python`: a code box run against the question's tests in the Pyodide worker."""
from .. import lms
from ..html import code_block, element, para, strong

TYPE = "python"
USES_FIELDSET = False
DESCRIPTION = "Python code"
CHECK_LABEL = "python.run_tests"  # keys of the catalogue of texts (pyodide_quiz/strings)
EXTRA_BUTTONS = (("python.reset_code", "pq-reset"),)
USES_PYTHON = True  # the page starts the Python worker early
UP_FRONT = False  # the code editor and the Python client load on demand (preloaded)


def body(ctx):
    input_id = f"{ctx.prefix}-code"
    label = element("label", ctx.page.text("python.code_label"), for_=input_id, classes=["pq-input-label"])
    starter = ctx.data.get("starter", "")
    area = element("textarea", starter, interactive=True, id=input_id, classes=["pq-code"],
                   spellcheck="false", autocapitalize="off", autocomplete="off",
                   rows=str(max(4, min(16, starter.count("\n") + 2))), data_starter=starter)
    results = element("div", classes=["pq-test-results"], interactive=True, aria_live="polite")
    return [element("div", label, area, classes=["pq-field", "pq-code-field"], interactive=True), results]


def answer(ctx):
    return [para(strong(ctx.page.text("key.model_solution"))),
            code_block(ctx.data["solution"], "python")]


def export(question, md, warn):
    """An essay question holding the task (prompt and starter code) for a teacher to mark by hand; the tests
    and the model solution are not exported (a warning says so)."""
    warn(f"question '{question.id}': a python question is exported as an essay question (prompt and "
         "starter code); its tests are not, so it must be marked by hand")
    prompt = md(question.data["prompt"])
    task = prompt if prompt.startswith("<") else f"<p>{prompt}</p>"
    if question.data.get("starter", "").strip():
        task += f"<p>Start from this code:</p>{lms.code_block(question.data['starter'])}"
    return lms.Exported("essay", task)


def key_lines(question, text) -> list[str]:
    return ["**Model solution:**\n\n" + text.fence(question.data["solution"]),
            "**Tests:**\n\n" + text.fence(question.data["tests"])]
