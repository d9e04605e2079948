"""The progress store's one rule for joining two copies (an imported file, another tab's save): per item the
record with the later time stamp, a reset kept as its time. Run by Node on pyodide_quiz/static/pq/store.js
itself (its sanitise and merge touch no browser API)."""
from __future__ import annotations

import json

from tests.conftest import ROOT
from tests.unit.node_module import run_module

STORE = ROOT / "pyodide_quiz" / "static" / "pq" / "store.js"
EARLY, MIDDLE, LATE = "2026-03-01T09:00:00.000Z", "2026-03-02T09:00:00.000Z", "2026-03-03T09:00:00.000Z"


def run(body: str):
    return run_module(STORE, body)


def record(verdict: str, at, **extra) -> dict:
    return {"hash": "h", "answer": verdict, "verdict": verdict, "at": at, **extra}


def merged(base: dict, incoming: dict) -> dict:
    """{"kept", "skipped", "result"}: `incoming` joined into `base`, both given as stored JSON."""
    return run(f"""
        const base = s.sanitise({json.dumps(base)});
        const counts = s.merge(base, s.sanitise({json.dumps(incoming)}));
        return {{...counts, result: base}};""")


def store(entries: dict, removed: dict | None = None) -> dict:
    return {"version": 1, "entries": {key: {"items": items} for key, items in entries.items()},
            "removed": removed or {}}


def test_per_item_the_newer_record_wins_whichever_side_it_is_on():
    here = store({"quiz:q": {"a": record("correct", LATE), "b": record("incorrect", EARLY)},
                  "exercise:e": {"code": record("draft", MIDDLE)}})
    file = store({"quiz:q": {"a": record("incorrect", EARLY), "b": record("correct", LATE),
                             "c": record("correct", EARLY)},
                  "exercise:e": {"code": record("correct", EARLY)}})
    out = merged(here, file)
    items = out["result"]["entries"]["quiz:q"]["items"]
    assert {key: value["verdict"] for key, value in items.items()} == {"a": "correct", "b": "correct", "c": "correct"}
    assert out["result"]["entries"]["exercise:e"]["items"]["code"]["verdict"] == "draft"
    assert (out["kept"], out["skipped"]) == (2, 2)  # b (newer) and c (new) kept; a and the code skipped


def test_the_same_record_again_is_skipped_and_a_record_without_a_time_is_the_oldest():
    here = store({"quiz:q": {"a": record("correct", MIDDLE), "b": record("correct", "")}})
    file = store({"quiz:q": {"a": record("incorrect", MIDDLE), "b": record("incorrect", EARLY),
                             "c": record("incorrect", "not a time")}})
    out = merged(here, file)
    items = out["result"]["entries"]["quiz:q"]["items"]
    assert items["a"]["verdict"] == "correct"  # a tie keeps what this browser has
    assert items["b"]["verdict"] == "incorrect"  # any time beats none
    assert items["c"]["verdict"] == "incorrect"  # nothing here: taken, even without a readable time
    assert (out["kept"], out["skipped"]) == (2, 1)


def test_a_reset_newer_than_the_file_keeps_the_answer_away_and_a_newer_answer_comes_back():
    here = store({"quiz:q": {}}, removed={"quiz:q/a": MIDDLE, "quiz:q/b": MIDDLE})
    file = store({"quiz:q": {"a": record("correct", EARLY), "b": record("correct", LATE)}})
    out = merged(here, file)
    assert set(out["result"]["entries"]["quiz:q"]["items"]) == {"b"}
    assert (out["kept"], out["skipped"]) == (1, 1)


def test_a_reset_in_the_file_removes_an_older_answer_here():
    here = store({"quiz:q": {"a": record("correct", EARLY), "b": record("correct", LATE)}})
    file = store({}, removed={"quiz:q/a": MIDDLE, "quiz:q/b": MIDDLE})
    items = merged(here, file)["result"]["entries"]["quiz:q"]["items"]
    assert set(items) == {"b"}


def test_a_new_kind_of_record_and_extra_fields_get_the_same_rule():
    history = [[EARLY, "correct", ""]]
    here = store({"review:q": {"a": record("correct", EARLY, box=3, due="2026-03-04", history=history)}})
    file = store({"review:q": {"a": record("incorrect", LATE, box=1, due="2026-03-04", confidence="sure")}})
    kept = merged(here, file)["result"]["entries"]["review:q"]["items"]["a"]
    assert kept == record("incorrect", LATE, box=1, due="2026-03-04", confidence="sure")


def test_garbage_is_dropped_and_never_breaks_the_store():
    clean = run("""return [s.sanitise(null), s.sanitise({version: 2, entries: {}}), s.sanitise({version: 1, entries: {
        "quiz:q": {items: {a: {hash: 1, verdict: "correct"}, b: "x", c: {hash: "h", verdict: "correct", at: 5}}},
        "no colon": {items: {}}, "quiz:bad/slash": {items: {}}, "exercise:e": [1, 2]},
        removed: {"quiz:q/a": 7, "quiz:q/b": "2026-03-01T09:00:00.000Z"}})];""")
    empty = {"version": 1, "entries": {}, "removed": {}}
    assert clean[0] == clean[1] == empty
    kept = {"c": {"hash": "h", "verdict": "correct", "at": "5"}}
    assert clean[2] == {"version": 1, "entries": {"quiz:q": {"items": kept}},
                        "removed": {"quiz:q/b": EARLY}}
