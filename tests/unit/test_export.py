"""scripts/export: every quiz as Moodle GIFT and a Canvas QTI 1.2 package, read back independently.

The GIFT files are read with `read_gift` below, a small GIFT reader written for this test from Moodle's
format description (https://docs.moodle.org/en/GIFT_format), sharing no code with scripts/export. No GIFT
parser on PyPI was usable: `pygiftparser` was last released in 2017, and `pygiftparserrgmf` (2022, 0.0.5)
installs a top-level `tests` package that would shadow ours. The QTI XML is read with xml.etree.

Both are compared with the source YAML as plain text: markup removed, `{cite:p}` citations matched as any
"(...)" in the output.
"""
from __future__ import annotations

import html
import re
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "export"
QUIZZES = sorted((ROOT / "quizzes").glob("*.yml"))
NS = {"q": "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"}
QTI_TYPES = {"single": "multiple_choice_question", "multiple": "multiple_answers_question",
             "numeric": "numerical_question", "text": "short_answer_question", "order": "multiple_choice_question",
             "python": "essay_question"}


# --- An independent GIFT reader ----------------------------------------------------------------------------

def _tokens(text: str) -> list[tuple[str, bool]]:
    """(character, escaped) pairs: a backslash makes the next character literal."""
    out, i = [], 0
    while i < len(text):
        if text[i] == "\\" and i + 1 < len(text):
            out.append((text[i + 1], True))
            i += 2
        else:
            out.append((text[i], False))
            i += 1
    return out


def _text(tokens) -> str:
    return "".join(c for c, _ in tokens)


def _find(tokens, target: str, start: int = 0) -> int:
    for i in range(start, len(tokens) - len(target) + 1):
        if all(tokens[i + j] == (target[j], False) for j in range(len(target))):
            return i
    return -1


def _split(tokens, marks: str) -> list[list]:
    """Split at every unescaped character in `marks`, keeping the mark at the start of each part."""
    parts, current = [], []
    for token in tokens:
        if token[0] in marks and not token[1] and current:
            parts.append(current)
            current = []
        current.append(token)
    if current:
        parts.append(current)
    return parts


def read_gift(source: str) -> list[dict]:
    """Questions of a GIFT file: {title, format, prompt, answers: [{mark, weight, text, feedback}], general}."""
    questions = []
    lines = [line for line in source.splitlines() if not line.lstrip().startswith("//")]
    for block in re.split(r"\n\s*\n", "\n".join(lines)):
        if not block.strip():
            continue
        tokens = _tokens(block.strip())
        assert tokens[:2] == [(":", False), (":", False)], f"a question without ::title:: {block[:60]!r}"
        end = _find(tokens, "::", 2)
        title = _text(tokens[2:end])
        rest = tokens[end + 2:]
        opening = _find(rest, "{")
        closing = _find(rest, "}", opening)
        assert opening >= 0 and closing > opening, f"no answer block in {title}"
        assert not _text(rest[closing + 1:]).strip(), f"text after the answer block in {title}"
        assert _find(rest[opening + 1:closing], "{") < 0, f"an unescaped {{ inside the answers of {title}"
        prompt = _text(rest[:opening])
        fmt = ""
        if prompt.startswith("[") and "]" in prompt:
            fmt, prompt = prompt[1:prompt.index("]")], prompt[prompt.index("]") + 1:]
        body = rest[opening + 1:closing]
        general = ""
        cut = _find(body, "####")
        if cut >= 0:
            general, body = _text(body[cut + 4:]).strip(), body[:cut]
        answers = []
        for part in _split(body, "=~#"):
            while part and part[0][0].isspace():
                part = part[1:]
            if not _text(part).strip():
                continue
            mark, part = part[0][0], part[1:]
            if mark == "#" and answers:  # "#" after an answer starts that answer's feedback
                answers[-1]["feedback"] = _text(part).strip()
                continue
            weight = None  # "%50%" before the answer's text
            if part and part[0] == ("%", False):
                close = _find(part, "%", 1)
                weight, part = float(_text(part[1:close])), part[close + 1:]
            # mark "#" with no answer before it: a numerical answer, "answer:tolerance"
            answers.append({"mark": mark, "weight": weight, "text": _text(part).strip(), "feedback": ""})
        questions.append({"title": title, "format": fmt, "prompt": prompt.strip(), "answers": answers,
                          "general": general})
    return questions


# --- Plain-text comparison with the source ----------------------------------------------------------------

