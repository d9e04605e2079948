"""The `{transcript}` directive: a session transcript to code for rupture markers, with the coders' key.

The page holds everything as text: the client, the content note, the codes with their definitions, the numbered
turns, and (in a closed <details>) the coders' key with a rationale for every marker and repair, and the debrief.
That is what a reader without JavaScript, a printout of the key or a plain-text build gets. The runtime
(static/pq/transcript.js) adds a checkbox and a select to every turn, hides the key until the student compares,
and then shows the comparison, cloning the rationales from the key. The JSON payload holds the turn structure,
the codes and the key's turns and kinds (what the grader needs), never the transcript's words.
"""
from __future__ import annotations

import re

from docutils import nodes

from ..model.transcript import FAMILIES, KINDS, STRATEGIES, Transcript, load_transcript
from .content import FileDirective, html_id, unique_prefix
from .markup import parse, parse_inline
from .nodes import element, payload
from .registry import record
from .vignette import section_depth

# The one item a transcript has in the progress store and catalogue: the student's marks.
ITEM = "coding"
STAGE_DIRECTION = re.compile(r"(\[[^\[\]]+\])")
FAMILY_GLOSS = {"withdrawal": "the client moves away from the therapist or the work",
                "confrontation": "the client moves against the therapist or the therapy"}


def turn_text(text: str) -> list[nodes.Node]:
    """Plain text with each [stage direction] set in italics (still in its brackets, so it reads in any build)."""
    parts = []
    for piece in STAGE_DIRECTION.split(text.strip()):
        if not piece:
            continue
        parts.append(nodes.emphasis(piece, piece, classes=["pq-stage"]) if STAGE_DIRECTION.fullmatch(piece)
                     else nodes.Text(piece))
    return parts


def speaker_name(transcript: Transcript, speaker: str) -> str:
    return transcript.data["client"]["name"] if speaker == "client" else "Therapist"


def codes_payload() -> dict:
    """The codes as the runtime shows them: labels and definitions, in the documented order."""
    return {
        "families": FAMILIES,
        "kinds": {k: {"label": c.label, "family": c.family, "definition": c.definition} for k, c in KINDS.items()},
        "strategies": {k: {"label": c.label, "definition": c.definition} for k, c in STRATEGIES.items()},
    }


