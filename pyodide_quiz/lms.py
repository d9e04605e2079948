"""Quizzes for a learning management system: Moodle GIFT and a Canvas-importable QTI 1.2 package.

Each question type turns a question into the neutral `Exported` form (its `export(question, md, warn)`, see
pyodide_quiz/types.py); the writers here know only the LMS kinds (choice, answers, numeric, short, essay).
Text fields are MyST Markdown, converted to simple HTML on one line (GIFT needs one): roles become their text,
`{cite:*}` goes through the `citations` object the caller passes (`cite(keys, textual) -> str`,
`label(key) -> str`). Output is deterministic: the same quiz gives the same bytes.
"""
from __future__ import annotations

import html
import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

from .model import Question, Quiz
from .types import type_of

ZIP_DATE = (2000, 1, 1, 0, 0, 0)  # fixed, so that the package is byte-for-byte reproducible


# --- MyST Markdown to HTML -------------------------------------------------------------------------------

ROLE = re.compile(r"\{(?P<role>[\w:-]+)\}`(?P<body>[^`]*)`")
CODE = re.compile(r"`(?P<body>[^`]+)`")
FENCE = re.compile(r"^(?P<fence>```+|~~~+)[^\n]*\n(?P<body>.*?)^(?P=fence)\s*$", re.M | re.S)


def _role(match: re.Match, citations) -> str:
    role, body = match["role"], match["body"]
    if role.startswith("cite"):
        return html.escape(citations.cite(body, textual=role in ("cite:t", "cite:ts")), quote=False)
    # {term}`text <target>`, {ref}`text <label>`, {doc}`...`: the text the reader sees
    shown = re.sub(r"\s*<[^>]*>\s*$", "", body) or body
    return html.escape(shown, quote=False)


def _inline(text: str, citations) -> str:
    """One paragraph of MyST Markdown as HTML on one line."""
    saved: list[str] = []

    def keep(fragment: str) -> str:
        saved.append(fragment)
        return f"\x00{len(saved) - 1}\x00"

    text = ROLE.sub(lambda m: keep(_role(m, citations)), text)
    text = CODE.sub(lambda m: keep(f"<code>{html.escape(m['body'], quote=False)}</code>"), text)
    text = html.escape(text, quote=False)  # HTML in a field is shown as written, never interpreted
    text = re.sub(r"\[([^\]]+)\]\(([^)\s]+)\)",
                  lambda m: f'<a href="{html.escape(html.unescape(m[2]))}">{m[1]}</a>', text)
    text = re.sub(r"\*\*(?=\S)(.+?)(?<=\S)\*\*|__(?=\S)(.+?)(?<=\S)__", lambda m: f"<b>{m[1] or m[2]}</b>", text)
    text = re.sub(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?!\w)|(?<!\w)_(?=\S)(.+?)(?<=\S)_(?!\w)",
                  lambda m: f"<i>{m[1] or m[2]}</i>", text)
    text = re.sub(r"\s*\n\s*", " ", text.strip())
    return re.sub("\x00(\\d+)\x00", lambda m: saved[int(m[1])], text)


def markdown_to_html(text: str, citations) -> str:
    """MyST Markdown as simple HTML on a single line (GIFT needs one; Canvas does not mind)."""
    parts: list[str] = []
    position = 0
    for match in FENCE.finditer(text):
        parts += _paragraphs(text[position:match.start()], citations)
        parts.append(code_block(match["body"]))
        position = match.end()
    parts += _paragraphs(text[position:], citations)
    if len(parts) == 1 and not parts[0].startswith("<pre>"):
        return parts[0]
    return "".join(p if p.startswith("<pre>") else f"<p>{p}</p>" for p in parts)


def _paragraphs(text: str, citations) -> list[str]:
    return [_inline(p, citations) for p in re.split(r"\n\s*\n", text) if p.strip()]


def code_block(code: str) -> str:
    """Code as <pre>, its line breaks as <br> so that it stays on GIFT's single line."""
    lines = html.escape(code.rstrip("\n"), quote=False).split("\n")
    return f"<pre><code>{'<br>'.join(lines)}</code></pre>"


# --- The neutral form: what both writers need --------------------------------------------------------------

# --- The neutral form: what both writers need --------------------------------------------------------------

class Exported:
    """One question as an LMS sees it: kind, HTML prompt, options or answers, general feedback. A type's `export`
    returns `Exported(kind, prompt, **details)`; `export_question` adds the id and the general feedback."""

    def __init__(self, kind: str, prompt: str, **details):
        self.id = ""
        self.source_type = ""
        self.kind = kind  # choice | answers | numeric | short | essay
        self.prompt = prompt
        self.feedback = ""
        self.options: list[dict] = details.get("options", [])  # {text, correct, feedback}
        self.answer = details.get("answer")
        self.tolerance = details.get("tolerance")
        self.accept: list[str] = details.get("accept", [])
        self.wrong: list[dict] = details.get("wrong", [])  # text: {answer, feedback}

    def finish(self, question: Question, feedback: str) -> "Exported":
        self.id, self.source_type, self.feedback = question.id, question.type, feedback
        return self


