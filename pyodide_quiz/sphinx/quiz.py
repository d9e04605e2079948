"""The `{quiz}` directive: a quiz file becomes accessible HTML plus one JSON payload for the runtime."""
from __future__ import annotations

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective

from ..model import load_quiz
from ..render import RENDERERS
from ..render.context import RenderContext
from .content import html_id, load_argument, report, unique_prefix
from .nodes import element, payload
from .objectives import objectives_of
from .registry import record
from .source_links import edit_link, report_link


class QuizDirective(SphinxDirective):
    """```{quiz} quizzes/name.yml``` with optional `:questions: id1, id2` and `:confidence: true|false`."""

    required_arguments = 1
    has_content = False
    option_spec = {"questions": directives.unchanged, "class": directives.class_option,
                   "confidence": lambda value: directives.choice(value, ("true", "false")) == "true"}

    def run(self) -> list[nodes.Node]:
        quiz, display, failed = load_argument(self, load_quiz, "quiz")
        if failed:
            return failed
        questions = quiz.questions
        if "questions" in self.options:
            wanted = [w.strip() for w in self.options["questions"].replace(",", " ").split() if w.strip()]
            unknown = [w for w in wanted if quiz.question(w) is None]
            if unknown:
                report(self, [f"{display}: no question with id {', '.join(map(repr, unknown))} (see :questions:)"],
                       "quiz")
            questions = [q for q in (quiz.question(w) for w in wanted) if q is not None]
        prefix = unique_prefix(self.env, html_id("pq", quiz.name))
        record(self.env, "quiz", quiz.name, quiz.title, [q.id for q in questions], prefix,
               objectives={q.id: q.data["objective"] for q in questions if q.data.get("objective")})
        rendered = [self.question(quiz, q, number, prefix) for number, q in enumerate(questions, start=1)]
        for number, (section, question) in enumerate(zip(rendered, questions), start=1):
            section.extend(report_link(self.config, quiz.name, display, question.id, number, self.env.docname))
        data = {
            "kind": "quiz",
            "quiz": quiz.name,
            "title": quiz.title,
            "timeout": self.config.pyodide_quiz_timeout,
            "questions": [{"id": q.id, "type": q.type, "hash": q.hash, "spec": q.grading_spec()} for q in questions],
        }
        # The directive's option, else the quiz file's, else the site's; written only when on.
        if self.options.get("confidence", quiz.confidence if quiz.confidence is not None
                            else self.config.pyodide_quiz_confidence):
            data["confidence"] = True
        count = len(questions)
        header = element("p", nodes.strong("", quiz.title), classes=["pq-quiz-title"])
        score = element("p", nodes.Text(f"{count} question{'s' if count != 1 else ''}."), classes=["pq-score"],
                        aria_live="polite")
        # The runtime writes the score and the sections to revisit here, under the last question.
        end = element("div", classes=["pq-quiz-end"], interactive=True, hidden="hidden")
        root = element("div", header, score, *rendered, end, *edit_link(self.config, "quiz", display), payload(data),
                       classes=["pq-quiz", *self.options.get("class", [])],
                       data_quiz=quiz.name, data_python="true" if any(q.type == "python" for q in questions) else None)
        root["ids"].append(prefix)
        return [root]

    def question(self, quiz, question, number: int, quiz_prefix: str):
        prefix = f"{quiz_prefix}-{html_id(question.id)}"
        renderer = RENDERERS[question.type]
        ctx = RenderContext(self, question, prefix)
        prompt_id = f"{prefix}-prompt"
        number_label = element("span", nodes.Text(f"Question {number}"), classes=["pq-number"])
        prompt = element("div", *ctx.md(question.data["prompt"]), classes=["pq-prompt"], id=prompt_id)
        body = renderer.body(ctx)
        if renderer.USES_FIELDSET:
            group = element("fieldset", element("legend", number_label, classes=["pq-legend"]), prompt, *body,
                            classes=["pq-group"], aria_describedby=prompt_id)
        else:
            heading = element("p", number_label, classes=["pq-legend"])
            group = element("div", heading, prompt, *body, classes=["pq-group"], role="group",
                            aria_labelledby=f"{prefix}-n {prompt_id}")
            number_label["ids"].append(f"{prefix}-n")
        hints = [element("div", *ctx.md(hint), classes=["pq-hint-text"], hidden="hidden", data_hint=str(i))
                 for i, hint in enumerate(question.data.get("hints", []))]
        controls = self.controls(prefix, len(hints), question.type)
        status = element("div", classes=["pq-status"], role="status", aria_live="polite", interactive=True)
        key = self.answer_key(ctx, renderer)
        section = element("section", group, *hints, controls, status, key, classes=["pq-question"],
                          data_question_id=question.id, data_type=question.type, data_hash=question.hash)
        section["ids"].append(prefix)
        return section

    def controls(self, prefix: str, hint_count: int, question_type: str):
        label = "Run tests" if question_type == "python" else "Check"
        buttons = [element("button", nodes.Text(label), type="button", classes=["pq-button", "pq-check"])]
        if hint_count:
            buttons.append(element("button", nodes.Text(f"Hint (0 of {hint_count})"), type="button",
                                   classes=["pq-button", "pq-hint"]))
        buttons.append(element("button", nodes.Text("Try again"), type="button", classes=["pq-button", "pq-retry"],
                               hidden="hidden"))
        buttons.append(element("button", nodes.Text("Show answer"), type="button", classes=["pq-button", "pq-show"],
                               hidden="hidden"))
        if question_type == "python":
            buttons.append(element("button", nodes.Text("Reset code"), type="button", classes=["pq-button", "pq-reset"]))
        # Without JavaScript the buttons do nothing, so they start hidden and the runtime reveals them.
        return element("div", *buttons, classes=["pq-controls"], interactive=True, hidden="hidden")

    def answer_key(self, ctx, renderer):
        parts = list(renderer.answer(ctx))
        parts.append(element("div", *ctx.md(ctx.data["explanation"]), classes=["pq-explanation"]))
        if ctx.data.get("cite"):
            parts += ctx.md("Sources: {cite:p}`" + ",".join(ctx.data["cite"]) + "`")
        # The section that teaches the question's objective (sphinx/objectives.py): the runtime copies this link
        # under a wrong answer and into the quiz's list of sections to revisit.
        section = objectives_of(self.env, self.env.docname).get(ctx.data.get("objective"), {}).get("section")
        if section:
            parts.append(nodes.paragraph("", "", nodes.Text("Review: "), *ctx.md_inline(f"{{ref}}`{section}`"),
                                         classes=["pq-review"]))
        summary = element("summary", nodes.Text("Answer and explanation"))
        return element("details", summary, element("div", *parts, classes=["pq-key"]), classes=["pq-answer"])
