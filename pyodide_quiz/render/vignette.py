"""A vignette file rendered for a page: a branching scenario written out as a decision tree, plus a player.

All the text is in the page as a decision tree (every node a section, every choice a link to the node it leads
to, with its feedback and effects), so the vignette reads well without JavaScript, in print and in a non-HTML
build. The play area (meters, scene, buttons) is marked interactive: the runtime fills it by cloning text from
the tree, driven by a JSON payload that holds only the story's structure.
"""
from __future__ import annotations

from pathlib import Path

from .. import strings
from ..html import Payload, element, para, strong
from ..model.common import display_order, slug_in_words
from ..model.vignette import METERS, Vignette, load_vignette
from .context import Page, Rendered, Source, StoryView, html_id
from .links import edit_link

# Catalogue keys (pyodide_quiz/strings): each ending's kind; each meter's name and what it stands for (Bordin's
# three parts of the alliance), said where the meters are.
ENDING_KEYS = {"good": "vignette.ending_good", "mixed": "vignette.ending_mixed", "poor": "vignette.ending_poor"}
METER_NAME = {"goal": "vignette.meter_goal", "task": "vignette.meter_task", "bond": "vignette.meter_bond"}
MEANING_KEYS = {"goal": "vignette.meaning_goal", "task": "vignette.meaning_task", "bond": "vignette.meaning_bond"}
# The same in English, for pages that are always English (the course's instructor pages import them).
ENDING_TEXT = {kind: strings.text("en", key) for kind, key in ENDING_KEYS.items()}
METER_MEANING = {meter: strings.text("en", key) for meter, key in MEANING_KEYS.items()}



def render_vignette(path: Path | str, display: str, options: dict, page: Page) -> Rendered:
    """The `{vignette}` widget, and after it the skip link's target. Options: `class`. Raises ContentError."""
    vignette = load_vignette(Path(path), display)
    prefix = page.unique_prefix(html_id("pq-vignette", vignette.name))
    practice = vignette.practice_nodes()
    record = {"kind": "vignette", "name": vignette.name, "title": vignette.title, "items": vignette.endings,
              "anchor": prefix, "endings": {node: vignette.nodes[node].ending for node in vignette.endings},
              **({"practice": {node.id: node.practice["prompt"] for node in practice}} if practice else {})}
    level = min(page.section_depth + 1, 5)  # the title's level; scenes sit one below it
    end_id = f"{prefix}-end"
    data = {"kind": "vignette", "vignette": vignette.name, "title": vignette.title, "hash": vignette.hash,
            **vignette.graph()}
    if practice:
        # Outside the graph, so adding a practice never changes the story's hash (saved paths stay).
        data["practice"] = {node.id: node.practice_hash for node in practice}
    view = _VignetteView(page, Source(display), "vignette")
    root = element(
        "div",
        *view.opening(vignette, level),
        view.content_note(vignette, end_id),
        view.player(vignette, prefix),
        view.tree(vignette, prefix, level + 1),
        *edit_link(page.settings, "vignette", display),
        Payload(data),
        classes=["pq-vignette", *options.get("class", [])],
        data_vignette=vignette.name, data_level=str(level + 1), data_client=vignette.data["client"]["name"],
    )
    root.ids.append(prefix)
    # The skip link's target: the first thing after the vignette.
    return Rendered([root, element("div", classes=["pq-vignette-end"], id=end_id)], record, files=[Path(path)])


