"""The coding key of a transcript as MyST text, for the instructor edition (scripts/instructor): the whole session
with the coders' code beside each turn, every marker and repair with its rationale, and the debrief.

Generated from the transcript file through the engine's model, so it always matches what students compare with.
"""
from __future__ import annotations

import re
from pathlib import Path

from course_site.teaching import block, heading, one_line
from pyodide_quiz.model.transcript import FAMILIES, KINDS, STRATEGIES, load_transcript

STAGE_DIRECTION = re.compile(r"(\[[^\[\]]+\])")


def cell(text: str) -> str:
    """Turn text for a Markdown table cell: pipes escaped, stage directions in italics."""
    text = re.sub(r"([|*_`\\])", r"\\\1", " ".join(text.split()))
    return STAGE_DIRECTION.sub(r"*\1*", text)


def transcript_key(root: Path, argument: str, chapter_title: str, level: int = 1) -> str:
    transcript = load_transcript(root / argument, argument)
    client = transcript.data["client"]["name"]
    repairs = transcript.repairs()
    counts = {family: sum(m.family == family for m in transcript.markers) for family in FAMILIES}
    codes: dict[int, str] = {}
    for marker in transcript.markers:
        codes[marker.turn] = f"**{FAMILIES[marker.family]}:** {KINDS[marker.kind].label.lower()}"
    for repair in repairs:
        codes[repair["turn"]] = f"**Repair:** {STRATEGIES[repair['strategy']].label.lower()}"
    lines = [heading(level, f"Coding key: {transcript.title}"),
             f"Transcript `{argument}`, used in *{chapter_title}*. Client: {client} (invented). "
             f"{len(transcript.turns)} turns, {len(transcript.turns_of('client'))} of them the client's; "
             f"{len(transcript.markers)} rupture markers ({counts['withdrawal']} withdrawal, "
             f"{counts['confrontation']} confrontation) and {len(repairs)} repair "
             f"attempt{'' if len(repairs) == 1 else 's'}.\n",
             "Students' marks are compared with this key: a mark on the coders' turn counts whatever its kind, a mark "
             "of the same kind on the client's neighbouring turn counts too. Cohen's kappa is computed over the "
             "client's turns; marking every turn, or none, scores 0.\n",
             heading(level + 1, "The session, coded"),
             "| Turn | Speaker | Words | Coders' code |", "| --- | --- | --- | --- |"]
    for number, turn in enumerate(transcript.turns, start=1):
        speaker = client if turn["speaker"] == "client" else "Therapist"
        lines.append(f"| {number} | {speaker} | {cell(turn['text'])} | {codes.get(number, '')} |")
    lines += ["", heading(level + 1, "Markers and why the coders see them")]
    for marker in transcript.markers:
        kind = KINDS[marker.kind]
        repair = ""
        if marker.repair:
            strategy = STRATEGIES[marker.repair["strategy"]].label.lower()
            repair = f" Repair attempted at turn {marker.repair['turn']} ({strategy})."
        else:
            repair = " No repair attempted."
        lines.append(f"- **Turn {marker.turn}**, {FAMILIES[kind.family].lower()}, {kind.label.lower()}: "
                     f"{one_line(marker.rationale)}{repair}")
    lines.append("")
    if repairs:
        lines.append(heading(level + 1, "Repair attempts"))
        for repair in repairs:
            answered = ", ".join(str(turn) for turn in repair["markers"])
            lines.append(f"- **Turn {repair['turn']}**, {STRATEGIES[repair['strategy']].label.lower()} (answering "
                         f"turn {answered}): {one_line(repair['rationale'])}")
        lines.append("")
    lines += [heading(level + 1, "Debrief"), block(transcript.data["debrief"])]
    return "\n".join(lines)
