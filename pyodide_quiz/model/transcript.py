"""A transcript file: an invented therapy session, turn by turn, with the coders' key of rupture markers and repairs.

Students mark the turns where they see a rupture marker (and its kind) and the therapist's repair attempts (and
their strategy); the grader (graders/transcript.py) compares their marks with the key. `load_transcript` checks
the file against `TRANSCRIPT_SCHEMA` and then the key against the transcript: every coded turn exists, a marker
sits on a client's turn and its kind belongs to its family, a repair sits on a later therapist's turn, there are
enough markers of each family and enough client turns without one for agreement to mean something. Every
problem names the file and the line.

The marker kinds follow the two families of the Rupture Resolution Rating System (3RS): withdrawal (the client
moves away from the therapist or the work) and confrontation (the client moves against them); the repair
strategies are the three commonly taught kinds. The labels and one-line definitions are this engine's own
short versions; the 3RS manual's are longer.

`python -m pyodide_quiz schema` publishes the schema for editors as quizzes/transcript.schema.json.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from .common import MARKDOWN, STORY_PROPERTIES, STORY_REQUIRED, closed_object
from .source import ContentError, Located, Problem
from .validate import load_mapping, schema_problems
from .where import Where

SPEAKERS = ("therapist", "client")
FAMILIES = {"withdrawal": "Withdrawal", "confrontation": "Confrontation"}


@dataclass(frozen=True)
class Code:
    """One code a student or a coder can give a turn: a marker kind or a repair strategy."""

    id: str
    label: str
    definition: str
    family: str = ""  # a marker's family; empty for a repair strategy


KINDS = {code.id: code for code in (
    Code("denial", "Denial",
         "The client says there is no problem or no feeling, although what they say or do suggests otherwise.",
         "withdrawal"),
    Code("minimal-response", "Minimal response",
         "Very short or silent answers that close down a topic the therapist has opened.", "withdrawal"),
    Code("abstract-talk", "Abstract talk",
         "General or intellectual talk that keeps the client’s own experience at a distance.", "withdrawal"),
    Code("shifting-topic", "Avoidant storytelling or shifting topic",
         "The client moves to another subject, or tells a long story that steers away from the point.",
         "withdrawal"),
    Code("deferring", "Deferring",
         "The client agrees or complies too readily, putting the therapist’s view above their own.", "withdrawal"),
    Code("content-affect-split", "Content–affect split",
         "What the client says and how they say it do not match, such as laughing while describing something painful.",
         "withdrawal"),
    Code("self-criticism", "Self-criticism",
         "The client turns a difficulty in the work against themselves.", "withdrawal"),
    Code("complaint-therapist", "Complaint about the therapist",
         "The client criticises the therapist’s skill, manner or understanding.", "confrontation"),
    Code("complaint-activities", "Complaint about the activities",
         "The client objects to what therapy asks of them: homework, exercises, the way sessions run.",
         "confrontation"),
    Code("complaint-progress", "Complaint about progress",
         "The client says that therapy is not helping, or not fast enough.", "confrontation"),
    Code("rejecting-intervention", "Rejecting an intervention",
         "The client dismisses what the therapist has just offered: a suggestion, a question, an interpretation.",
         "confrontation"),
    Code("controlling", "Pressuring or controlling the therapist",
         "The client tries to dictate what the therapist does or says, or demands a quick answer.", "confrontation"),
    Code("defending", "Defending against the therapist",
         "The client justifies themselves against something they hear as the therapist’s criticism.",
         "confrontation"),
)}
STRATEGIES = {code.id: code for code in (
    Code("direct", "Direct",
         "Addresses the rupture on its own terms: clarifies, explains the reason for a task, or changes the task "
         "or goal."),
    Code("indirect", "Indirect",
         "Works on the rupture without naming it: reframes the task, or goes along with the client’s way of "
         "coping for now."),
    Code("metacommunication", "Metacommunication",
         "Talks with the client about what is happening between them right now, open about the therapist’s own "
         "part."),
)}

# The rules of a usable transcript: long enough to practise on, short enough for one sitting; enough markers of
# each family to practise both; enough client turns without a marker that marking everything is not rewarded.
MIN_TURNS, MAX_TURNS = 25, 60
MIN_PER_FAMILY = 4
MIN_UNMARKED = 8

TURN_SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "required": ["speaker", "text"],
    "properties": {
        "speaker": {"enum": list(SPEAKERS)},
        "text": {"type": "string", "minLength": 1,
                 "description": "what is said, as plain text; stage directions in brackets, e.g. [long pause]"},
    },
}
REPAIR_SCHEMA = closed_object(["turn", "strategy", "rationale"], {
    "turn": {"type": "integer", "minimum": 1, "description": "the number of the therapist's turn"},
    "strategy": {"enum": list(STRATEGIES)},
    "rationale": MARKDOWN,
}, "the therapist's repair attempt: on a later therapist's turn")
CODING_SCHEMA = closed_object(["marker", "kind", "rationale"], {
    "marker": {"enum": list(FAMILIES), "description": "the marker's family"},
    "kind": {"enum": list(KINDS), "description": "the marker's kind (its family must match 'marker')"},
    "rationale": {**MARKDOWN, "description": "one line: why the coders see this marker here"},
    "repair": REPAIR_SCHEMA,
}, "the coders' marker on this client's turn")
TRANSCRIPT_SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "required": [*STORY_REQUIRED, "turns", "coding", "debrief"],
    "properties": {
        **STORY_PROPERTIES,
        "turns": {"type": "array", "items": TURN_SCHEMA,
                  "description": f"{MIN_TURNS} to {MAX_TURNS} turns, numbered from 1 in this order"},
        # Each entry is checked on its own (so problems name its turn); transcript_schema() adds CODING_SCHEMA.
        "coding": {"type": "object", "minProperties": 1,
                   "description": "turn number -> the coders' marker on that turn"},
        "debrief": MARKDOWN,
    },
}


def transcript_schema() -> dict:
    """The JSON Schema of a transcript file, as published in quizzes/transcript.schema.json for editors."""
    schema = json.loads(json.dumps(TRANSCRIPT_SCHEMA))
    schema["properties"]["coding"]["propertyNames"] = {
        "pattern": "^[1-9][0-9]*$", "description": "a turn number (the first turn is 1)"}
    schema["properties"]["coding"]["additionalProperties"] = CODING_SCHEMA
    return {"$schema": "https://json-schema.org/draft/2020-12/schema",
            "title": "Transcript file (pyodide_quiz)", **schema}


@dataclass(frozen=True)
class Marker:
    turn: int
    kind: str
    rationale: str
    line: int
    repair: dict | None  # {"turn", "strategy", "rationale"}

    @property
    def family(self) -> str:
        return KINDS[self.kind].family


@dataclass
class Transcript:
    name: str  # the file name without .yml: the transcript's stable key
    file: str
    data: dict
    markers: list[Marker]  # in turn order

    @property
    def title(self) -> str:
        return self.data["title"]

    @property
    def turns(self) -> list[dict]:
        return self.data["turns"]

    def speaker(self, turn: int) -> str:
        return self.turns[turn - 1]["speaker"]

    def turns_of(self, speaker: str) -> list[int]:
        return [number for number, turn in enumerate(self.turns, start=1) if turn["speaker"] == speaker]

    def repairs(self) -> list[dict]:
        """The coders' repair attempts, one per therapist's turn, in turn order: {"turn", "strategy", "rationale",
        "markers": [the marker turns it answers]}."""
        found: dict[int, dict] = {}
        for marker in self.markers:
            if marker.repair:
                entry = found.setdefault(marker.repair["turn"], {**marker.repair, "markers": []})
                entry["markers"].append(marker.turn)
        return [found[turn] for turn in sorted(found)]

    def grading_spec(self) -> dict:
        """What graders/transcript.py needs: the turns that can carry each kind of mark, and the key."""
        return {
            "units": self.turns_of("client"),
            "markers": [{"turn": m.turn, "kind": m.kind} for m in self.markers],
            "repair_units": self.turns_of("therapist"),
            "repairs": [{"turn": r["turn"], "strategy": r["strategy"]} for r in self.repairs()],
            "families": {kind: code.family for kind, code in KINDS.items()},
            "strategies": list(STRATEGIES),
        }

    @property
    def hash(self) -> str:
        """Changes when the turns change (count or speakers), so marks saved against other turns are not restored.

        Rewording a turn or the key keeps the hash: saved marks still point at the same turns.
        """
        canonical = json.dumps([turn["speaker"] for turn in self.turns])
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:12]

    def sample_answers(self) -> list[tuple[str, dict, dict]]:
        """(name, answer, what the grader must say) for answers whose verdict is known without grading:
        every marker and repair found with its kind ("all hits": kappa 1), no marks ("none": kappa 0), every
        client turn marked ("everything": kappa 0), and every marker marked with its kind on a neighbouring
        client turn where one is free ("off by one": all matched, so kappa 1)."""
        units = self.turns_of("client")
        keyed = {m.turn for m in self.markers}
        n = len(self.markers)
        all_hits = {"markers": [{"turn": m.turn, "kind": m.kind} for m in self.markers],
                    "repairs": [{"turn": r["turn"], "strategy": r["strategy"]} for r in self.repairs()]}
        shifted, taken = [], set()
        for marker in self.markers:
            place = units.index(marker.turn)
            neighbours = [units[i] for i in (place + 1, place - 1) if 0 <= i < len(units)]
            free = [t for t in neighbours if t not in keyed and t not in taken]
            turn = free[0] if free else marker.turn
            taken.add(turn)
            shifted.append({"turn": turn, "kind": marker.kind})
        return [
            ("all hits", all_hits, {"hits": n, "misses": 0, "false_alarms": 0, "kappa": 1.0}),
            ("none", {"markers": [], "repairs": []}, {"hits": 0, "misses": n, "false_alarms": 0, "kappa": 0.0}),
            ("everything", {"markers": [{"turn": t, "kind": None} for t in units], "repairs": []},
             {"hits": n, "misses": 0, "false_alarms": len(units) - n, "kappa": 0.0}),
            ("off by one", {"markers": shifted, "repairs": []},
             {"hits": n, "misses": 0, "false_alarms": 0, "kappa": 1.0}),
        ]


def _turn_number(key) -> int | None:
    """A coding key as a turn number: YAML reads `12:` as the integer 12 (and `"12":` as text)."""
    if isinstance(key, bool):
        return None
    if isinstance(key, int):
        return key
    if isinstance(key, str) and key.isdigit():
        return int(key)
    return None


def _entry_problems(located: Located, key, turns: list[dict]) -> tuple[Marker | None, list[Problem]]:
    """One coding entry: its schema, its turn, its kind's family, and its repair's turn."""
    path = ("coding", key)
    where = Where(located, path, f"turn {key}")
    number = _turn_number(key)
    if number is None or number < 1:
        return None, [Problem(located.file, located.key_line(path), f"the coding key {key!r} is not a turn number",
                              "key each coding entry by the number of its turn, e.g. '12:'")]
    entry = located.data["coding"][key]
    if not isinstance(entry, dict):
        return None, [where.problem("a coding entry must be a mapping with 'marker', 'kind' and 'rationale'")]
    problems = schema_problems(located, CODING_SCHEMA, path, where.subject)
    if problems:
        return None, problems
    count = len(turns)
    if number > count:
        return None, [Problem(located.file, located.key_line(path), f"turn {number} does not exist: the transcript "
                              f"has {count} turns", "number the turns from 1, in the order of 'turns'",
                              where.subject)]
    if turns[number - 1]["speaker"] != "client":
        problems.append(Problem(located.file, located.key_line(path),
                                f"turn {number} is the therapist's; a rupture marker is coded on the client's words",
                                "move the marker to the client's turn where it shows", where.subject))
    kind = KINDS[entry["kind"]]
    if kind.family != entry["marker"]:
        problems.append(where.at("kind").problem(
            f"'{entry['kind']}' is a {kind.family} marker, but 'marker' says {entry['marker']}",
            f"set marker: {kind.family}, or choose a {entry['marker']} kind: "
            + ", ".join(k for k, code in KINDS.items() if code.family == entry["marker"])))
    repair = entry.get("repair")
    if repair:
        target = repair["turn"]
        at = where.at("repair", "turn")
        if target > count:
            problems.append(at.problem(f"the repair's turn {target} does not exist: the transcript has {count} turns"))
        elif target <= number:
            problems.append(at.problem(f"the repair's turn {target} comes before the marker's turn {number}",
                                       "a repair answers a marker: name a later therapist's turn"))
        elif turns[target - 1]["speaker"] != "therapist":
            problems.append(at.problem(f"the repair's turn {target} is the client's; a repair is the therapist's "
                                       "attempt", "name the therapist's turn where the repair is attempted"))
    if problems:
        return None, problems
    return Marker(number, entry["kind"], entry["rationale"], located.key_line(path), repair), []


def _key_problems(located: Located, markers: list[Marker], turns: list[dict]) -> list[Problem]:
    """Rules over the whole key: repairs agree, enough of each family, enough unmarked client turns."""
    problems = []
    file = located.file
    strategies: dict[int, tuple[str, int]] = {}
    for marker in markers:
        if not marker.repair:
            continue
        turn, strategy = marker.repair["turn"], marker.repair["strategy"]
        if turn in strategies and strategies[turn][0] != strategy:
            problems.append(Problem(file, located.line(("coding", _key_of(located, marker.turn), "repair", "strategy")),
                                    f"the repair at turn {turn} is coded '{strategy}' here and "
                                    f"'{strategies[turn][0]}' at turn {strategies[turn][1]}",
                                    "one repair attempt has one strategy", f"turn {marker.turn}"))
        strategies.setdefault(turn, (strategy, marker.turn))
    coding_line = located.key_line(("coding",))
    for family in FAMILIES:
        count = sum(marker.family == family for marker in markers)
        if count < MIN_PER_FAMILY:
            problems.append(Problem(file, coding_line, f"the key has {count} {family} marker(s); a transcript needs "
                                    f"at least {MIN_PER_FAMILY} of each family",
                                    "students practise spotting both families"))
    client_turns = sum(turn["speaker"] == "client" for turn in turns)
    unmarked = client_turns - len(markers)
    if unmarked < MIN_UNMARKED:
        problems.append(Problem(file, coding_line, f"only {unmarked} of the {client_turns} client turns carry no "
                                f"marker; a transcript needs at least {MIN_UNMARKED}",
                                "add client turns without a marker, so that marking every turn is not rewarded"))
    return problems


def _key_of(located: Located, turn: int):
    """The coding key as the file wrote it (12 or "12")."""
    return turn if turn in located.data["coding"] else str(turn)


def load_transcript(path: Path | str, display_name: str | None = None) -> Transcript:
    """Load and validate a transcript file. Raises ContentError with every problem found."""
    path = Path(path)
    located, problems, _ = load_mapping(path, display_name, "a transcript file must be a mapping with 'title', "
                                        "'turns' and 'coding'", TRANSCRIPT_SCHEMA)
    turns = located.data.get("turns")
    markers: list[Marker] = []
    # Turn numbers mean something only once every turn is well formed (the schema reports the broken ones).
    if _turns_are_sound(turns):
        if not MIN_TURNS <= len(turns) <= MAX_TURNS:
            problems.append(Problem(located.file, located.key_line(("turns",)),
                                    f"the transcript has {len(turns)} turns; it needs {MIN_TURNS} to {MAX_TURNS}",
                                    "long enough to practise on, short enough for one sitting"))
        coding = located.data.get("coding")
        entry_problems = []
        if isinstance(coding, dict):
            for key in coding:
                marker, found = _entry_problems(located, key, turns)
                entry_problems += found
                if marker:
                    markers.append(marker)
        problems += entry_problems
        markers.sort(key=lambda m: m.turn)
        # The whole key is judged only when every entry is sound, so each problem it reports is real.
        if isinstance(coding, dict) and coding and not entry_problems:
            problems += _key_problems(located, markers, turns)
    if problems:
        raise ContentError(sorted(set(problems), key=lambda p: (p.line, p.message)))
    return Transcript(path.stem, located.file, located.data, markers)


def _turns_are_sound(turns) -> bool:
    return isinstance(turns, list) and all(
        isinstance(turn, dict) and turn.get("speaker") in SPEAKERS and isinstance(turn.get("text"), str)
        for turn in turns)
