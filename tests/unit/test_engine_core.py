"""The engine's core without Sphinx: nothing outside pyodide_quiz/sphinx (and the MkDocs front end) imports
Sphinx or docutils, a quiz renders to HTML with any markup callable, and a question type written outside the
package is validated, rendered, graded and exported once registered (adding a type touches no existing file)."""
from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from pyodide_quiz import lms, types
from pyodide_quiz.graders import grade
from pyodide_quiz.html import Fragment, Payload, code_block, element, para, strong, to_html
from pyodide_quiz.model import ContentError, load_quiz, quiz_schema
from pyodide_quiz.render import Page, Source, render_quiz
from tests.conftest import write_sample_conf

ROOT = Path(__file__).resolve().parents[2]

# Imports every core module with sphinx and docutils made unimportable, then renders a real quiz.
WITHOUT_SPHINX = """
import importlib, pkgutil, sys

class Refuse:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ("sphinx", "docutils", "myst_parser"):
            raise ImportError(f"the engine's core imported {name}")

sys.meta_path.insert(0, Refuse())
import pyodide_quiz
front_ends = ("pyodide_quiz.sphinx", "pyodide_quiz.mkdocs")
names = [m.name for m in pkgutil.walk_packages(pyodide_quiz.__path__, "pyodide_quiz.")
         if not m.name.startswith(front_ends)]
for name in names:
    importlib.import_module(name)
from pyodide_quiz.html import to_html
from pyodide_quiz.render import Page, render_quiz

class Plain:
    def block(self, text, source): return "<p>" + text + "</p>"
    def inline(self, text, source): return text

rendered = render_quiz("quizzes/04-evidence.yml", "quizzes/04-evidence.yml", {}, Page(Plain()))
print(len(names), len(to_html(rendered.nodes[0])))
"""