def plain_html(text: str) -> str:
    text = re.sub(r"<br\s*/?>|</p>|<p>", " ", text)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", "", text))).strip()


def source_pattern(markdown: str) -> re.Pattern:
    """The source field as a regular expression over the exported plain text (citations: any "(...)")."""
    pieces = re.split(r"(\{cite:[a-z]+\}`[^`]*`)", markdown)
    out = []
    for piece in pieces:
        if piece.startswith("{cite:"):
            out.append(r"\(.+?\)")
            continue
        piece = re.sub(r"\{[\w:-]+\}`([^`<]*?)\s*(<[^>]*>)?`", r"\1", piece)
        piece = re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", piece)
        piece = piece.replace("`", "").replace("**", "")
        piece = re.sub(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?!\w)", r"\1", piece)
        out.append(re.escape(piece))
    return re.compile(re.sub(r"(\\\s|\s)+", r"\\s*", "".join(out)).strip())


def same(exported_html: str, markdown: str) -> bool:
    return bool(source_pattern(markdown.strip()).fullmatch(plain_html(exported_html)))


# --- Running the script -----------------------------------------------------------------------------------

def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(SCRIPT), *args], capture_output=True, text=True, cwd=ROOT,
                          timeout=120)


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("export")
    result = run("--out", str(out))
    assert result.returncode == 0, result.stdout + result.stderr
    return out


def qti_items(package: Path, name: str) -> tuple[ET.Element, ET.Element]:
    with zipfile.ZipFile(package) as archive:
        names = set(archive.namelist())
        assert "imsmanifest.xml" in names
        manifest = ET.fromstring(archive.read("imsmanifest.xml"))
        hrefs = [f.get("href") for f in manifest.iter() if f.tag.endswith("file")]
        assert hrefs == [f"{name}.xml"] and f"{name}.xml" in names
        resource = next(r for r in manifest.iter() if r.tag.endswith("resource"))
        assert resource.get("type") == "imsqti_xmlv1p2"
        return manifest, ET.fromstring(archive.read(f"{name}.xml"))


def metadata(item: ET.Element) -> dict:
    return {f.findtext("q:fieldlabel", namespaces=NS): f.findtext("q:fieldentry", namespaces=NS)
            for f in item.findall("q:itemmetadata/q:qtimetadata/q:qtimetadatafield", NS)}


def feedback_of(item: ET.Element, ident: str) -> str:
    found = item.find(f"q:itemfeedback[@ident='{ident}']/q:flow_mat/q:material/q:mattext", NS)
    assert found is not None, f"no itemfeedback {ident}"
    return found.text or ""


def scoring_condition(item: ET.Element) -> ET.Element:
    conditions = [c for c in item.findall("q:resprocessing/q:respcondition", NS)
                  if c.findtext("q:setvar", namespaces=NS) == "100"]
    assert len(conditions) == 1
    return conditions[0].find("q:conditionvar", NS)


# --- Tests ------------------------------------------------------------------------------------------------

def test_every_quiz_is_exported(exported):
    for path in QUIZZES:
        assert (exported / f"{path.stem}.gift").is_file()
        assert (exported / f"{path.stem}.qti.zip").is_file()


@pytest.mark.parametrize("path", QUIZZES, ids=[p.stem for p in QUIZZES])
def test_gift_round_trips_to_the_source(exported, path):
    source = yaml.safe_load(path.read_text(encoding="utf-8"))["questions"]
    questions = read_gift((exported / f"{path.stem}.gift").read_text(encoding="utf-8"))
    assert [q["title"] for q in questions] == [q["id"] for q in source]
    for question, data in zip(questions, source):
        where = f"{path.stem}: {data['id']}"
        assert question["format"] == "html", where
        assert same(question["general"].split("<p>Sources:")[0], data["explanation"]), where
        answers = question["answers"]
        if data["type"] in ("single", "multiple"):
            assert len(answers) == len(data["options"]), where
            for answer, option in zip(answers, data["options"]):
                assert same(answer["text"], option["text"]), (where, answer["text"], option["text"])
                assert same(answer["feedback"], option["feedback"]), (where, answer["feedback"])
            if data["type"] == "single":
                assert [a["mark"] == "=" for a in answers] == [o["correct"] for o in data["options"]], where
            else:
                assert all(a["mark"] == "~" for a in answers), where
                assert [a["weight"] > 0 for a in answers] == [o["correct"] for o in data["options"]], where
                assert sum(a["weight"] for a in answers if a["weight"] > 0) == pytest.approx(100, abs=1e-3)
                assert sum(a["weight"] for a in answers if a["weight"] < 0) == pytest.approx(-100, abs=1e-3)
        elif data["type"] == "numeric":
            assert len(answers) == 1 and answers[0]["mark"] == "#", where
            number, tolerance = answers[0]["text"].split(":")
            assert float(number) == data["answer"] and float(tolerance) == data["tolerance"], where
        elif data["type"] == "text":
            right = [a["text"] for a in answers if a["weight"] is None]
            assert right == data["accept"], where
            wrong = [(a["text"], a["feedback"]) for a in answers if a["weight"] == 0]
            assert [w[0] for w in wrong] == [e["answer"] for e in data.get("feedback", [])], where
            for (_, given), entry in zip(wrong, data.get("feedback", [])):
                assert same(given, entry["feedback"]), where
        elif data["type"] == "order":
            assert len(answers) == 3 and [a["mark"] for a in answers].count("=") == 1, where
            right = next(a["text"] for a in answers if a["mark"] == "=")
            steps = re.split(r"<br>\d+\. ", right.removeprefix("1. "))
            assert len(steps) == len(data["items"]), where
            for step, item in zip(steps, data["items"]):
                assert same(step, item), (where, step, item)
            assert len({a["text"] for a in answers}) == 3, where


