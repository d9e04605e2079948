"""A vignette file: a branching clinical scenario, validated as a story graph with three alliance meters.

`load_vignette` checks the file against `VIGNETTE_SCHEMA` and then as a graph: every `next` names a node, every
node is reachable from `start` and can reach an ending, there are at least two endings, no path loops, and no
path takes a meter outside its range. Every problem names the file, the line and the node.

`python -m pyodide_quiz schema` publishes the schema for editors as quizzes/vignette.schema.json.
"""
from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from .common import CITE, ID_PATTERN, MARKDOWN, STORY_PROPERTIES, STORY_REQUIRED, word_trigrams
from .source import ContentError, Located, Problem
from .validate import did_you_mean, load_mapping, schema_problems
from .where import Where

METERS = ("goal", "task", "bond")
ENDING_KINDS = ("good", "mixed", "poor")
DEFAULT_METERS = {"start": {"goal": 5, "task": 5, "bond": 5}, "min": 0, "max": 10}

_WHOLE = {"type": "integer"}
EFFECTS = {
    "type": "object",
    "additionalProperties": False,
    "properties": {name: _WHOLE for name in METERS},
    "description": "how much each meter changes: a whole number, negative to lower it; omit a meter to leave it",
}
CHOICE = {
    "type": "object",
    "additionalProperties": False,
    "required": ["response", "next", "effects", "feedback"],
    "properties": {
        "response": MARKDOWN,
        "next": {"type": "string", "pattern": ID_PATTERN, "description": "the id of the node this choice leads to"},
        "effects": EFFECTS,
        "feedback": MARKDOWN,
        "cite": CITE,
    },
}
PLAIN = {"type": "string", "minLength": 1, "description": "plain text"}
# Write your own reply: at a decision, the student writes what they would say before the choices appear, then
# compares it with the authors' exemplars and ticks the markers of the rubric their reply shows.
PRACTICE = {
    "type": "object",
    "additionalProperties": False,
    "required": ["prompt", "exemplars", "rubric"],
    "description": "write your own reply before the choices appear (only on a decision)",
    "properties": {
        "prompt": {**PLAIN, "description": "plain text: the question the student answers in writing, e.g. "
                                           "'What would you say to Dana now?'"},
        "exemplars": {
            "type": "array", "minItems": 2, "maxItems": 3,
            "description": "two or three replies the authors would give, each different in kind",
            "items": {"type": "object", "additionalProperties": False, "required": ["reply", "why"],
                      "properties": {"reply": {**MARKDOWN, "description": "MyST Markdown: one to three sentences"},
                                     "why": {**MARKDOWN, "description": "MyST Markdown: what makes this reply work"}}},
        },
        "rubric": {
            "type": "array", "minItems": 3, "maxItems": 6,
            "description": "three to six observable alliance markers a reply can show",
            "items": {**PLAIN, "description": "plain text: something a reader can point to in a reply, e.g. "
                                              "'names the client's feeling'"},
        },
    },
}
NODE_SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "required": ["narrative"],
    "description": "a decision (with choices) or an ending (with ending and debrief)",
    "properties": {
        "narrative": MARKDOWN,
        "client_says": MARKDOWN,
        "practice": PRACTICE,
        "choices": {"type": "array", "minItems": 2, "maxItems": 4, "items": CHOICE},
        "ending": {"enum": list(ENDING_KINDS)},
        "debrief": MARKDOWN,
    },
}
VIGNETTE_SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "required": [*STORY_REQUIRED, "start", "nodes"],
    "properties": {
        **STORY_PROPERTIES,
        "meters": {
            "type": "object",
            "additionalProperties": False,
            "properties": {
                "start": {"type": "object", "additionalProperties": False,
                          "properties": {name: _WHOLE for name in METERS}},
                "min": _WHOLE,
                "max": _WHOLE,
                "why": {**MARKDOWN, "description": "why the meters start where they do (needed unless all three "
                                                   "start in the middle of their range)"},
            },
        },
        "start": {"type": "string", "pattern": ID_PATTERN, "description": "the id of the first node"},
        # Each node is checked on its own (so problems name it); vignette_schema() puts NODE_SCHEMA in here.
        "nodes": {"type": "object", "minProperties": 1},
    },
}