class TranscriptDirective(FileDirective):
    """```{transcript} quizzes/transcripts/slug.yml```"""

    def run(self) -> list[nodes.Node]:
        transcript, _, failed = self.load(load_transcript, "transcript")
        if failed:
            return failed
        prefix = unique_prefix(self.env, html_id("pq-transcript", transcript.name))
        record(self.env, "transcript", transcript.name, transcript.title, [ITEM], prefix)
        level = min(section_depth(self) + 1, 5)
        end_id = f"{prefix}-end"
        data = {"kind": "transcript", "transcript": transcript.name, "title": transcript.title,
                "hash": transcript.hash, "item": ITEM, "spec": transcript.grading_spec(), "codes": codes_payload(),
                "client": transcript.data["client"]["name"]}
        root = element(
            "div",
            element(f"h{level}", nodes.Text(transcript.title), classes=["pq-transcript-title"]),
            element("div", *parse(self, transcript.data["summary"]), classes=["pq-transcript-summary"]),
            self.client(transcript),
            self.content_note(transcript, end_id),
            self.codes(),
            self.instructions(),
            self.turns(transcript, prefix),
            self.controls(),
            element("div", classes=["pq-transcript-result"], hidden="hidden", interactive=True,
                    role="region", aria_labelledby=f"{prefix}-result-title"),
            self.key(transcript, prefix),
            payload(data),
            classes=["pq-transcript", *self.options.get("class", [])],
            data_transcript=transcript.name, data_level=str(level + 1),
        )
        root["ids"].append(prefix)
        return [root, element("div", classes=["pq-transcript-end"], id=end_id)]

    def client(self, transcript: Transcript):
        client = transcript.data["client"]
        who = nodes.paragraph("", "", nodes.strong("", "The client: "), nodes.Text(f"{client['name']}, "),
                              *parse_inline(self, client["description"]))
        note = nodes.paragraph("", "", *parse_inline(self, client["note"]), classes=["pq-note"])
        return element("div", who, note, classes=["pq-transcript-client"])

    def content_note(self, transcript: Transcript, end_id: str):
        title = nodes.paragraph("", "", nodes.strong("", "Content note"), classes=["pq-transcript-note-title"])
        # A plain link: it works without JavaScript, and jumps to the anchor just after the transcript.
        skip = nodes.paragraph("", "", element("a", nodes.Text("Skip this transcript"), href=f"#{end_id}",
                                               classes=["pq-transcript-skip"]))
        return element("div", title, *parse(self, transcript.data["content_note"]), skip,
                       classes=["pq-transcript-note"], role="note", aria_label="Content note")

    def codes(self):
        """Every code a turn can get, with its definition: the coders' vocabulary, open for reference."""
        parts = []
        for family, label in FAMILIES.items():
            parts.append(nodes.paragraph("", "", nodes.strong("", f"{label} markers"),
                                         nodes.Text(f" ({FAMILY_GLOSS[family]}), on a client's turn:")))
            parts.append(self.definitions({k: c for k, c in KINDS.items() if c.family == family}))
        parts.append(nodes.paragraph("", "", nodes.strong("", "Repair strategies"),
                                     nodes.Text(", on a therapist's turn:")))
        parts.append(self.definitions(STRATEGIES))
        summary = element("summary", nodes.Text("The codes you can use, with their definitions"))
        return element("details", summary, element("div", *parts, classes=["pq-transcript-codes-body"]),
                       classes=["pq-transcript-codes"])

    @staticmethod
    def definitions(codes: dict):
        """A definition list (docutils' own, so that every builder lays it out: <dl> in HTML)."""
        items = [nodes.definition_list_item("", nodes.term("", code.label),
                                            nodes.definition("", nodes.paragraph("", code.definition)))
                 for code in codes.values()]
        return nodes.definition_list("", *items, classes=["pq-code-list"])

    @staticmethod
    def instructions():
        text = ("Tick “Marker” on each client’s turn where you see a rupture marker and choose its kind; "
                "tick “Repair” on each therapist’s turn that attempts a repair and choose its strategy. "
                "Then compare your coding with the coders’. Your marks are saved in this browser.")
        return element("p", nodes.Text(text), classes=["pq-transcript-how"], hidden="hidden", interactive=True)

    def turns(self, transcript: Transcript, prefix: str):
        items = []
        for number, turn in enumerate(transcript.turns, start=1):
            speaker = turn["speaker"]
            line = nodes.paragraph(
                "", "",
                element("span", nodes.Text(str(number)), classes=["pq-turn-number"]),
                nodes.Text(" "),
                element("span", nodes.Text(f"{speaker_name(transcript, speaker)}:"), classes=["pq-turn-speaker"]),
                nodes.Text(" "),
                element("span", *turn_text(turn["text"]), classes=["pq-turn-text"]),
                classes=["pq-turn-line"])
            # A printed coding sheet has a line to write on; the runtime fills it with the student's code.
            sheet = element("span", nodes.Text("Code: ________________"), classes=["pq-turn-sheet"], interactive=True)
            items.append(element("li", line, sheet, classes=["pq-turn"], data_turn=str(number),
                                 data_speaker=speaker, id=f"{prefix}-turn-{number}"))
        return element("ol", *items, classes=["pq-transcript-turns"],
                       aria_label=f"Transcript: {transcript.title}")

    @staticmethod
    def controls():
        count = element("p", classes=["pq-transcript-count"], role="status", aria_live="polite")
        buttons = [element("button", nodes.Text(label), type="button", classes=["pq-button", *extra])
                   for label, extra in (("Compare with the coders", ["pq-primary", "pq-transcript-compare"]),
                                        ("Print coding sheet", ["pq-transcript-print"]),
                                        ("Clear my marks", ["pq-transcript-clear"]))]
        return element("div", count, element("div", *buttons, classes=["pq-controls"]),
                       classes=["pq-transcript-controls"], hidden="hidden", interactive=True)

    def key(self, transcript: Transcript, prefix: str):
        """The coders' key: each marker with its rationale, each repair with its rationale, and the debrief."""
        marks = []
        for marker in transcript.markers:
            kind = KINDS[marker.kind]
            head = nodes.paragraph("", "", nodes.strong("", f"Turn {marker.turn}"),
                                   nodes.Text(f" ({speaker_name(transcript, 'client')}): "
                                              f"{FAMILIES[kind.family]} marker, {kind.label.lower()}."),
                                   classes=["pq-key-head"])
            rationale = element("div", *parse(self, marker.rationale), classes=["pq-key-rationale"])
            marks.append(element("li", head, rationale, classes=["pq-key-mark"], data_turn=str(marker.turn),
                                 data_kind=marker.kind))
        repairs = []
        for repair in transcript.repairs():
            strategy = STRATEGIES[repair["strategy"]]
            answered = ", ".join(str(turn) for turn in repair["markers"])
            head = nodes.paragraph("", "", nodes.strong("", f"Turn {repair['turn']}"),
                                   nodes.Text(f" (Therapist): {strategy.label.lower()} repair, answering the "
                                              f"marker{'s' if len(repair['markers']) > 1 else ''} at turn "
                                              f"{answered}."), classes=["pq-key-head"])
            rationale = element("div", *parse(self, repair["rationale"]), classes=["pq-key-rationale"])
            repairs.append(element("li", head, rationale, classes=["pq-key-repair"], data_turn=str(repair["turn"]),
                                   data_strategy=repair["strategy"]))
        parts = [nodes.paragraph("", "", nodes.strong("", "Rupture markers")),
                 element("ul", *marks, classes=["pq-key-marks"])]
        if repairs:
            parts += [nodes.paragraph("", "", nodes.strong("", "Repair attempts")),
                      element("ul", *repairs, classes=["pq-key-repairs"])]
        parts.append(element("div", nodes.paragraph("", "", nodes.strong("", "Debrief")),
                             *parse(self, transcript.data["debrief"]), classes=["pq-debrief"]))
        summary = element("summary", nodes.Text("The coders’ key and debrief (open it after coding)"))
        return element("details", summary, element("div", *parts, classes=["pq-transcript-key-body"]),
                       classes=["pq-transcript-key"], id=f"{prefix}-key")