@pytest.mark.parametrize("path", QUIZZES, ids=[p.stem for p in QUIZZES])
def test_qti_round_trips_to_the_source(exported, path):
    data_file = yaml.safe_load(path.read_text(encoding="utf-8"))
    _, root = qti_items(exported / f"{path.stem}.qti.zip", path.stem)
    assert root.tag == f"{{{NS['q']}}}questestinterop"
    assessment = root.find("q:assessment", NS)
    assert assessment is not None and assessment.get("title") == data_file["title"]
    items = assessment.findall("q:section/q:item", NS)
    source = data_file["questions"]
    assert [i.get("title") for i in items] == [q["id"] for q in source]
    for item, data in zip(items, source):
        where = f"{path.stem}: {data['id']}"
        assert metadata(item)["question_type"] == QTI_TYPES[data["type"]], where
        assert item.find("q:presentation/q:material/q:mattext", NS) is not None, where
        assert item.find("q:resprocessing/q:outcomes/q:decvar[@varname='SCORE']", NS) is not None, where
        assert same(feedback_of(item, "general_fb").split("<p>Sources:")[0], data["explanation"]), where
        if data["type"] in ("single", "multiple", "order"):
            response = item.find("q:presentation/q:response_lid", NS)
            labels = response.findall("q:render_choice/q:response_label", NS)
            texts = {label.get("ident"): label.findtext("q:material/q:mattext", namespaces=NS) for label in labels}
            condition = scoring_condition(item)
            if data["type"] == "multiple":
                assert response.get("rcardinality") == "Multiple", where
                right = [v.text for v in condition.findall("q:and/q:varequal", NS)]
                wrong = [v.text for v in condition.findall("q:and/q:not/q:varequal", NS)]
                assert sorted(right + wrong) == sorted(texts), where
            else:
                assert response.get("rcardinality") == "Single", where
                right = [v.text for v in condition.findall("q:varequal", NS)]
            if data["type"] == "order":
                assert len(labels) == 3 and len(right) == 1, where
                steps = re.split(r"<br>\d+\. ", texts[right[0]].removeprefix("1. "))
                assert all(same(s, i) for s, i in zip(steps, data["items"])), where
                continue
            assert len(labels) == len(data["options"]), where
            for label, option in zip(labels, data["options"]):
                ident = label.get("ident")
                assert same(texts[ident], option["text"]), where
                assert (ident in right) == option["correct"], where
                assert same(feedback_of(item, f"{ident}_fb"), option["feedback"]), where
        elif data["type"] == "numeric":
            condition = scoring_condition(item)
            assert float(condition.findtext("q:or/q:varequal", namespaces=NS)) == data["answer"]
            low = float(condition.findtext("q:or/q:and/q:vargte", namespaces=NS))
            high = float(condition.findtext("q:or/q:and/q:varlte", namespaces=NS))
            assert low == pytest.approx(data["answer"] - data["tolerance"]), where
            assert high == pytest.approx(data["answer"] + data["tolerance"]), where
        elif data["type"] == "text":
            condition = scoring_condition(item)
            assert [v.text for v in condition.findall("q:varequal", NS)] == data["accept"], where
            for index, entry in enumerate(data.get("feedback", [])):
                assert same(feedback_of(item, f"{data['id']}-wrong-{index}_fb"), entry["feedback"]), where


