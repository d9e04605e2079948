"""The `{vignette}` directive: a branching scenario, written out as a decision tree plus a player for the runtime.

All the text is in the page as a decision tree (every node a section, every choice a link to the node it leads
to, with its feedback and effects), so the vignette reads well without JavaScript, in print and in a non-HTML
build. The play area (meters, scene, buttons) is marked interactive: the runtime fills it by cloning text from
the tree, driven by a JSON payload that holds only the story's structure.
"""
from __future__ import annotations

from docutils import nodes

from ..model.common import display_order, slug_in_words
from ..model.vignette import METERS, Vignette, load_vignette
from .content import FileDirective, html_id, unique_prefix
from .markup import parse, parse_inline
from .nodes import element, payload
from .registry import record
from .source_links import edit_link

ENDING_TEXT = {"good": "✓ A good ending", "mixed": "◐ A mixed ending", "poor": "✗ A poor ending"}
# What each meter stands for (Bordin's three parts of the alliance), said where the meters are.
METER_MEANING = {
    "goal": "how far you and {name} agree on what the work is for.",
    "task": "how far you agree on how to get there: what each of you does, session by session.",
    "bond": "the trust, liking and respect between you.",
}


def section_depth(directive) -> int:
    """How many sections enclose the directive, so the vignette's headings continue the page's outline."""
    state = directive.state
    # docutils' RST state knows its parent node; MyST's mock state raises on `parent` but its inliner knows.
    try:
        node = state.parent
    except Exception:  # noqa: BLE001 - MockingError, which myst_parser does not derive from AttributeError
        node = getattr(getattr(state, "inliner", None), "parent", None)
    depth = 0
    while node is not None:
        depth += isinstance(node, nodes.section)
        node = node.parent
    return depth


