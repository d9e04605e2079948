"""Compare a student's coding of a transcript with the coders' key: hits, misses, false alarms, kind agreement and
Cohen's kappa. Pure standard-library Python; static/pq/transcript-grader.js does the same in the browser, and
tests/browser/test_transcripts.py proves the two equal on every course transcript.

spec (from model/transcript.py `Transcript.grading_spec()`):
    units          the turns that can carry a rupture marker (the client's), in order
    markers        the key: [{"turn", "kind"}]
    repair_units   the turns that can carry a repair attempt (the therapist's), in order
    repairs        the key: [{"turn", "strategy"}]
    families       marker kind -> family ("withdrawal" or "confrontation")
    strategies     the repair strategies
answer (what the page saves): {"markers": [{"turn", "kind"}], "repairs": [{"turn", "strategy"}]}; a kind or
strategy may be null (not chosen yet). Marks on turns that cannot carry them, repeated turns (the first counts)
and unknown kinds (read as not chosen) are tolerated, because an answer may come from an old or damaged record.

Matching: a student's mark matches a key mark on the same turn, whatever kind the student chose; or else a mark
of the same kind (strategy, for a repair) on the neighbouring turn of the same speaker: one client turn before
or after for a marker (where client and therapist alternate, that is two turns away in the numbering, the
nearest turn that can carry the same mark). Same-turn pairs are made first; then each unmatched key mark, in
turn order, takes the earlier free neighbour of its kind, else the later one. The neighbour must agree on the
kind because the markers of a session cluster: without that rule, marking every other client turn, or
marking at random, would collect neighbour matches and score well above chance without reading a word.

Kappa: over the client's turns, each turn is "marked" or "not marked" by the student and by the coders; a
matched student mark counts at the coders' turn. kappa = (observed agreement - chance agreement) / (1 - chance
agreement), computed from whole-number counts with a single division, so that JavaScript gets the identical
number. It is None when chance agreement is 1 (both mark every turn, or both mark none).
"""
from __future__ import annotations


def _clean(marks, units: list[int], field: str, allowed) -> list[dict]:
    """The usable marks of one category, in the order given: known turns only, each turn once."""
    if not isinstance(marks, list):
        return []
    known, seen, clean = set(units), set(), []
    for mark in marks:
        if not isinstance(mark, dict):
            continue
        turn = mark.get("turn")
        if isinstance(turn, bool) or not isinstance(turn, int) or turn not in known or turn in seen:
            continue
        seen.add(turn)
        value = mark.get(field)
        clean.append({"turn": turn, field: value if isinstance(value, str) and value in allowed else None})
    return clean


def match(key: list[dict], marks: list[dict], units: list[int], field: str) -> tuple[list, list[dict]]:
    """Pair key marks with student marks: [(key mark, student mark or None)] in key order, and the unmatched
    student marks in turn order. `field` names what a neighbour's mark must share with the key mark ("kind")."""
    position = {turn: index for index, turn in enumerate(units)}
    by_turn = {mark["turn"]: mark for mark in marks}
    key = sorted(key, key=lambda mark: mark["turn"])
    paired: dict[int, dict] = {}  # key turn -> student mark
    used: set[int] = set()
    for mark in key:
        if mark["turn"] in by_turn:
            paired[mark["turn"]] = by_turn[mark["turn"]]
            used.add(mark["turn"])
    for mark in key:
        if mark["turn"] in paired:
            continue
        place = position[mark["turn"]]
        for neighbour in (place - 1, place + 1):
            if 0 <= neighbour < len(units):
                turn = units[neighbour]
                if turn in by_turn and turn not in used and by_turn[turn][field] == mark[field]:
                    paired[mark["turn"]] = by_turn[turn]
                    used.add(turn)
                    break
    pairs = [(mark, paired.get(mark["turn"])) for mark in key]
    extra = sorted((mark for mark in marks if mark["turn"] not in used), key=lambda mark: mark["turn"])
    return pairs, extra


def kappa(units: int, hits: int, false_alarms: int, misses: int):
    """Cohen's kappa for two raters marking `units` turns as marked / not marked."""
    both, student_only, key_only = hits, false_alarms, misses
    neither = units - both - student_only - key_only
    agreed = units * (both + neither)
    chance = (both + student_only) * (both + key_only) + (key_only + neither) * (student_only + neither)
    if units * units == chance:
        return None
    return (agreed - chance) / (units * units - chance)


def compare(spec: dict, answer) -> dict:
    """The comparison the page shows. Every number in it is what the student's marks earn against the key."""
    answer = answer if isinstance(answer, dict) else {}
    families = spec["families"]
    units = spec["units"]
    markers = _clean(answer.get("markers"), units, "kind", families)
    pairs, extra = match(spec["markers"], markers, units, "kind")
    key_marks = []
    for mark, found in pairs:
        entry = {"turn": mark["turn"], "kind": mark["kind"], "matched": None, "offset": None, "student_kind": None,
                 "kind_agrees": False, "family_agrees": False}
        if found:
            student_kind = found["kind"]
            entry.update(matched=found["turn"], offset=units.index(found["turn"]) - units.index(mark["turn"]),
                         student_kind=student_kind, kind_agrees=student_kind == mark["kind"],
                         family_agrees=student_kind is not None and families[student_kind] == families[mark["kind"]])
        key_marks.append(entry)
    hits = sum(entry["matched"] is not None for entry in key_marks)
    misses = len(key_marks) - hits

    repair_units = spec["repair_units"]
    repairs = _clean(answer.get("repairs"), repair_units, "strategy", spec["strategies"])
    repair_pairs, repair_extra = match(spec["repairs"], repairs, repair_units, "strategy")
    key_repairs = []
    for mark, found in repair_pairs:
        entry = {"turn": mark["turn"], "strategy": mark["strategy"], "matched": None, "student_strategy": None,
                 "strategy_agrees": False}
        if found:
            entry.update(matched=found["turn"], student_strategy=found["strategy"],
                         strategy_agrees=found["strategy"] == mark["strategy"])
        key_repairs.append(entry)
    repair_hits = sum(entry["matched"] is not None for entry in key_repairs)

    return {
        "units": len(units),
        "marked": len(markers),
        "hits": hits,
        "misses": misses,
        "false_alarms": len(extra),
        "kinds_agree": sum(entry["kind_agrees"] for entry in key_marks),
        "families_agree": sum(entry["family_agrees"] for entry in key_marks),
        "kappa": kappa(len(units), hits, len(extra), misses),
        "key": key_marks,
        "extra": extra,
        "repairs": {
            "marked": len(repairs),
            "hits": repair_hits,
            "misses": len(key_repairs) - repair_hits,
            "extra": repair_extra,
            "strategies_agree": sum(entry["strategy_agrees"] for entry in key_repairs),
            "key": key_repairs,
        },
    }