def test_the_core_imports_neither_sphinx_nor_docutils():
    done = subprocess.run([sys.executable, "-c", WITHOUT_SPHINX], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    modules, length = map(int, done.stdout.split())
    assert modules >= 30 and length > 10_000


class Recording:
    """A markup that wraps text in a marker and notes where each text came from."""

    def __init__(self):
        self.sources: list[Source] = []

    def block(self, text: str, source: Source) -> str:
        self.sources.append(source)
        return f"<div data-md>{text}</div>"

    def inline(self, text: str, source: Source) -> str:
        self.sources.append(source)
        return f"<span data-md>{text}</span>"


def test_to_html_escapes_text_and_attributes_as_sphinx_does():
    tree = element("div", "a < b & \"c\" @", element("input", type="text", data_x='1"2', interactive=True),
                   Fragment("<em>kept</em>"), para(strong("S")), classes=["pq-a", "pq-b"], id="x", aria_label="L\tM")
    assert to_html(tree) == ('<div aria-label="L M" class="pq-a pq-b" id="x">a &lt; b &amp; &quot;c&quot; &#64;'
                             '<input data-x="1&quot;2" type="text" /><em>kept</em><p><strong>S</strong></p>\n</div>')
    assert "<input" not in to_html(tree, interactive=False)
    assert to_html(code_block("x < 1", "python")) == '<pre><code class="language-python">x &lt; 1</code></pre>\n'
    assert to_html(Payload({"a": "</script>"})) == ('<script type="application/json" class="pq-data">'
                                                   '{"a":"<\\/script>"}</script>')


def test_a_quiz_renders_through_any_markup_with_the_source_of_each_text():
    markup = Recording()
    page = Page(markup, name="ch4")
    rendered = render_quiz(ROOT / "quizzes" / "04-evidence.yml", "quizzes/04-evidence.yml",
                           {"questions": "d-interpretation, nope"}, page)
    [root] = rendered.nodes
    html = to_html(root)
    assert html.startswith('<div class="pq-quiz" data-quiz="04-evidence" id="pq-04-evidence">')
    assert rendered.record["items"] == ["d-interpretation"]
    assert rendered.warnings == ["quizzes/04-evidence.yml: no question with id 'nope' (see :questions:)"]
    quiz = load_quiz(ROOT / "quizzes" / "04-evidence.yml", "quizzes/04-evidence.yml")
    assert set(markup.sources) == {Source("quizzes/04-evidence.yml", quiz.question("d-interpretation").line)}
    # Rendering the same quiz again on the page gives new ids.
    again = render_quiz(ROOT / "quizzes" / "04-evidence.yml", "quizzes/04-evidence.yml", {}, page)
    assert again.nodes[0].ids == ["pq-04-evidence-2"]


TOY = '''
"""`yesno`: a statement the student says is true or false. One file: model, render, grader and export."""
TYPE = "yesno"
USES_FIELDSET = True
RUNTIME = __file__.replace("toy_yesno.py", "yesno.js")  # the browser's half, shipped by the Sphinx build
SCHEMA = {"type": "object", "additionalProperties": False,
          "required": ["id", "type", "prompt", "explanation", "answer"],
          "properties": {"id": {"type": "string"}, "type": {"type": "string"}, "prompt": {"type": "string"},
                         "explanation": {"type": "string"}, "answer": {"type": "boolean"}}}


def problems(question, where):
    return []


def grading_spec(question):
    return {"answer": question["answer"]}


def sample_answers(question):
    return [(question["answer"], "correct"), (not question["answer"], "incorrect")]


def grade(spec, answer):
    if not isinstance(answer, bool):
        return {"verdict": "invalid"}
    return {"verdict": "correct" if answer == spec["answer"] else "incorrect"}


def body(ctx):
    from pyodide_quiz.html import element
    return [element("label", element("input", type="radio", name=ctx.prefix, value=value, interactive=True), value)
            for value in ("true", "false")]


def answer(ctx):
    from pyodide_quiz.html import para, strong
    return [para(strong("Answer: "), "true" if ctx.data["answer"] else "false")]


def export(question, md, warn):
    from pyodide_quiz.lms import Exported
    right = question.data["answer"]
    options = [{"text": word, "correct": (word == "True") == right, "feedback": ""} for word in ("True", "False")]
    return Exported("choice", md(question.data["prompt"]), options=options)
'''

TOY_RUNTIME = """\
export function grade(spec, answer) {
  if (typeof answer !== "boolean") return { verdict: "invalid" };
  return { verdict: answer === spec.answer ? "correct" : "incorrect" };
}
export function read(root) {
  const checked = root.querySelector("input:checked");
  return checked ? checked.value === "true" : null;
}
export function restore(root, answer) {
  for (const input of root.querySelectorAll("input")) input.checked = input.value === String(answer);
}
export const invalidMessage = "single.invalid";
"""

QUIZ = """\
title: Toy
questions:
  - id: sky
    type: yesno
    prompt: The sky is blue.
    explanation: Mostly.
    answer: true
"""


@pytest.fixture
def toy_type(tmp_path, monkeypatch):
    """The toy type's one file in a folder outside the package, registered for the test only."""
    (tmp_path / "toy_yesno.py").write_text(textwrap.dedent(TOY), encoding="utf-8")
    (tmp_path / "yesno.js").write_text(TOY_RUNTIME, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    import toy_yesno
    yield types.register(types.from_module(toy_yesno))
    types.unregister("yesno")
    sys.modules.pop("toy_yesno", None)


def test_a_toy_type_is_validated_rendered_graded_and_exported(toy_type, tmp_path):
    assert "yesno" in quiz_schema()["properties"]["questions"]["items"]["properties"]["type"]["enum"]
    broken = tmp_path / "broken.yml"
    broken.write_text(QUIZ.replace("answer: true", "answer: maybe"), encoding="utf-8")
    with pytest.raises(ContentError) as error:
        load_quiz(broken, "quizzes/broken.yml")
    assert [str(p).split(": ")[0] for p in error.value.problems] == ["quizzes/broken.yml:7"]

    path = tmp_path / "toy.yml"
    path.write_text(QUIZ, encoding="utf-8")
    quiz = load_quiz(path, "quizzes/toy.yml")
    [question] = quiz.questions
    html = to_html(render_quiz(path, "quizzes/toy.yml", {}, Page(Recording())).nodes[0])
    assert 'data-type="yesno"' in html and '<input name="pq-toy-sky" type="radio" value="true" />' in html
    assert "<p><strong>Answer: </strong>true</p>" in html
    payload = json.loads(html.split('class="pq-data">')[1].split("</script>")[0])
    assert payload["questions"][0]["spec"] == {"answer": True}
    # What `python -m pyodide_quiz check` proves: the grader agrees with the key on every sample answer.
    assert [grade("yesno", question.grading_spec(), a)["verdict"] for a, _ in question.sample_answers()] == [
        v for _, v in question.sample_answers()]

    class Citations:
        def cite(self, keys, textual=False):
            return keys

        def label(self, key):
            return key

    exported = lms.export_question(question, Citations(), lambda message, note=False: None)
    gift = lms.to_gift(quiz, [exported])
    assert "::sky::[html]The sky is blue.{\n\t=True#\n\t~False#\n\t####Mostly.\n}" in gift


def test_a_type_missing_part_of_the_protocol_is_refused(tmp_path):
    module = type("Module", (), {"TYPE": "half", "SCHEMA": {}, "grade": staticmethod(lambda s, a: {})})
    with pytest.raises(TypeError, match="'half' lacks problems, grading_spec, sample_answers, body, answer"):
        types.register(types.from_module(module))
    assert "half" not in types.question_types()


def test_a_toy_type_renders_in_a_sphinx_book_with_its_runtime_module(toy_type, tmp_path, sphinx_build):
    """The Sphinx front end needs no change either: the quiz builds without a warning, and the site carries the
    type's runtime module where quiz.js imports it from."""
    book = tmp_path / "book"
    book.mkdir()
    write_sample_conf(book)
    (book / "toy.yml").write_text(QUIZ, encoding="utf-8")
    (book / "index.md").write_text("# Toy\n\n```{quiz} toy.yml\n```\n", encoding="utf-8")
    _, warnings = sphinx_build(book)
    assert warnings == ""
    html = (book / "_build" / "html" / "index.html").read_text(encoding="utf-8")
    assert 'data-type="yesno"' in html and '<input name="pq-toy-sky" type="radio" value="false" />' in html
    assert (book / "_build" / "html" / "_static" / "pq" / "types" / "yesno.js").read_text() == TOY_RUNTIME