class VignetteDirective(FileDirective):
    """```{vignette} quizzes/vignettes/slug.yml```"""

    def run(self) -> list[nodes.Node]:
        vignette, display, failed = self.load(load_vignette, "vignette")
        if failed:
            return failed
        prefix = unique_prefix(self.env, html_id("pq-vignette", vignette.name))
        practice = vignette.practice_nodes()
        record(self.env, "vignette", vignette.name, vignette.title, vignette.endings, prefix,
               endings={node: vignette.nodes[node].ending for node in vignette.endings},
               **({"practice": {node.id: node.practice["prompt"] for node in practice}} if practice else {}))
        level = min(section_depth(self) + 1, 5)  # the title's level; scenes sit one below it
        end_id = f"{prefix}-end"
        data = {"kind": "vignette", "vignette": vignette.name, "title": vignette.title, "hash": vignette.hash,
                **vignette.graph()}
        if practice:
            # Outside the graph, so adding a practice never changes the story's hash (saved paths stay).
            data["practice"] = {node.id: node.practice_hash for node in practice}
        root = element(
            "div",
            element(f"h{level}", nodes.Text(vignette.title), classes=["pq-vignette-title"]),
            element("div", *self.md(vignette.data["summary"]), classes=["pq-vignette-summary"]),
            self.client(vignette),
            self.content_note(vignette, end_id),
            self.player(vignette, prefix),
            self.tree(vignette, prefix, level + 1),
            *edit_link(self.config, "vignette", display),
            payload(data),
            classes=["pq-vignette", *self.options.get("class", [])],
            data_vignette=vignette.name, data_level=str(level + 1), data_client=vignette.data["client"]["name"],
        )
        root["ids"].append(prefix)
        # The skip link's target: the first thing after the vignette.
        return [root, element("div", classes=["pq-vignette-end"], id=end_id)]

    def md(self, text: str):
        return parse(self, text)

    def md_inline(self, text: str):
        return parse_inline(self, text)

    def client(self, vignette: Vignette):
        client = vignette.data["client"]
        who = nodes.paragraph("", "", nodes.strong("", "The client: "), nodes.Text(f"{client['name']}, "),
                              *self.md_inline(client["description"]))
        note = nodes.paragraph("", "", *self.md_inline(client["note"]), classes=["pq-note"])
        return element("div", who, note, classes=["pq-vignette-client"])

    def content_note(self, vignette: Vignette, end_id: str):
        title = nodes.paragraph("", "", nodes.strong("", "Content note"), classes=["pq-vignette-note-title"])
        start = element("button", nodes.Text("Start the scenario"), type="button", hidden="hidden",
                        classes=["pq-button", "pq-primary", "pq-vignette-start"], interactive=True)
        # The skip link works without JavaScript too: it jumps to the anchor just after the vignette.
        skip = element("a", nodes.Text("Skip this scenario"), href=f"#{end_id}", classes=["pq-vignette-skip"])
        actions = element("div", start, skip, classes=["pq-vignette-actions"], interactive=True)
        return element("div", title, *self.md(vignette.data["content_note"]), actions,
                       classes=["pq-vignette-note"], role="note", aria_label="Content note")

    def player(self, vignette: Vignette, prefix: str):
        """The play area: filled and revealed by the runtime, absent from non-HTML builds."""
        low, high = vignette.meters["min"], vignette.meters["max"]
        meters = []
        for name in METERS:
            value = vignette.meters["start"][name]
            name_id = f"{prefix}-meter-{name}"
            label = element("span", nodes.Text(name.capitalize()), classes=["pq-meter-name"], id=name_id)
            text = element("span", label, nodes.Text(": "),
                           element("span", nodes.Text(str(value)), classes=["pq-meter-value"]),
                           nodes.Text(f" of {high}"),
                           element("span", classes=["pq-meter-change"]),
                           classes=["pq-meter-text"])
            bar = element("div", element("span", classes=["pq-meter-fill"]), classes=["pq-meter-bar"],
                          role="meter", aria_labelledby=name_id, aria_valuemin=str(low), aria_valuemax=str(high),
                          aria_valuenow=str(value), aria_valuetext=f"{value} of {high}")
            meters.append(element("div", text, bar, classes=["pq-meter"], data_meter=name))
        caption = element("p", nodes.Text("Alliance meters"), classes=["pq-meters-caption"], id=f"{prefix}-meters")
        meter_box = element("div", caption, *meters, classes=["pq-meters"], role="group",
                            aria_labelledby=f"{prefix}-meters")
        feedback = element("div", classes=["pq-vignette-feedback"], role="status", aria_live="polite")
        return element("div", meter_box, self.meter_help(vignette), feedback, *self.stage(),
                       classes=["pq-vignette-play"], hidden="hidden", interactive=True)

    def meter_help(self, vignette: Vignette):
        """Under the meters: what each one stands for, why they start where they do, and how to read them. Open
        at the start of the story; the runtime folds it away after the first choice."""
        client = vignette.data["client"]["name"]
        rows = [element("li", nodes.strong("", meter.capitalize()),
                        nodes.Text(": " + METER_MEANING[meter].format(name=client))) for meter in METERS]
        meters = vignette.meters
        if "why" in meters:
            why = self.md(meters["why"])
        else:
            value = meters["start"][METERS[0]]
            why = [nodes.paragraph("", f"All three start at {value} of {meters['max']}, the middle of the scale: the "
                                       "story opens with an alliance neither strong nor broken, so each reply can "
                                       "move them either way.")]
        how = nodes.paragraph("", "They are teaching signals, not a score to chase: read how the client responds "
                                  "first; the change in the meters comes after.")
        summary = element("summary", nodes.Text("What the meters mean"))
        return element("details", summary, element("ul", *rows), *why, how, classes=["pq-meters-help"], open="open")

    def stage(self):
        """The scene, the path summary at an ending, and the buttons to step back or restart."""
        scene = element("div", classes=["pq-vignette-scene"])
        path = element("div", classes=["pq-vignette-path"], hidden="hidden")
        controls = element(
            "div",
            element("button", nodes.Text("Step back"), type="button", classes=["pq-button", "pq-vignette-back"]),
            element("button", nodes.Text("Restart"), type="button", classes=["pq-button", "pq-vignette-restart"]),
            classes=["pq-controls", "pq-vignette-controls"])
        return [scene, path, controls]

    def tree(self, vignette: Vignette, prefix: str, level: int):
        """Every node as a section; choices link to the node they lead to. The text the runtime shows."""
        start_link = element("a", nodes.Text(slug_in_words(vignette.start)), href=f"#{prefix}-{vignette.start}")
        intro = nodes.paragraph("", "", nodes.Text("The scenario starts at "), start_link,
                                nodes.Text(". Each choice links to the scene it leads to; each ending has a debrief."))
        sections = [self.tree_node(vignette, node, prefix, level) for node in vignette.ordered_nodes()]
        summary = element("summary", nodes.Text("Read the whole scenario as a decision tree"))
        return element("details", summary, element("div", intro, *sections, classes=["pq-vignette-tree-body"]),
                       classes=["pq-vignette-tree"])

    def tree_node(self, vignette: Vignette, node, prefix: str, level: int):
        heading_level = min(level, 6)
        parts = [element(f"h{heading_level}", nodes.Text(slug_in_words(node.id)), classes=["pq-node-title"]),
                 element("div", *self.md(node.data["narrative"]), classes=["pq-narrative"])]
        if "client_says" in node.data:
            who = nodes.paragraph("", f"{vignette.data['client']['name']} says:", classes=["pq-says-who"])
            quote = element("blockquote", *self.md(node.data["client_says"]), classes=["pq-client-says"])
            parts.append(element("div", who, quote, classes=["pq-says"]))
        if node.practice:
            parts.append(self.practice(node))
        if node.ending:
            kind = nodes.strong("", ENDING_TEXT[node.ending])
            parts.append(nodes.paragraph("", "", kind, classes=["pq-ending-kind"]))
            parts.append(element("div", nodes.paragraph("", "", nodes.strong("", "Debrief")),
                                 *self.md(node.data["debrief"]), classes=["pq-debrief"]))
        else:
            parts.append(nodes.paragraph("", "What do you say?", classes=["pq-choices-intro"]))
            # Shown in an order derived from the file and node names, never the file's: the best reply is not
            # always where the author wrote it. The runtime offers the choices in this same order.
            shown = display_order(f"{vignette.name}/{node.id}", len(node.choices))
            parts.append(element("ol", *(self.tree_choice(node.choices[i], prefix) for i in shown),
                                 classes=["pq-node-choices"]))
        section = element("section", *parts, classes=["pq-vignette-node"], data_node=node.id,
                          data_ending=node.ending)
        section["ids"].append(f"{prefix}-{node.id}")
        return section

    def practice(self, node):
        """The prompt with ruled space to write (in print and without JavaScript), the rubric to check a reply
        against, and the exemplars; the runtime builds the writing area and the checklist from this text."""
        practice = node.practice
        title = nodes.paragraph("", "", nodes.strong("", "Write your own reply first"), classes=["pq-practice-title"])
        prompt = nodes.paragraph("", practice["prompt"], classes=["pq-practice-prompt"])
        lines = element("div", classes=["pq-practice-lines"], aria_hidden="true")
        markers = element("ul", *(element("li", nodes.paragraph("", marker)) for marker in practice["rubric"]),
                          classes=["pq-practice-markers"])
        rubric = element("div", nodes.paragraph("", "Then check your reply: which of these does it show?"), markers,
                         classes=["pq-practice-rubric"])
        exemplars = []
        for exemplar in practice["exemplars"]:
            reply = element("span", *self.md_inline(exemplar["reply"]), classes=["pq-exemplar-text"])
            said = nodes.paragraph("", "", nodes.Text("“"), reply, nodes.Text("”"), classes=["pq-exemplar-reply"])
            why = element("div", *self.md(exemplar["why"]), classes=["pq-exemplar-why"])
            exemplars.append(element("li", said, why, classes=["pq-exemplar"]))
        examples = element("details", element("summary", nodes.Text("Example replies, and what makes each work")),
                           element("ol", *exemplars, classes=["pq-exemplars"]), classes=["pq-practice-exemplars"])
        return element("div", title, prompt, lines, rubric, examples, classes=["pq-practice"])

    def tree_choice(self, choice, prefix: str):
        # Paragraphs, not pq_elements, wherever text sits directly inside: Sphinx's smart quotes and the text
        # builders only treat text inside real text elements.
        text = element("span", *self.md_inline(choice.data["response"]), classes=["pq-choice-text"])
        response = nodes.paragraph("", "", nodes.strong("", "You say: "), nodes.Text("“"), text, nodes.Text("”"),
                                   classes=["pq-choice-response"])
        feedback = list(self.md(choice.data["feedback"]))
        if choice.data.get("cite"):
            feedback += self.md("Sources: {cite:p}`" + ",".join(choice.data["cite"]) + "`")
        words = element("span", nodes.Text(choice.effect_words), classes=["pq-effect-words"])
        effects = nodes.paragraph("", "", nodes.Text("Effect on the meters: "), words, classes=["pq-choice-effects"])
        link = element("a", nodes.Text(slug_in_words(choice.next)), href=f"#{prefix}-{choice.next}")
        leads = nodes.paragraph("", "", nodes.Text("Leads to: "), link, classes=["pq-choice-next"])
        return element("li", response, element("div", *feedback, classes=["pq-choice-feedback"]), effects, leads,
                       classes=["pq-node-choice"], data_choice=str(choice.index))
