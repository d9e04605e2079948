"""A session transcript to code for rupture markers, with the coders' key.

The page holds everything as text: the client, the content note, the codes with their definitions, the numbered
turns, and (in a closed <details>) the coders' key with a rationale for every marker and repair, and the debrief.
That is what a reader without JavaScript, a printout of the key or a plain-text build gets. The runtime
(static/pq/transcript.js) adds a checkbox and a select to every turn, hides the key until the student compares,
and then shows the comparison, cloning the rationales from the key. The JSON payload holds the turn structure,
the codes and the key's turns and kinds (what the grader needs), never the transcript's words.
"""
from __future__ import annotations

import re
from pathlib import Path

from ..html import El, Payload, definitions, element, emphasis, para, strong
from ..model.transcript import FAMILIES, KINDS, STRATEGIES, Transcript, load_transcript
from .context import Page, Rendered, Source, StoryView, html_id

# The one item a transcript has in the progress store and catalogue: the student's marks.
ITEM = "coding"
STAGE_DIRECTION = re.compile(r"(\[[^\[\]]+\])")
# What each family of markers means (catalogue keys, pyodide_quiz/strings).
FAMILY_GLOSS = {"withdrawal": "transcript.gloss_withdrawal", "confrontation": "transcript.gloss_confrontation"}


def turn_text(text: str) -> list:
    """Plain text with each [stage direction] set in italics (still in its brackets, so it reads in any build)."""
    parts = []
    for piece in STAGE_DIRECTION.split(text.strip()):
        if not piece:
            continue
        parts.append(emphasis(piece, classes=["pq-stage"]) if STAGE_DIRECTION.fullmatch(piece)
                     else piece)
    return parts


def speaker_name(transcript: Transcript, speaker: str, page: Page) -> str:
    return transcript.data["client"]["name"] if speaker == "client" else page.text("transcript.therapist")


def codes_payload() -> dict:
    """The codes as the runtime shows them: labels and definitions, in the documented order."""
    return {
        "families": FAMILIES,
        "kinds": {k: {"label": c.label, "family": c.family, "definition": c.definition} for k, c in KINDS.items()},
        "strategies": {k: {"label": c.label, "definition": c.definition} for k, c in STRATEGIES.items()},
    }


def render_transcript(path: Path | str, display: str, options: dict, page: Page) -> Rendered:
    """The `{transcript}` widget, and after it the skip link's target. Options: `class`. Raises ContentError."""
    transcript = load_transcript(Path(path), display)
    prefix = page.unique_prefix(html_id("pq-transcript", transcript.name))
    level = min(page.section_depth + 1, 5)
    end_id = f"{prefix}-end"
    data = {"kind": "transcript", "transcript": transcript.name, "title": transcript.title,
            "hash": transcript.hash, "item": ITEM, "spec": transcript.grading_spec(), "codes": codes_payload(),
            "client": transcript.data["client"]["name"]}
    view = _TranscriptView(page, Source(display), "transcript")
    root = element(
        "div",
        *view.opening(transcript, level),
        view.content_note(transcript, end_id),
        view.codes(),
        view.instructions(),
        view.turns(transcript, prefix),
        view.controls(),
        element("div", classes=["pq-transcript-result"], hidden="hidden", interactive=True,
                role="region", aria_labelledby=f"{prefix}-result-title"),
        view.key(transcript, prefix),
        Payload(data),
        classes=["pq-transcript", *options.get("class", [])],
        data_transcript=transcript.name, data_level=str(level + 1),
    )
    root.ids.append(prefix)
    record = {"kind": "transcript", "name": transcript.name, "title": transcript.title, "items": [ITEM],
              "anchor": prefix}
    return Rendered([root, element("div", classes=["pq-transcript-end"], id=end_id)], record, files=[Path(path)])