def vignette_schema() -> dict:
    """The JSON Schema of a vignette file, as published in quizzes/vignette.schema.json for editors."""
    schema = json.loads(json.dumps(VIGNETTE_SCHEMA))
    schema["properties"]["nodes"]["propertyNames"] = {
        "pattern": ID_PATTERN, "description": "node ids: lowercase letters, digits and '-'"}
    schema["properties"]["nodes"]["additionalProperties"] = NODE_SCHEMA
    return {"$schema": "https://json-schema.org/draft/2020-12/schema",
            "title": "Vignette file (pyodide_quiz)", **schema}


@dataclass
class Choice:
    index: int
    data: dict
    line: int

    @property
    def next(self) -> str:
        return self.data["next"]

    @property
    def effects(self) -> dict[str, int]:
        """Every meter's change, 0 for a meter the author left out."""
        return {name: self.data["effects"].get(name, 0) for name in METERS}

    @property
    def effect_words(self) -> str:
        return effect_words(self.effects)


def effect_words(effects: dict[str, int]) -> str:
    """"Task +1, Bond −2." in meter order (a true minus sign, which screen readers read as "minus"). The build
    writes it beside each choice of the decision tree, and the runtime shows that text after a choice."""
    parts = [f"{name.capitalize()} {'+' if change > 0 else '−'}{abs(change)}"
             for name, change in ((n, effects.get(n, 0)) for n in METERS) if change]
    return ", ".join(parts) + "." if parts else "No change to the meters."


@dataclass
class Node:
    id: str
    data: dict
    line: int
    choices: list[Choice] = field(default_factory=list)

    @property
    def ending(self) -> str | None:
        return self.data.get("ending")

    @property
    def practice(self) -> dict | None:
        return self.data.get("practice")

    @property
    def practice_hash(self) -> str:
        """Changes when the prompt or the rubric changes: a student's ticks belong to the rubric they saw."""
        practice = self.practice or {}
        canonical = json.dumps([practice.get("prompt"), practice.get("rubric")])
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:12]


@dataclass
class Vignette:
    name: str  # the file name without .yml: the vignette's stable key
    file: str
    data: dict
    nodes: dict[str, Node]
    meters: dict

    @property
    def title(self) -> str:
        return self.data["title"]

    @property
    def start(self) -> str:
        return self.data["start"]

    @property
    def endings(self) -> list[str]:
        return [node.id for node in self.nodes.values() if node.ending]

    def practice_nodes(self) -> list[Node]:
        """The decisions where the student writes a reply first, in the author's order (start node first)."""
        return [node for node in self.ordered_nodes() if node.practice]

    def ordered_nodes(self) -> list[Node]:
        """The nodes in the author's order, the start node first."""
        return sorted(self.nodes.values(), key=lambda node: node.id != self.start)

    def graph(self) -> dict:
        """What the runtime needs to play the story: no text, only the structure and the meters."""
        nodes = {}
        for node in self.nodes.values():
            if node.ending:
                nodes[node.id] = {"ending": node.ending}
            else:
                nodes[node.id] = {"choices": [{"next": c.next, "effects": c.effects} for c in node.choices]}
        numbers = {key: value for key, value in self.meters.items() if key != "why"}  # text stays in the page
        return {"start": self.start, "meters": {"names": list(METERS), **numbers}, "nodes": nodes}

    @property
    def hash(self) -> str:
        """Changes when the story's structure changes, so a saved path through an edited story is not restored.

        Rewording a scene keeps the hash; adding, removing or re-ordering choices changes it.
        """
        canonical = json.dumps(self.graph(), sort_keys=True)
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:12]