def export_question(question: Question, citations, warn) -> Exported:
    """The question in the neutral form: its type's part (prompt, options, answers), with the explanation and
    the sources every type shares. `warn(message, note=False)` reports what the LMS cannot keep."""
    data = question.data
    md = lambda text: markdown_to_html(text, citations)  # noqa: E731
    feedback = md(data["explanation"])
    if data.get("cite"):
        feedback = feedback if feedback.startswith("<") else f"<p>{feedback}</p>"
        feedback += f"<p>Sources: {html.escape('; '.join(citations.label(k) for k in data['cite']), quote=False)}</p>"
    kind = type_of(question.type).render
    if not hasattr(kind, "export"):
        raise ValueError(f"question '{question.id}': no export for type {question.type!r}")
    return kind.export(question, md, warn).finish(question, feedback)


# --- GIFT ----------------------------------------------------------------------------------------------------

def gift_escape(text: str) -> str:
    """Escape the characters GIFT reads specially (backslash first, then ~ = # { } :)."""
    text = text.replace("\\", "\\\\")
    for char in "~=#{}:":
        text = text.replace(char, "\\" + char)
    return text.replace("\n", " ")


def weight(percent: float) -> str:
    """A GIFT weight Moodle accepts: 100/3 -> 33.33333 (its grade list has five decimals)."""
    return f"{percent:.5f}".rstrip("0").rstrip(".")


def gift_number(number: float) -> str:
    return f"{number:.10g}"


def to_gift(quiz: Quiz, questions: list[Exported]) -> str:
    lines = [f"// {quiz.title.replace(chr(10), ' ')}", f"// Exported from {quiz.file} by scripts/export.", ""]
    for q in questions:
        head = f"::{gift_escape(q.id)}::[html]{gift_escape(q.prompt)}"
        general = f"####{gift_escape(q.feedback)}"
        if q.kind == "choice":
            answers = [f"{'=' if o['correct'] else '~'}{gift_escape(o['text'])}#{gift_escape(o['feedback'])}"
                       for o in q.options]
        elif q.kind == "answers":
            right = sum(o["correct"] for o in q.options)
            wrong = max(len(q.options) - right, 1)  # every option right: no negative weight is used
            answers = [f"~%{weight(100 / right) if o['correct'] else weight(-100 / wrong)}%"
                       f"{gift_escape(o['text'])}#{gift_escape(o['feedback'])}" for o in q.options]
        elif q.kind == "numeric":
            answers = [f"#{gift_number(q.answer)}:{gift_number(q.tolerance)}"]
        elif q.kind == "short":
            answers = [f"={gift_escape(a)}" for a in q.accept]
            answers += [f"=%0%{gift_escape(w['answer'])}#{gift_escape(w['feedback'])}" for w in q.wrong]
        else:  # essay
            answers = []
        lines.append(f"// question: {q.id} ({q.source_type})")
        lines.append(head + "{")
        lines += [f"\t{a}" for a in answers]
        lines.append(f"\t{general}")
        lines.append("}")
        lines.append("")
    return "\n".join(lines)


# --- QTI 1.2 (Canvas) -------------------------------------------------------------------------------------

QTI_NS = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"
QTI_TYPES = {"choice": "multiple_choice_question", "answers": "multiple_answers_question",
             "numeric": "numerical_question", "short": "short_answer_question", "essay": "essay_question"}


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attributes) -> ET.Element:
    element = ET.SubElement(parent, tag, {k.rstrip("_"): str(v) for k, v in attributes.items()})
    if text is not None:
        element.text = text
    return element


def _material(parent: ET.Element, html_text: str) -> None:
    _sub(_sub(parent, "material"), "mattext", html_text, texttype="text/html")


def _feedback(item: ET.Element, ident: str, html_text: str) -> None:
    _material(_sub(_sub(item, "itemfeedback", ident=ident), "flow_mat"), html_text)


def _condition(resprocessing: ET.Element, continue_: str) -> tuple[ET.Element, ET.Element]:
    condition = _sub(resprocessing, "respcondition", continue_=continue_)
    return condition, _sub(condition, "conditionvar")


def _score(condition: ET.Element) -> None:
    _sub(condition, "setvar", "100", action="Set", varname="SCORE")


def _show(condition: ET.Element, ident: str) -> None:
    _sub(condition, "displayfeedback", feedbacktype="Response", linkrefid=ident)


