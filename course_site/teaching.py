"""Answer keys, vignette maps and role-play cards as MyST text, generated from the quiz, exercise and vignette files.

Pure functions over the engine's model: the site's instructors' pages (course_site/instructors.py) and the
stand-alone instructor edition (scripts/instructor) both write their keys with them, so both always match what
students see. `level` is the heading level of the text's top headings.
"""
from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace

from pyodide_quiz.model import load_quiz
from pyodide_quiz.model.common import APPLICATION_LEVELS, LEVELS, slug_in_words
from pyodide_quiz.model.exercise import load_exercise
from pyodide_quiz.model.vignette import METERS, load_vignette
from pyodide_quiz.types import type_of

# Roles that need the student site's glossary or labels become their plain text: the keys also go into the
# instructor edition, which has neither.
ROLE = re.compile(r"\{(?:term|ref|doc)\}`(?:([^`<]*?)\s*<[^`>]*>|([^`]*))`")


def plain_roles(text: str) -> str:
    return ROLE.sub(lambda m: (m.group(1) or m.group(2) or "").strip(), text or "")


def one_line(text: str) -> str:
    return re.sub(r"\s+", " ", plain_roles(text)).strip()


def block(text: str) -> str:
    return plain_roles(text).strip() + "\n"


def fence(code: str, language: str = "python") -> str:
    ticks = "````" if "```" in code else "```"
    return f"{ticks}{language}\n{code.rstrip()}\n{ticks}\n"


def heading(level: int, text: str) -> str:
    return f"{'#' * min(level, 6)} {text}\n"


# How a question type's `key_lines` writes text in the key (pyodide_quiz/types.py).
KEY_TEXT = SimpleNamespace(one_line=one_line, block=block, fence=fence)


# --- quizzes --------------------------------------------------------------------------------------------------

def question_key(number: int, question, level: int = 2) -> str:
    data = question.data
    kind = type_of(question.type).render
    out = [heading(level, f"Question {number} ({getattr(kind, 'DESCRIPTION', question.type)})")]
    out.append(f"Id `{question.id}`" + (f"; objective `{data['objective']}`" if data.get("objective") else "")
               + (f"; level *{data['level']}*" if data.get("level") else "") + ".\n")
    out.append("**Prompt.** " + block(data["prompt"]))
    out += kind.key_lines(question, KEY_TEXT) if hasattr(kind, "key_lines") else []
    out.append("**Explanation.** " + block(data["explanation"]))
    if data.get("cite"):
        out.append("Sources: " + ", ".join(f"{{cite:p}}`{key}`" for key in data["cite"]) + "\n")
    return "\n".join(out)


def item_map(quiz, level: int = 2) -> list[str]:
    """What the quiz measures: each question's objective and level (revised Bloom), and the count per level."""
    rows = [heading(level, "Item map"), "| Question | Type | Objective | Level |", "| --- | --- | --- | --- |"]
    for number, question in enumerate(quiz.questions, start=1):
        objective = f"`{question.data['objective']}`" if question.data.get("objective") else "—"
        rows.append(f"| {number}. `{question.id}` | {question.type} | {objective} | {question.data.get('level', '—')} |")
    levels = [q.data.get("level") for q in quiz.questions]
    counts = ", ".join(f"{name}: {levels.count(name)}" for name in LEVELS if levels.count(name))
    applied = sum(level_ in APPLICATION_LEVELS for level_ in levels)
    rows += ["", f"Levels: {counts or 'none given'}; {applied} of {len(levels)} questions at apply or analyse.\n"]
    return rows


def quiz_key(root: Path, argument: str, chapter_title: str, level: int = 1) -> str:
    """The answer key of a quiz: its item map, then every question with its right answer and explanation."""
    quiz = load_quiz(root / argument, argument)
    lines = [heading(level, f"Answer key: {quiz.title}"), f"Quiz file `{argument}`, used in *{chapter_title}*; "
             f"{len(quiz.questions)} questions.\n"]
    lines += item_map(quiz, level + 1)
    lines += [question_key(n, q, level + 1) for n, q in enumerate(quiz.questions, start=1)]
    return "\n".join(lines)


# --- exercises ------------------------------------------------------------------------------------------------

def exercise_key(root: Path, argument: str, chapter_title: str, title: str | None = None, level: int = 1) -> str:
    exercise = load_exercise(root / argument, argument)
    shown = exercise.title(title)
    return "\n".join([heading(level, f"Model solution: {shown}"), f"Exercise `{argument}`, used in *{chapter_title}*.\n",
                      heading(level + 1, "Task"), block(exercise.task),
                      heading(level + 1, "Model solution"), fence(exercise.solution),
                      heading(level + 1, f"Tests ({exercise.test_name})"), fence(exercise.tests)])


# --- vignettes ------------------------------------------------------------------------------------------------

def vignette_paths(vignette) -> list[tuple[list, dict, str]]:
    """Every path from the start to an ending: ([(node, choice), ...], final meters, ending id)."""
    paths = []

    def walk(node_id, trail, values):
        node = vignette.nodes[node_id]
        if node.ending:
            paths.append((trail, values, node_id))
            return
        for choice in node.choices:
            after = {m: values[m] + choice.effects[m] for m in METERS}
            walk(choice.next, trail + [(node, choice)], after)

    walk(vignette.start, [], dict(vignette.meters["start"]))
    return paths