def test_citations_resolve_to_author_and_year(exported):
    text = (exported / "04-evidence.gift").read_text(encoding="utf-8")
    assert "(Flückiger et al., 2018)" in text
    assert "{cite" not in text and "cite\\:p" not in text


SPECIAL = """\
    title: "Special: characters"
    questions:
      - id: specials
        type: single
        prompt: "Which of a ~ b = c # d {e} f: g \\\\ h is **right**? Say <b>no</b> to {term}`alliance`."
        options:
          - {text: "x = {y} ~ z # 1: 2", correct: true, feedback: "Yes: {a} = ~b #c \\\\ d"}
          - {text: "plain", correct: false, feedback: "No."}
        explanation: "All of ~ = # { } : are special in GIFT."
      - id: code-task
        type: python
        prompt: "Write `total(xs)` that returns {the sum}: no ~ or = tricks #1."
        starter: |
          def total(xs):  # {todo}
              return 0
        solution: |
          def total(xs):
              return sum(xs)
        tests: |
          def test_total():
              assert total([1, 2]) == 3
        explanation: Use `sum`.
"""


@pytest.fixture(scope="module")
def special(tmp_path_factory):
    folder = tmp_path_factory.mktemp("special")
    quiz = folder / "special.yml"
    quiz.write_text(textwrap.dedent(SPECIAL), encoding="utf-8")
    result = run(str(quiz), "--out", str(folder / "out"))
    assert result.returncode == 0, result.stdout + result.stderr
    return folder / "out", result


def test_special_characters_are_escaped(special):
    out, _ = special
    gift = (out / "special.gift").read_text(encoding="utf-8")
    line = next(row for row in gift.splitlines() if row.startswith("::specials::"))
    assert r"a \~ b \= c \# d \{e\} f\: g \\ h is <b>right</b>? Say &lt;b&gt;no&lt;/b&gt; to alliance." in line
    question = read_gift(gift)[0]
    assert plain_html(question["prompt"]) == "Which of a ~ b = c # d {e} f: g \\ h is right? Say <b>no</b> to alliance."
    assert [a["mark"] for a in question["answers"]] == ["=", "~"]
    assert question["answers"][0]["text"] == "x = {y} ~ z # 1: 2"
    assert question["answers"][0]["feedback"] == "Yes: {a} = ~b #c \\ d"
    assert question["general"] == "All of ~ = # { } : are special in GIFT."
    _, root = qti_items(out / "special.qti.zip", "special")
    item = root.find("q:assessment/q:section/q:item", NS)
    assert "Say &lt;b&gt;no&lt;/b&gt;" in item.findtext("q:presentation/q:material/q:mattext", namespaces=NS)
    assert feedback_of(item, "specials-0_fb") == "Yes: {a} = ~b #c \\ d"


def test_python_is_exported_as_an_essay_with_a_warning(special):
    out, result = special
    assert "warning:" in result.stderr and "'code-task'" in result.stderr and "essay" in result.stderr
    question = read_gift((out / "special.gift").read_text(encoding="utf-8"))[1]
    assert question["title"] == "code-task" and question["answers"] == []
    assert "{the sum}: no ~ or = tricks #1" in question["prompt"]
    assert "def total(xs):  # {todo}<br>    return 0" in question["prompt"]
    _, root = qti_items(out / "special.qti.zip", "special")
    item = root.findall("q:assessment/q:section/q:item", NS)[1]
    assert metadata(item)["question_type"] == "essay_question"
    assert item.find("q:presentation/q:response_str/q:render_fib", NS) is not None
    assert "return 0" in item.findtext("q:presentation/q:material/q:mattext", namespaces=NS)


def test_one_quiz_by_name_and_deterministic_output(tmp_path):
    for folder in ("a", "b"):
        result = run("04-evidence", "--out", str(tmp_path / folder))
        assert result.returncode == 0, result.stderr
        assert sorted(p.name for p in (tmp_path / folder).iterdir()) == ["04-evidence.gift", "04-evidence.qti.zip"]
    for name in ("04-evidence.gift", "04-evidence.qti.zip"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
    assert "patterns cannot be exported" in result.stderr and "'name-heterogeneity'" in result.stderr


def test_unknown_quiz_fails_with_its_path(tmp_path):
    result = run("no-such-quiz", "--out", str(tmp_path))
    assert result.returncode == 1
    assert "quizzes/no-such-quiz.yml:1: there is no such quiz file" in result.stdout