def qti_item(section: ET.Element, quiz: Quiz, q: Exported) -> None:
    item = _sub(section, "item", ident=f"{quiz.name}-{q.id}", title=q.id)
    fields = _sub(_sub(item, "itemmetadata"), "qtimetadata")
    entries = [("question_type", QTI_TYPES[q.kind]), ("points_possible", "1.0")]
    if q.options:
        entries.append(("original_answer_ids", ",".join(f"{q.id}-{i}" for i in range(len(q.options)))))
    for label, entry in entries:
        field = _sub(fields, "qtimetadatafield")
        _sub(field, "fieldlabel", label)
        _sub(field, "fieldentry", entry)
    presentation = _sub(item, "presentation")
    _material(presentation, q.prompt)
    resprocessing = _sub(item, "resprocessing")
    _sub(_sub(resprocessing, "outcomes"), "decvar", maxvalue="100", minvalue="0", varname="SCORE",
         vartype="Decimal")
    always, anything = _condition(resprocessing, "Yes")
    _sub(anything, "other")
    _show(always, "general_fb")
    if q.kind in ("choice", "answers"):
        response = _sub(presentation, "response_lid", ident="response1",
                        rcardinality="Single" if q.kind == "choice" else "Multiple")
        choices = _sub(response, "render_choice")
        idents = [f"{q.id}-{i}" for i in range(len(q.options))]
        for ident, option in zip(idents, q.options):
            _material(_sub(choices, "response_label", ident=ident), option["text"])
        for ident in idents:
            condition, variable = _condition(resprocessing, "Yes")
            _sub(variable, "varequal", ident, respident="response1")
            _show(condition, f"{ident}_fb")
        condition, variable = _condition(resprocessing, "No")
        if q.kind == "choice":
            right = next(i for i, o in zip(idents, q.options) if o["correct"])
            _sub(variable, "varequal", right, respident="response1")
        else:
            both = _sub(variable, "and")
            for ident, option in zip(idents, q.options):
                target = both if option["correct"] else _sub(both, "not")
                _sub(target, "varequal", ident, respident="response1")
        _score(condition)
        _show(condition, "correct_fb")
    elif q.kind == "numeric":
        response = _sub(presentation, "response_str", ident="response1", rcardinality="Single")
        _sub(_sub(response, "render_fib", fibtype="Decimal"), "response_label", ident="answer1")
        condition, variable = _condition(resprocessing, "No")
        either = _sub(variable, "or")
        _sub(either, "varequal", gift_number(q.answer), respident="response1")
        within = _sub(either, "and")
        _sub(within, "vargte", gift_number(q.answer - q.tolerance), respident="response1")
        _sub(within, "varlte", gift_number(q.answer + q.tolerance), respident="response1")
        _score(condition)
    elif q.kind == "short":
        response = _sub(presentation, "response_str", ident="response1", rcardinality="Single")
        _sub(_sub(response, "render_fib"), "response_label", ident="answer1", rshuffle="No")
        for index, wrong in enumerate(q.wrong):
            condition, variable = _condition(resprocessing, "Yes")
            _sub(variable, "varequal", wrong["answer"], respident="response1")
            _show(condition, f"{q.id}-wrong-{index}_fb")
        condition, variable = _condition(resprocessing, "No")
        for accepted in q.accept:
            _sub(variable, "varequal", accepted, respident="response1")
        _score(condition)
    else:  # essay: marked by hand
        response = _sub(presentation, "response_str", ident="response1", rcardinality="Single")
        _sub(_sub(response, "render_fib"), "response_label", ident="answer1", rshuffle="No")
    _feedback(item, "general_fb", q.feedback)
    if q.kind in ("choice", "answers"):
        _feedback(item, "correct_fb", "Right.")
        for i, option in enumerate(q.options):
            _feedback(item, f"{q.id}-{i}_fb", option["feedback"])
    for index, wrong in enumerate(q.wrong):
        _feedback(item, f"{q.id}-wrong-{index}_fb", wrong["feedback"])


def to_qti(quiz: Quiz, questions: list[Exported]) -> bytes:
    root = ET.Element("questestinterop", {"xmlns": QTI_NS})
    assessment = _sub(root, "assessment", ident=quiz.name, title=quiz.title)
    fields = _sub(_sub(assessment, "qtimetadata"), "qtimetadatafield")
    _sub(fields, "fieldlabel", "cc_maxattempts")
    _sub(fields, "fieldentry", "1")
    section = _sub(assessment, "section", ident="root_section")
    for q in questions:
        qti_item(section, quiz, q)
    ET.indent(root)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode").encode("utf-8")


def manifest(quiz: Quiz) -> bytes:
    root = ET.Element("manifest", {"identifier": f"{quiz.name}-manifest",
                                   "xmlns": "http://www.imsglobal.org/xsd/imscp_v1p1"})
    metadata = _sub(root, "metadata")
    _sub(metadata, "schema", "IMS Content")
    _sub(metadata, "schemaversion", "1.1.3")
    _sub(root, "organizations")
    resource = _sub(_sub(root, "resources"), "resource", identifier=quiz.name, type="imsqti_xmlv1p2",
                    href=f"{quiz.name}.xml")
    _sub(resource, "file", href=f"{quiz.name}.xml")
    ET.indent(root)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode").encode("utf-8")


def write_package(path: Path, quiz: Quiz, questions: list[Exported]) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        for name, content in (("imsmanifest.xml", manifest(quiz)), (f"{quiz.name}.xml", to_qti(quiz, questions))):
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            package.writestr(info, content)