def _subject(node_id: str) -> str:
    return f"node '{node_id}'"


def _meters(located: Located) -> tuple[dict, list[Problem]]:
    given = located.data.get("meters") or {}
    meters = {"start": {**DEFAULT_METERS["start"], **given.get("start", {})},
              "min": given.get("min", DEFAULT_METERS["min"]), "max": given.get("max", DEFAULT_METERS["max"])}
    problems = []
    where = Where(located, ("meters",), "")
    if meters["min"] >= meters["max"]:
        problems.append(where.at("max").problem(
            f"meters: max ({meters['max']}) must be greater than min ({meters['min']})"))
    for name in METERS:
        value = meters["start"][name]
        if not meters["min"] <= value <= meters["max"]:
            problems.append(where.at("start", name).problem(
                f"the {name} meter starts at {value}, outside its range {meters['min']}..{meters['max']}"))
    if "why" in given:
        meters["why"] = given["why"]
    return meters, problems


def _why_problems(located: Located, meters: dict) -> list[Problem]:
    """Meters that start anywhere but half-way need a reason, which the page shows under them."""
    if "why" in meters or starts_in_the_middle(meters):
        return []
    return [Where(located, ("meters", "start"), "").problem(
        "the meters do not all start in the middle of their range, and 'why' does not say why",
        "add meters: why: one or two sentences on where this client's alliance stands as the story opens")]


def starts_in_the_middle(meters: dict) -> bool:
    """Whether every meter starts half-way between min and max (the default's "nothing agreed, nothing lost")."""
    return all(2 * meters["start"][name] == meters["min"] + meters["max"] for name in METERS)


def _node_problems(located: Located, node_id: str) -> tuple[Node | None, list[Problem]]:
    """Schema and shape of one node: a decision has choices and no debrief; an ending has a debrief and no choices."""
    path = ("nodes", node_id)
    subject = _subject(node_id)
    where = Where(located, path, subject)
    data = located.data["nodes"][node_id]
    if not re.match(ID_PATTERN, str(node_id)):
        return None, [Problem(located.file, located.key_line(path),
                              f"the node id {node_id!r} does not have the expected form",
                              "use lowercase letters, digits and '-', e.g. 'first-reply'", subject)]
    if not isinstance(data, dict):
        return None, [where.problem("a node must be a mapping with 'narrative' and either 'choices' or 'ending'")]
    problems = schema_problems(located, NODE_SCHEMA, path, subject)
    if problems:
        return None, problems
    if "ending" in data:
        if "choices" in data:
            problems.append(where.at("choices").problem(
                "an ending has no choices", "remove 'choices', or remove 'ending' to make this a decision"))
        if "debrief" not in data:
            problems.append(where.problem("an ending needs a 'debrief'", "say what made the difference, and why"))
    else:
        if "choices" not in data:
            problems.append(where.problem(
                "a decision node needs 'choices'", "add two to four choices, or add 'ending: good|mixed|poor'"))
        if "debrief" in data:
            problems.append(where.at("debrief").problem(
                "only an ending has a 'debrief'", "add 'ending: good|mixed|poor', or move the text into a feedback"))
    problems += _practice_problems(where, data)
    if problems:
        return None, problems
    choices = [Choice(i, c, located.line(path + ("choices", i))) for i, c in enumerate(data.get("choices", []))]
    return Node(node_id, data, located.key_line(path), choices), []