class _TranscriptView(StoryView):
    """The parts of a transcript's page."""

    def in_sentence(self, label: str) -> str:
        """A code's label inside a sentence: lowercased where the language does so (static/pq/transcript.js)."""
        return label.lower() if self.page.text("transcript.label_case") == "lower" else label

    def content_note(self, transcript: Transcript, end_id: str):
        title = para(strong(self.page.text("story.content_note")), classes=["pq-transcript-note-title"])
        # A plain link: it works without JavaScript, and jumps to the anchor just after the transcript.
        skip = para(element("a", self.page.text("transcript.skip"), href=f"#{end_id}", classes=["pq-transcript-skip"]))
        return element("div", title, *self.md(transcript.data["content_note"]), skip,
                       classes=["pq-transcript-note"], role="note", aria_label=self.page.text("story.content_note"))

    def codes(self):
        """Every code a turn can get, with its definition: the coders' vocabulary, open for reference."""
        parts = []
        for family, label in FAMILIES.items():
            parts.append(para(*self.page.pieces("transcript.family_codes", family=strong(
                self.page.text("transcript.family_group", family=label)), gloss=self.page.text(FAMILY_GLOSS[family]))))
            parts.append(self.definitions({k: c for k, c in KINDS.items() if c.family == family}))
        strategies = strong(self.page.text("transcript.strategies"))
        parts.append(para(*self.page.pieces("transcript.strategy_codes", strategies=strategies)))
        parts.append(self.definitions(STRATEGIES))
        summary = element("summary", self.page.text("transcript.codes"))
        return element("details", summary, element("div", *parts, classes=["pq-transcript-codes-body"]),
                       classes=["pq-transcript-codes"])

    @staticmethod
    def definitions(codes: dict) -> El:
        """A definition list (the front end's own, so that every builder lays it out: <dl> in HTML)."""
        return definitions([(code.label, code.definition) for code in codes.values()], classes=["pq-code-list"])

    def instructions(self):
        return element("p", self.page.text("transcript.how"), classes=["pq-transcript-how"], hidden="hidden",
                       interactive=True)

    def turns(self, transcript: Transcript, prefix: str):
        items = []
        for number, turn in enumerate(transcript.turns, start=1):
            speaker = turn["speaker"]
            line = para(
                element("span", str(number), classes=["pq-turn-number"]),
                " ",
                element("span", f"{speaker_name(transcript, speaker, self.page)}:", classes=["pq-turn-speaker"]),
                " ",
                element("span", *turn_text(turn["text"]), classes=["pq-turn-text"]),
                classes=["pq-turn-line"])
            # A printed coding sheet has a line to write on; the runtime fills it with the student's code.
            sheet = element("span", self.page.text("transcript.sheet_blank"), classes=["pq-turn-sheet"],
                            interactive=True)
            items.append(element("li", line, sheet, classes=["pq-turn"], data_turn=str(number),
                                 data_speaker=speaker, id=f"{prefix}-turn-{number}"))
        return element("ol", *items, classes=["pq-transcript-turns"],
                       aria_label=self.page.text("transcript.turns_label", title=transcript.title))

    def controls(self):
        count = element("p", classes=["pq-transcript-count"], role="status", aria_live="polite")
        buttons = [element("button", self.page.text(key), type="button", classes=["pq-button", *extra])
                   for key, extra in (("transcript.compare", ["pq-primary", "pq-transcript-compare"]),
                                      ("transcript.print", ["pq-transcript-print"]),
                                      ("transcript.clear", ["pq-transcript-clear"]))]
        return element("div", count, element("div", *buttons, classes=["pq-controls"]),
                       classes=["pq-transcript-controls"], hidden="hidden", interactive=True)

    def key(self, transcript: Transcript, prefix: str):
        """The coders' key: each marker with its rationale, each repair with its rationale, and the debrief."""
        marks = []
        for marker in transcript.markers:
            kind = KINDS[marker.kind]
            turn = strong(self.page.text("transcript.turn", turn=marker.turn))
            head = para(*self.page.pieces("transcript.key_marker_head", turn=turn, family=FAMILIES[kind.family],
                                          speaker=speaker_name(transcript, "client", self.page),
                                          kind=self.in_sentence(kind.label)), classes=["pq-key-head"])
            rationale = element("div", *self.md(marker.rationale, marker.line), classes=["pq-key-rationale"])
            marks.append(element("li", head, rationale, classes=["pq-key-mark"], data_turn=str(marker.turn),
                                 data_kind=marker.kind))
        repairs = []
        for repair in transcript.repairs():
            strategy = STRATEGIES[repair["strategy"]]
            answered = ", ".join(str(turn) for turn in repair["markers"])
            turn = strong(self.page.text("transcript.turn", turn=repair["turn"]))
            head = para(*self.page.pieces("transcript.key_repair_head", turn=turn,
                                          speaker=self.page.text("transcript.therapist"),
                                          strategy=self.in_sentence(strategy.label),
                                          turns=answered, count=len(repair["markers"])), classes=["pq-key-head"])
            rationale = element("div", *self.md(repair["rationale"]), classes=["pq-key-rationale"])
            repairs.append(element("li", head, rationale, classes=["pq-key-repair"], data_turn=str(repair["turn"]),
                                   data_strategy=repair["strategy"]))
        parts = [para(strong(self.page.text("transcript.key_markers"))),
                 element("ul", *marks, classes=["pq-key-marks"])]
        if repairs:
            parts += [para(strong(self.page.text("transcript.repairs_heading"))),
                      element("ul", *repairs, classes=["pq-key-repairs"])]
        parts.append(element("div", para(strong(self.page.text("story.debrief"))),
                             *self.md(transcript.data["debrief"]), classes=["pq-debrief"]))
        summary = element("summary", self.page.text("transcript.key_summary"))
        return element("details", summary, element("div", *parts, classes=["pq-transcript-key-body"]),
                       classes=["pq-transcript-key"], id=f"{prefix}-key")
