"""`text`: a short text input; common wrong answers have their own feedback."""
from ..html import para, strong
from ..lms import Exported
from .field import typed_field

TYPE = "text"
USES_FIELDSET = False
DESCRIPTION = "a typed answer"


def body(ctx):
    return typed_field(ctx, autocapitalize="off")


def answer(ctx):
    accepted = ", ".join(ctx.data["accept"])
    parts = [para(strong(ctx.page.text("key.accepted")), accepted)]
    return [*parts, *ctx.wrong_answers((entry["answer"], entry["feedback"]) for entry in ctx.data.get("feedback", []))]


def export(question, md, warn):
    """Short answer with the `accept` list; `feedback` entries become 0 % answers with their feedback. Patterns
    (regular expressions) cannot be exported: a warning names the question."""
    data = question.data
    if data.get("patterns"):
        warn(f"question '{question.id}': patterns cannot be exported "
             f"({', '.join(data['patterns'])}); only the accept list is")
    wrong = [{"answer": e["answer"], "feedback": md(e["feedback"])} for e in data.get("feedback", [])]
    return Exported("short", md(data["prompt"]), accept=list(data["accept"]), wrong=wrong)


def key_lines(question, text) -> list[str]:
    data = question.data
    lines = [f"**Accepted answers:** {', '.join(f'`{a}`' for a in data['accept'])}.\n"]
    if data.get("patterns"):
        lines.append("**Also accepted (patterns):** " + ", ".join(f"`{p}`" for p in data["patterns"]) + ".\n")
    lines += [f"- Wrong answer `{entry['answer']}`: {text.one_line(entry['feedback'])}"
              for entry in data.get("feedback", [])]
    return [*lines, ""]