def _practice_problems(where: Where, data: dict) -> list[Problem]:
    """A practice belongs to a decision (the student writes, then chooses), and says each thing once."""
    practice = data.get("practice")
    if not practice:
        return []
    if "ending" in data:
        return [Problem(where.located.file, where.located.key_line(where.path + ("practice",)),
                        "an ending has no 'practice': the student writes a reply before choosing, and an ending has "
                        "no choices", "move 'practice' to the decision that leads here", where.subject)]
    problems = []
    for key, what in (("rubric", "marker"), ("exemplars", "exemplar")):
        seen: dict[str, int] = {}
        for index, item in enumerate(practice[key]):
            text = item["reply"] if key == "exemplars" else item
            same = " ".join(str(text).lower().split())
            if same in seen:
                problems.append(where.at("practice", key, index).problem(
                    f"practice {what} {index + 1} repeats {what} {seen[same] + 1}",
                    "each one should say something different; remove or rewrite it"))
            seen.setdefault(same, index)
    return problems + _echo_problems(where, practice, data.get("choices", []))


# An exemplar shown just before the student chooses must not hand them a choice's wording: past this share of an
# exemplar's word trigrams found in one choice, the choice is given away (the course's exemplars share at most 0.27).
ECHO_SHARE = 0.4


def _echo_problems(where: Where, practice: dict, choices: list) -> list[Problem]:
    problems = []
    for index, exemplar in enumerate(practice.get("exemplars", [])):
        mine = word_trigrams(str(exemplar.get("reply", "")))
        for number, choice in enumerate(choices, start=1):
            theirs = word_trigrams(str(choice.get("response", "")))
            if mine and theirs and len(mine & theirs) / min(len(mine), len(theirs)) >= ECHO_SHARE:
                problems.append(where.at("practice", "exemplars", index).problem(
                    f"practice exemplar {index + 1} repeats the wording of choice {number}: the student reads the "
                    "exemplars just before choosing, so it gives that choice away",
                    "say it in other words, or make it a different kind of reply"))
    return problems


def _graph_problems(located: Located, nodes: dict[str, Node], meters: dict) -> list[Problem]:
    file = located.file
    start = located.data["start"]
    problems: list[Problem] = []
    broken = False
    for node in nodes.values():
        for choice in node.choices:
            if choice.next not in nodes:
                broken = True
                hint = did_you_mean(choice.next, nodes) or f"nodes: {', '.join(nodes)}"
                problems.append(Problem(file, located.line(("nodes", node.id, "choices", choice.index, "next")),
                                        f"choice {choice.index + 1} leads to '{choice.next}', which is not a node",
                                        hint, _subject(node.id)))

    if start not in nodes:
        hint = did_you_mean(start, nodes) or f"nodes: {', '.join(nodes)}"
        problems.append(Problem(file, located.line(("start",)), f"start names node '{start}', which does not exist",
                                hint, _subject(start)))
        return problems

    def successors(node_id: str) -> list[str]:
        return [c.next for c in nodes[node_id].choices if c.next in nodes]

    reachable = _reach([start], successors)
    for node in nodes.values():
        if node.id not in reachable:
            problems.append(Problem(file, node.line, f"cannot be reached from the start node '{start}'",
                                    "lead a choice's 'next' to it, or remove it", _subject(node.id)))

    endings = [node.id for node in nodes.values() if node.ending]
    if len(endings) < 2:
        named = f" ('{endings[0]}')" if endings else ""
        problems.append(Problem(file, located.key_line(("nodes",)),
                                f"the story has {len(endings)} ending{named}; it needs at least two",
                                "mark a node with 'ending: good', 'ending: mixed' or 'ending: poor'",
                                _subject(endings[0]) if endings else ""))

    predecessors: dict[str, list[str]] = {node_id: [] for node_id in nodes}
    for node_id in nodes:
        for target in successors(node_id):
            predecessors[target].append(node_id)
    can_end = _reach(endings, lambda node_id: predecessors[node_id])
    for node in nodes.values():
        if node.id not in can_end:
            problems.append(Problem(file, node.line, "no path from this node reaches an ending",
                                    "lead one of its choices towards an ending", _subject(node.id)))

    loops = _loops(located, nodes, start, successors)
    problems += loops
    if not broken and not loops:
        problems += _meter_problems(located, nodes, start, meters)
    return problems


