"""A quiz file rendered for a page: accessible HTML for every question, and one JSON payload for the runtime."""
from __future__ import annotations

from pathlib import Path

from ..html import El, Payload, element, para, strong
from ..model import load_quiz
from ..model.quiz import Quiz
from ..types import renderer_of, type_of
from .context import Page, RenderContext, Rendered, Source, html_id
from .links import edit_link, report_link


def chosen_questions(quiz: Quiz, wanted: str | None) -> tuple[list, list[str]]:
    """The questions `:questions:` names ("id1, id2" or "id1 id2"; None: all), and a warning per unknown id."""
    if wanted is None:
        return quiz.questions, []
    ids = [w.strip() for w in wanted.replace(",", " ").split() if w.strip()]
    unknown = [w for w in ids if quiz.question(w) is None]
    named = ", ".join(map(repr, unknown))
    warnings = [f"{quiz.file}: no question with id {named} (see :questions:)"] if unknown else []
    return [q for q in (quiz.question(w) for w in ids) if q is not None], warnings


def render_quiz(path: Path | str, display: str, options: dict, page: Page) -> Rendered:
    """The `{quiz}` widget for the quiz file at `path` (named `display` in messages). Options: `questions`
    (str, the ids to show), `class` (list of extra classes), `confidence` (bool). Raises ContentError."""
    rendered = render_loaded_quiz(load_quiz(path, display), display, options, page)
    rendered.files.append(Path(path))
    return rendered


def render_loaded_quiz(quiz: Quiz, display: str, options: dict, page: Page) -> Rendered:
    questions, warnings = chosen_questions(quiz, options.get("questions"))
    prefix = page.unique_prefix(html_id("pq", quiz.name))
    record = {"kind": "quiz", "name": quiz.name, "title": quiz.title, "items": [q.id for q in questions],
              "anchor": prefix, "objectives": {q.id: q.data["objective"] for q in questions if q.data.get("objective")}}
    rendered = [question_section(page, quiz, q, number, prefix) for number, q in enumerate(questions, start=1)]
    for number, (section, question) in enumerate(zip(rendered, questions), start=1):
        section.extend(report_link(page.settings, quiz.name, display, question.id, number, page.name))
    data = {
        "kind": "quiz",
        "quiz": quiz.name,
        "title": quiz.title,
        "timeout": page.settings.timeout,
        "questions": [{"id": q.id, "type": q.type, "hash": q.hash, "spec": q.grading_spec()} for q in questions],
    }
    # The directive's option, else the quiz file's, else the site's; written only when on.
    if options.get("confidence", quiz.confidence if quiz.confidence is not None else page.settings.confidence):
        data["confidence"] = True
    count = len(questions)
    header = element("p", strong(quiz.title), classes=["pq-quiz-title"])
    score = element("p", page.text("quiz.count", count=count), classes=["pq-score"], aria_live="polite")
    # The runtime writes the score and the sections to revisit here, under the last question.
    end = element("div", classes=["pq-quiz-end"], interactive=True, hidden="hidden")
    root = element("div", header, score, *rendered, end, *edit_link(page.settings, "quiz", display), Payload(data),
                   classes=["pq-quiz", *options.get("class", [])], data_quiz=quiz.name,
                   data_python="true" if any(type_of(q.type).uses_python for q in questions) else None)
    root.ids.append(prefix)
    return Rendered([root], record, warnings)


def question_section(page: Page, quiz: Quiz, question, number: int, quiz_prefix: str) -> El:
    prefix = f"{quiz_prefix}-{html_id(question.id)}"
    renderer = renderer_of(question.type)
    ctx = RenderContext(page, question, prefix, Source(quiz.file, question.line))
    prompt_id = f"{prefix}-prompt"
    number_label = element("span", page.text("quiz.question_number", number=number), classes=["pq-number"])
    prompt = element("div", *ctx.md(question.data["prompt"]), classes=["pq-prompt"], id=prompt_id)
    body = renderer.body(ctx)
    if renderer.USES_FIELDSET:
        group = element("fieldset", element("legend", number_label, classes=["pq-legend"]), prompt, *body,
                        classes=["pq-group"], aria_describedby=prompt_id)
    else:
        heading = element("p", number_label, classes=["pq-legend"])
        group = element("div", heading, prompt, *body, classes=["pq-group"], role="group",
                        aria_labelledby=f"{prefix}-n {prompt_id}")
        number_label.ids.append(f"{prefix}-n")
    hints = [element("div", *ctx.md(hint), classes=["pq-hint-text"], hidden="hidden", data_hint=str(i))
             for i, hint in enumerate(question.data.get("hints", []))]
    controls = question_controls(page, len(hints), getattr(renderer, "CHECK_LABEL", "quiz.check"),
                                 getattr(renderer, "EXTRA_BUTTONS", ()))
    status = element("div", classes=["pq-status"], role="status", aria_live="polite", interactive=True)
    key = answer_key(ctx, renderer)
    section = element("section", group, *hints, controls, status, key, classes=["pq-question"],
                      data_question_id=question.id, data_type=question.type, data_hash=question.hash,
                      data_grade=getattr(renderer, "GRADE", None))
    section.ids.append(prefix)
    return section


def question_controls(page: Page, hint_count: int, check_label: str, extra_buttons=()) -> El:
    """Check (a type may name it, "Run tests"), Hint, Try again, Show answer, and any buttons of the type's own
    as (label, class); labels are keys of the catalogue of texts."""
    buttons = [element("button", page.text(check_label), type="button", classes=["pq-button", "pq-check"])]
    if hint_count:
        buttons.append(element("button", page.text("quiz.hint_count", shown=0, count=hint_count), type="button",
                               classes=["pq-button", "pq-hint"]))
    buttons.append(element("button", page.text("quiz.try_again"), type="button", classes=["pq-button", "pq-retry"],
                           hidden="hidden"))
    buttons.append(element("button", page.text("quiz.show_answer"), type="button", classes=["pq-button", "pq-show"],
                           hidden="hidden"))
    buttons += [element("button", page.text(label), type="button", classes=["pq-button", name])
                for label, name in extra_buttons]
    # Without JavaScript the buttons do nothing, so they start hidden and the runtime reveals them.
    return element("div", *buttons, classes=["pq-controls"], interactive=True, hidden="hidden")


def answer_key(ctx: RenderContext, renderer) -> El:
    parts = list(renderer.answer(ctx))
    parts.append(element("div", *ctx.md(ctx.data["explanation"]), classes=["pq-explanation"]))
    if ctx.data.get("cite"):
        parts += ctx.md(ctx.page.text("key.sources", sources="{cite:p}`" + ",".join(ctx.data["cite"]) + "`"))
    # The section that teaches the question's objective: the runtime copies this link under a wrong answer and
    # into the quiz's list of sections to revisit.
    section = ctx.page.objective_section(ctx.data.get("objective"))
    if section:
        parts.append(para(*ctx.page.pieces("key.review", section=ctx.md_inline(f"{{ref}}`{section}`")[0]),
                          classes=["pq-review"]))
    summary = element("summary", ctx.page.text("key.summary"))
    return element("details", summary, element("div", *parts, classes=["pq-key"]), classes=["pq-answer"])
