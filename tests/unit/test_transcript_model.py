"""The transcript model: schema and key checks, each problem naming the file and the line; the published schema."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml

from pyodide_quiz.model import ContentError
from pyodide_quiz.model.transcript import KINDS, MIN_UNMARKED, load_transcript, transcript_schema

ROOT = Path(__file__).resolve().parents[2]
COURSE = sorted((ROOT / "quizzes" / "transcripts").glob("*.yml"))

# A small valid transcript: 32 turns, therapist on odd turns, client on even ones; withdrawal markers on turns 4,
# 8, 12 and 16, confrontation markers on 20, 24, 28 and 32, so the 8 other client turns carry none. Tests change
# one thing and find the expected line by its text.
WITHDRAWAL = {4: "minimal-response", 8: "denial", 12: "deferring", 16: "shifting-topic"}
CONFRONTATION = {20: "complaint-therapist", 24: "complaint-activities", 28: "rejecting-intervention",
                 32: "complaint-progress"}


def base(turns: int = 32) -> str:
    lines = ["title: A test session", "summary: A test.", "content_note: Nothing distressing.", "client:",
             "  name: Sam", "  description: A test client.", "  note: Sam is invented.", "turns:"]
    for number in range(1, turns + 1):
        speaker = "therapist" if number % 2 else "client"
        lines += [f"  - speaker: {speaker}", f"    text: \"Turn {number} words. [pause]\""]
    lines.append("coding:")
    for turn, kind in {**WITHDRAWAL, **CONFRONTATION}.items():
        family = KINDS[kind].family
        lines += [f"  {turn}:", f"    marker: {family}", f"    kind: {kind}", f"    rationale: Why turn {turn}."]
        if turn == 4:
            lines += ["    repair:", "      turn: 5", "      strategy: direct", "      rationale: Gives the reason."]
        if turn in (20, 24):
            lines += ["    repair:", "      turn: 25", "      strategy: metacommunication",
                      "      rationale: Talks about what is happening."]
    lines += ["debrief: What happened."]
    return "\n".join(lines) + "\n"


BASE = base()


def line_of(text: str, fragment: str, occurrence: int = 1) -> int:
    """The 1-based line of the n-th line containing fragment."""
    hits = [number for number, line in enumerate(text.splitlines(), start=1) if fragment in line]
    assert len(hits) >= occurrence, f"{fragment!r} occurs {len(hits)} times"
    return hits[occurrence - 1]


def problems(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "session.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ContentError) as error:
        load_transcript(path, "quizzes/transcripts/session.yml")
    return [str(p) for p in error.value.problems]


def only(found: list[str]) -> str:
    assert len(found) == 1, found
    return found[0]


def test_the_base_transcript_loads(tmp_path):
    path = tmp_path / "session.yml"
    path.write_text(BASE, encoding="utf-8")
    transcript = load_transcript(path)
    assert transcript.name == "session"
    assert [m.turn for m in transcript.markers] == [4, 8, 12, 16, 20, 24, 28, 32]
    assert transcript.markers[0].line == line_of(BASE, "  4:")
    assert transcript.repairs() == [
        {"turn": 5, "strategy": "direct", "rationale": "Gives the reason.", "markers": [4]},
        {"turn": 25, "strategy": "metacommunication", "rationale": "Talks about what is happening.",
         "markers": [20, 24]}]
    spec = transcript.grading_spec()
    assert spec["units"] == list(range(2, 33, 2)) and spec["repair_units"] == list(range(1, 33, 2))
    assert spec["markers"][0] == {"turn": 4, "kind": "minimal-response"}
    assert spec["repairs"] == [{"turn": 5, "strategy": "direct"}, {"turn": 25, "strategy": "metacommunication"}]


def test_the_hash_follows_the_speakers_not_the_words(tmp_path):
    def hash_of(text):
        path = tmp_path / "session.yml"
        path.write_text(text, encoding="utf-8")
        return load_transcript(path).hash

    original = hash_of(BASE)
    assert hash_of(BASE.replace("Turn 3 words.", "Other words entirely.")) == original
    assert hash_of(BASE.replace("Why turn 4.", "Another reason.")) == original
    assert hash_of(base(33)) != original  # a turn more: saved marks may point at other turns


def test_a_coded_turn_that_does_not_exist(tmp_path):
    text = BASE.replace("  32:\n", "  72:\n")
    found = problems(tmp_path, text)
    assert (f"quizzes/transcripts/session.yml:{line_of(text, '  72:')}: turn 72: turn 72 does not exist: the "
            "transcript has 32 turns") in found[0], found


def test_a_marker_on_the_therapists_turn(tmp_path):
    text = BASE.replace("  8:\n", "  9:\n")
    message = only(problems(tmp_path, text))
    assert message.startswith(f"quizzes/transcripts/session.yml:{line_of(text, '  9:')}: turn 9: turn 9 is the "
                              "therapist's; a rupture marker is coded on the client's words"), message


def test_a_kind_from_the_other_family(tmp_path):
    text = BASE.replace("    marker: withdrawal\n    kind: denial", "    marker: confrontation\n    kind: denial")
    message = only(problems(tmp_path, text))
    assert message.startswith(f"quizzes/transcripts/session.yml:{line_of(text, 'kind: denial')}: turn 8: 'denial' "
                              "is a withdrawal marker, but 'marker' says confrontation"), message


def test_an_unknown_kind_is_named_with_a_suggestion(tmp_path):
    text = BASE.replace("kind: denial", "kind: denail")
    message = only(problems(tmp_path, text))
    assert message.startswith(f"quizzes/transcripts/session.yml:{line_of(text, 'kind: denail')}: turn 8: 'kind' is "
                              "'denail'; it must be one of: "), message
    assert "did you mean 'denial'?" in message


def test_a_repair_on_the_clients_turn_before_the_marker_or_beyond_the_end(tmp_path):
    client = BASE.replace("      turn: 5\n", "      turn: 6\n")
    message = only(problems(tmp_path, client))
    assert message.startswith(f"quizzes/transcripts/session.yml:{line_of(client, 'turn: 6')}: turn 4: the repair's "
                              "turn 6 is the client's"), message
    before = BASE.replace("      turn: 5\n", "      turn: 3\n")
    assert "the repair's turn 3 comes before the marker's turn 4" in only(problems(tmp_path, before))
    beyond = BASE.replace("      turn: 5\n", "      turn: 99\n")
    assert "the repair's turn 99 does not exist: the transcript has 32 turns" in only(problems(tmp_path, beyond))


def test_one_repair_with_two_strategies(tmp_path):
    text = BASE.replace("strategy: metacommunication", "strategy: indirect", 1)
    message = only(problems(tmp_path, text))
    assert "the repair at turn 25 is coded 'metacommunication' here and 'indirect' at turn 20" in message, message
    assert message.startswith(f"quizzes/transcripts/session.yml:{line_of(text, 'strategy: metacommunication')}: ")


def test_too_few_markers_of_a_family(tmp_path):
    text = BASE
    for turn in (28, 32):
        start = text.index(f"  {turn}:\n")
        end = text.index("debrief:") if turn == 32 else text.index("  32:\n")
        text = text[:start] + text[end:]
    message = only(problems(tmp_path, text))
    assert message.startswith(f"quizzes/transcripts/session.yml:{line_of(text, 'coding:')}: the key has 2 "
                              "confrontation marker(s); a transcript needs at least 4 of each family"), message


def test_too_few_client_turns_without_a_marker(tmp_path):
    extra = "".join(f"  {turn}:\n    marker: withdrawal\n    kind: abstract-talk\n    rationale: Extra.\n"
                    for turn in (2, 6))
    text = BASE.replace("coding:\n", "coding:\n" + extra)
    message = only(problems(tmp_path, text))
    assert message.startswith(f"quizzes/transcripts/session.yml:{line_of(text, 'coding:')}: only 6 of the 16 client "
                              f"turns carry no marker; a transcript needs at least {MIN_UNMARKED}"), message


@pytest.mark.parametrize("count", [24, 61])
def test_too_few_or_too_many_turns(tmp_path, count):
    text = base(count).replace("  32:\n    marker: confrontation", "  2:\n    marker: confrontation") if count < 32 \
        else base(count)
    found = problems(tmp_path, text)
    line = line_of(text, "turns:")
    assert f"quizzes/transcripts/session.yml:{line}: the transcript has {count} turns; it needs 25 to 60" in \
        " ".join(found), found


def test_a_turn_without_a_speaker_and_a_duplicate_key(tmp_path):
    text = BASE.replace("  - speaker: client\n    text: \"Turn 6 words. [pause]\"",
                        "  - speeker: client\n    text: \"Turn 6 words. [pause]\"")
    found = problems(tmp_path, text)
    assert any(p.startswith(f"quizzes/transcripts/session.yml:{line_of(text, 'speeker')}: unknown key 'speeker'")
               for p in found), found
    twice = BASE.replace("  8:\n", "  4:\n")
    assert any(f":{line_of(twice, '  4:', 2)}: the key '4' appears twice" in p for p in problems(tmp_path, twice))


def test_a_coding_key_that_is_not_a_turn_number(tmp_path):
    text = BASE.replace("  8:\n", "  eight:\n")
    found = problems(tmp_path, text)
    assert any(p.startswith(f"quizzes/transcripts/session.yml:{line_of(text, 'eight:')}: the coding key 'eight' is "
                            "not a turn number") for p in found), found


def test_the_published_schema_is_the_generated_one():
    published = json.loads((ROOT / "quizzes" / "transcript.schema.json").read_text(encoding="utf-8"))
    assert published == transcript_schema(), "run `python -m pyodide_quiz schema` to update it"


def test_the_schema_cli_writes_the_transcript_schema(tmp_path):
    done = subprocess.run([sys.executable, "-m", "pyodide_quiz", "schema", "--out", str(tmp_path)],
                          capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert json.loads((tmp_path / "transcript.schema.json").read_text(encoding="utf-8")) == transcript_schema()


def as_json(data):
    """A YAML document as JSON sees it (mapping keys are text)."""
    return json.loads(json.dumps(data))


@pytest.mark.parametrize("path", COURSE, ids=lambda p: p.stem)
def test_course_transcripts_load_and_match_the_published_schema(path):
    transcript = load_transcript(path)
    assert 25 <= len(transcript.turns) <= 60
    jsonschema.Draft202012Validator(transcript_schema()).validate(
        as_json(yaml.safe_load(path.read_text(encoding="utf-8"))))


def test_the_published_schema_rejects_a_bad_kind_and_a_bad_turn_key():
    data = as_json(yaml.safe_load(BASE))
    data["coding"]["8"]["kind"] = "sulking"
    data["coding"]["eight"] = data["coding"].pop("12")
    messages = [e.message for e in jsonschema.Draft202012Validator(transcript_schema()).iter_errors(data)]
    assert any("sulking" in m for m in messages) and any("eight" in m for m in messages), messages


def test_the_course_has_three_transcripts():
    assert [p.stem for p in COURSE] == ["repaired-then-missed", "session-four-withdrawal", "session-nine-homework"]