def _reach(origins: list[str], step) -> set[str]:
    seen, todo = set(origins), list(origins)
    while todo:
        for other in step(todo.pop()):
            if other not in seen:
                seen.add(other)
                todo.append(other)
    return seen


def _loops(located: Located, nodes: dict[str, Node], start: str, successors) -> list[Problem]:
    """One problem per choice that leads back to a node already on the current path (depth first)."""
    problems = []
    state: dict[str, str] = {}  # "open" while on the current path, "done" after

    def visit(node_id: str, trail: list[str]) -> None:
        state[node_id] = "open"
        for choice in nodes[node_id].choices:
            target = choice.next
            if target not in nodes:
                continue
            if state.get(target) == "open":
                loop = trail[trail.index(target):] + [node_id, target] if target in trail else [node_id, target]
                problems.append(Problem(
                    located.file, located.line(("nodes", node_id, "choices", choice.index, "next")),
                    f"choice {choice.index + 1} leads back to '{target}', so the story loops: {' -> '.join(loop)}",
                    "a vignette must move forward; lead this choice to a new node", _subject(node_id)))
            elif target not in state:
                visit(target, trail + [node_id])
        state[node_id] = "done"

    # From the start first, so loops are described along the story; then any part cut off from it.
    for origin in [start] + [n for n in nodes if n != start]:
        if origin not in state:
            visit(origin, [])
    return problems


def _meter_problems(located: Located, nodes: dict[str, Node], start: str, meters: dict) -> list[Problem]:
    """Walk every path from the start with the meters' running values; report the first path that takes a meter
    out of range, once for each choice and meter. The graph has no loops by now, so the walk ends."""
    low, high = meters["min"], meters["max"]
    found: dict[tuple, Problem] = {}
    explored: set[tuple] = set()  # (node, values): the rest of the walk depends only on these

    def walk(node_id: str, values: tuple, trail: list[str]) -> None:
        if (node_id, values) in explored:
            return
        explored.add((node_id, values))
        for choice in nodes[node_id].choices:
            after = tuple(v + choice.effects[name] for v, name in zip(values, METERS))
            for name, value in zip(METERS, after):
                if not low <= value <= high and (node_id, choice.index, name) not in found:
                    route = " -> ".join(trail + [node_id, choice.next])
                    bound = f"above its maximum {high}" if value > high else f"below its minimum {low}"
                    found[(node_id, choice.index, name)] = Problem(
                        located.file, located.line(("nodes", node_id, "choices", choice.index, "effects")),
                        f"{name} reaches {value} after {route} ({bound})",
                        "make the effects along this path smaller, or widen meters: min/max", _subject(node_id))
            if all(low <= value <= high for value in after):
                walk(choice.next, after, trail + [node_id])

    walk(start, tuple(meters["start"][name] for name in METERS), [])
    return list(found.values())


def load_vignette(path: Path | str, display_name: str | None = None) -> Vignette:
    """Load and validate a vignette file. Raises ContentError with every problem found."""
    path = Path(path)
    located, problems, top = load_mapping(path, display_name, "a vignette file must be a mapping with 'title', "
                                          "'start' and 'nodes'", VIGNETTE_SCHEMA)
    raw_nodes = located.data.get("nodes")
    nodes: dict[str, Node] = {}
    node_problems = []
    if isinstance(raw_nodes, dict):
        for node_id in raw_nodes:
            node, found = _node_problems(located, node_id)
            node_problems += found
            if node is not None:
                nodes[node_id] = node
    problems += node_problems
    meters = DEFAULT_METERS
    if not top:
        meters, found = _meters(located)
        problems += found or _why_problems(located, meters)
        # The graph is only checked once every node is well formed, so each problem it reports is real.
        if not node_problems and not found:
            problems += _graph_problems(located, nodes, meters)
    if problems:
        raise ContentError(sorted(problems, key=lambda p: p.line))
    return Vignette(path.stem, located.file, located.data, nodes, meters)