def best_path(vignette):
    """The path to a good ending (else the best ending there is) with the highest final meters, then shortest."""
    rank = {"good": 0, "mixed": 1, "poor": 2}
    return min(vignette_paths(vignette),
               key=lambda p: (rank[vignette.nodes[p[2]].ending], -sum(p[1].values()), len(p[0])))


def vignette_key(root: Path, argument: str, chapter_title: str, level: int = 1) -> str:
    vignette = load_vignette(root / argument, argument)
    trail, values, ending = best_path(vignette)
    meters = ", ".join(f"{m} {values[m]}" for m in METERS)
    lines = [heading(level, f"Vignette map: {vignette.title}"),
             f"Vignette `{argument}`, used in *{chapter_title}*. Client: {vignette.data['client']['name']} "
             f"(invented). {len(vignette.nodes)} scenes, {len(vignette.endings)} endings.\n",
             heading(level + 1, "Best path"),
             f"The path to the best ending, **{slug_in_words(ending)}** ({vignette.nodes[ending].ending}), "
             f"finishing with {meters}:\n"]
    for step, (node, choice) in enumerate(trail, start=1):
        lines.append(f"{step}. **{slug_in_words(node.id)}**: “{one_line(choice.data['response'])}” "
                     f"({choice.effect_words.rstrip('.')}). *Why:* {one_line(choice.data['feedback'])}")
    lines.append("")
    lines.append(heading(level + 1, "Endings"))
    for node in vignette.ordered_nodes():
        if node.ending:
            lines += [heading(level + 2, f"{slug_in_words(node.id)} ({node.ending})"), block(node.data["narrative"]),
                      "**Debrief.** " + block(node.data["debrief"])]
    lines.append(heading(level + 1, "Every decision"))
    for node in vignette.ordered_nodes():
        if node.ending:
            continue
        lines.append(heading(level + 2, slug_in_words(node.id)))
        for choice in node.choices:
            lines.append(f"- “{one_line(choice.data['response'])}” → {slug_in_words(choice.next)} "
                         f"({choice.effect_words.rstrip('.')}). {one_line(choice.data['feedback'])}")
        lines.append("")
    lines += practice_key(vignette, level + 1)
    return "\n".join(lines)


def practice_key(vignette, level: int) -> list[str]:
    """Each "write your own reply" scene: the prompt, the rubric students tick themselves, and the exemplars with
    what makes each work. Students' ticks are self-assessment; the key is for marking a handed-in practice log."""
    practice = vignette.practice_nodes()
    if not practice:
        return []
    lines = [heading(level, "Write your own reply: rubrics and exemplars"),
             "At these scenes students write their own reply before the choices appear, then compare it with the "
             "exemplars and tick the markers their reply shows. Nothing is scored automatically; students can "
             "download their replies and ticks as a practice log from the progress page to hand in.\n"]
    for node in practice:
        lines += [heading(level + 1, f"{slug_in_words(node.id)}: {node.practice['prompt']}"),
                  "Rubric (observable markers):\n", *(f"- {marker}" for marker in node.practice["rubric"]), "",
                  "Exemplars:\n"]
        lines += [f"{number}. “{one_line(exemplar['reply'])}” *What makes it work:* {one_line(exemplar['why'])}"
                  for number, exemplar in enumerate(node.practice["exemplars"], start=1)]
        lines.append("")
    return lines


# --- role-play cards ------------------------------------------------------------------------------------------

def role_play(root: Path, argument: str) -> dict:
    """What three printable cards need from a vignette: the client's card, the therapist's and an observer's.

    The client card gives the actor the person, the opening and the lines the scenario gives the client, sorted by
    the replies that lead to them: a line comes "after a helpful reply" when the choices leading to its scene
    raise the meters overall, "after an unhelpful reply" when they lower them, and "either way" otherwise. The
    therapist card holds only what the therapist would know. The observer's checklist turns the best reply at each
    decision (the largest gain on the meters) into something to look for. Text stays MyST: the page parses it.
    """
    vignette = load_vignette(root / argument, argument)
    start = vignette.nodes[vignette.start]
    incoming: dict[str, int] = {}
    for node in vignette.ordered_nodes():
        for choice in node.choices:
            incoming[choice.next] = incoming.get(choice.next, 0) + sum(choice.effects.values())
    helpful, unhelpful, either, checks = [], [], [], []
    for node in vignette.ordered_nodes():
        if node.id != vignette.start and node.data.get("client_says"):
            change = incoming.get(node.id, 0)
            (helpful if change > 0 else unhelpful if change < 0 else either).append(node.data["client_says"])
        if not node.ending:
            best = max(node.choices, key=lambda c: (sum(c.effects.values()), c.effects.get("bond", 0)))
            checks.append((slug_in_words(node.id), best.data["response"]))
    return {
        "name": vignette.name,
        "title": vignette.title,
        "summary": vignette.data["summary"],
        "client": vignette.data["client"],
        "opening": start.data["narrative"],
        "first_words": start.data.get("client_says", ""),
        "helpful": helpful,
        "unhelpful": unhelpful,
        "either": either,
        "checks": checks,
        "endings": [(slug_in_words(node.id), node.ending) for node in vignette.ordered_nodes() if node.ending],
        # The markers students tick after writing their own reply, for the observer to look for at that moment.
        "practice": [(slug_in_words(node.id), node.practice["rubric"]) for node in vignette.practice_nodes()],
    }