class _VignetteView(StoryView):
    """The parts of a vignette's page."""

    def content_note(self, vignette: Vignette, end_id: str):
        title = para(strong(self.page.text("story.content_note")), classes=["pq-vignette-note-title"])
        start = element("button", self.page.text("vignette.start"), type="button", hidden="hidden",
                        classes=["pq-button", "pq-primary", "pq-vignette-start"], interactive=True)
        # The skip link works without JavaScript too: it jumps to the anchor just after the vignette.
        skip = element("a", self.page.text("vignette.skip"), href=f"#{end_id}", classes=["pq-vignette-skip"])
        actions = element("div", start, skip, classes=["pq-vignette-actions"], interactive=True)
        return element("div", title, *self.md(vignette.data["content_note"]), actions,
                       classes=["pq-vignette-note"], role="note", aria_label=self.page.text("story.content_note"))

    def player(self, vignette: Vignette, prefix: str):
        """The play area: filled and revealed by the runtime, absent from non-HTML builds."""
        low, high = vignette.meters["min"], vignette.meters["max"]
        meters = []
        for name in METERS:
            value = vignette.meters["start"][name]
            name_id = f"{prefix}-meter-{name}"
            label = element("span", self.page.text(METER_NAME[name]), classes=["pq-meter-name"], id=name_id)
            text = element("span", *self.page.pieces("vignette.meter_text", meter=label, max=str(high),
                                                     value=element("span", str(value), classes=["pq-meter-value"])),
                           element("span", classes=["pq-meter-change"]),
                           classes=["pq-meter-text"])
            bar = element("div", element("span", classes=["pq-meter-fill"]), classes=["pq-meter-bar"],
                          role="meter", aria_labelledby=name_id, aria_valuemin=str(low), aria_valuemax=str(high),
                          aria_valuenow=str(value),
                          aria_valuetext=self.page.text("vignette.meter_valuetext", value=value, max=high))
            meters.append(element("div", text, bar, classes=["pq-meter"], data_meter=name))
        caption = element("p", self.page.text("vignette.meters"), classes=["pq-meters-caption"], id=f"{prefix}-meters")
        meter_box = element("div", caption, *meters, classes=["pq-meters"], role="group",
                            aria_labelledby=f"{prefix}-meters")
        feedback = element("div", classes=["pq-vignette-feedback"], role="status", aria_live="polite")
        return element("div", meter_box, self.meter_help(vignette), feedback, *self.stage(),
                       classes=["pq-vignette-play"], hidden="hidden", interactive=True)

    def meter_help(self, vignette: Vignette):
        """Under the meters: what each one stands for, why they start where they do, and how to read them. Open
        at the start of the story; the runtime folds it away after the first choice."""
        client = vignette.data["client"]["name"]
        rows = [element("li", *self.page.pieces("vignette.meaning", meter=strong(self.page.text(METER_NAME[meter])),
                                                meaning=self.page.text(MEANING_KEYS[meter], name=client)))
                for meter in METERS]
        meters = vignette.meters
        if "why" in meters:
            why = self.md(meters["why"])
        else:
            value = meters["start"][METERS[0]]
            why = [para(self.page.text("vignette.meters_start", value=value, max=meters["max"]))]
        how = para(self.page.text("vignette.meters_how"))
        summary = element("summary", self.page.text("vignette.meters_help"))
        return element("details", summary, element("ul", *rows), *why, how, classes=["pq-meters-help"], open="open")

    def stage(self):
        """The scene, the path summary at an ending, and the buttons to step back or restart."""
        scene = element("div", classes=["pq-vignette-scene"])
        path = element("div", classes=["pq-vignette-path"], hidden="hidden")
        controls = element(
            "div",
            element("button", self.page.text("vignette.step_back"), type="button",
                    classes=["pq-button", "pq-vignette-back"]),
            element("button", self.page.text("vignette.restart"), type="button",
                    classes=["pq-button", "pq-vignette-restart"]),
            classes=["pq-controls", "pq-vignette-controls"])
        return [scene, path, controls]

    def tree(self, vignette: Vignette, prefix: str, level: int):
        """Every node as a section; choices link to the node they lead to. The text the runtime shows."""
        start_link = element("a", slug_in_words(vignette.start), href=f"#{prefix}-{vignette.start}")
        intro = para(*self.page.pieces("vignette.tree_intro", start=start_link))
        sections = [self.tree_node(vignette, node, prefix, level) for node in vignette.ordered_nodes()]
        summary = element("summary", self.page.text("vignette.tree"))
        return element("details", summary, element("div", intro, *sections, classes=["pq-vignette-tree-body"]),
                       classes=["pq-vignette-tree"])

    def tree_node(self, vignette: Vignette, node, prefix: str, level: int):
        heading_level = min(level, 6)
        parts = [element(f"h{heading_level}", slug_in_words(node.id), classes=["pq-node-title"]),
                 element("div", *self.md(node.data["narrative"], node.line), classes=["pq-narrative"])]
        if "client_says" in node.data:
            who = para(self.page.text("vignette.says", name=vignette.data["client"]["name"]), classes=["pq-says-who"])
            quote = element("blockquote", *self.md(node.data["client_says"], node.line), classes=["pq-client-says"])
            parts.append(element("div", who, quote, classes=["pq-says"]))
        if node.practice:
            parts.append(self.practice(node))
        if node.ending:
            kind = strong(self.page.text(ENDING_KEYS[node.ending]))
            parts.append(para(kind, classes=["pq-ending-kind"]))
            parts.append(element("div", para(strong(self.page.text("story.debrief"))),
                                 *self.md(node.data["debrief"], node.line), classes=["pq-debrief"]))
        else:
            parts.append(para(self.page.text("vignette.what_do_you_say"), classes=["pq-choices-intro"]))
            # Shown in an order derived from the file and node names, never the file's: the best reply is not
            # always where the author wrote it. The runtime offers the choices in this same order.
            shown = display_order(f"{vignette.name}/{node.id}", len(node.choices))
            parts.append(element("ol", *(self.tree_choice(node.choices[i], prefix) for i in shown),
                                 classes=["pq-node-choices"]))
        section = element("section", *parts, classes=["pq-vignette-node"], data_node=node.id,
                          data_ending=node.ending)
        section.ids.append(f"{prefix}-{node.id}")
        return section

    def practice(self, node):
        """The prompt with ruled space to write (in print and without JavaScript), the rubric to check a reply
        against, and the exemplars; the runtime builds the writing area and the checklist from this text."""
        practice = node.practice
        title = para(strong(self.page.text("practice.heading")), classes=["pq-practice-title"])
        prompt = para(practice["prompt"], classes=["pq-practice-prompt"])
        lines = element("div", classes=["pq-practice-lines"], aria_hidden="true")
        markers = element("ul", *(element("li", para(marker)) for marker in practice["rubric"]),
                          classes=["pq-practice-markers"])
        rubric = element("div", para(self.page.text("vignette.rubric")), markers,
                         classes=["pq-practice-rubric"])
        exemplars = []
        for exemplar in practice["exemplars"]:
            reply = element("span", *self.md_inline(exemplar["reply"], node.line), classes=["pq-exemplar-text"])
            said = para(*self.page.pieces("vignette.quote", quote=reply), classes=["pq-exemplar-reply"])
            why = element("div", *self.md(exemplar["why"], node.line), classes=["pq-exemplar-why"])
            exemplars.append(element("li", said, why, classes=["pq-exemplar"]))
        examples = element("details", element("summary", self.page.text("practice.examples")),
                           element("ol", *exemplars, classes=["pq-exemplars"]), classes=["pq-practice-exemplars"])
        return element("div", title, prompt, lines, rubric, examples, classes=["pq-practice"])

    def effect_words(self, effects: dict[str, int]) -> str:
        """"Task +1, Bond −2." in meter order (a true minus sign, which screen readers read as "minus"): written
        beside each choice of the decision tree; the runtime shows that text after a choice."""
        parts = [self.page.text("vignette.change", meter=self.page.text(METER_NAME[name]),
                                change=f"{'+' if change > 0 else '−'}{abs(change)}")
                 for name, change in ((n, effects.get(n, 0)) for n in METERS) if change]
        if not parts:
            return self.page.text("vignette.no_change")
        return self.page.text("vignette.changes", changes=", ".join(parts))

    def tree_choice(self, choice, prefix: str):
        # Paragraphs, not pq_elements, wherever text sits directly inside: Sphinx's smart quotes and the text
        # builders only treat text inside real text elements.
        text = element("span", *self.md_inline(choice.data["response"], choice.line), classes=["pq-choice-text"])
        response = para(strong(self.page.text("vignette.you_say")), *self.page.pieces("vignette.quote", quote=text),
                        classes=["pq-choice-response"])
        feedback = list(self.md(choice.data["feedback"], choice.line))
        if choice.data.get("cite"):
            sources = "{cite:p}`" + ",".join(choice.data["cite"]) + "`"
            feedback += self.md(self.page.text("key.sources", sources=sources), choice.line)
        words = element("span", self.effect_words(choice.effects), classes=["pq-effect-words"])
        effects = para(*self.page.pieces("vignette.effects", effects=words), classes=["pq-choice-effects"])
        link = element("a", slug_in_words(choice.next), href=f"#{prefix}-{choice.next}")
        leads = para(*self.page.pieces("vignette.leads_to", scene=link), classes=["pq-choice-next"])
        return element("li", response, element("div", *feedback, classes=["pq-choice-feedback"]), effects, leads,
                       classes=["pq-node-choice"], data_choice=str(choice.index))
