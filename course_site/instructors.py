"""The instructors' section of the site: teaching pages, answer keys, LMS files, role-play cards, a present view.

Everything here is public, and the pages say so: answer keys on a public site are for preparing a class, not for
graded use, which belongs in a learning management system (LMS) with the exported quiz files.

- Teaching pages. Each chapter's notes, book/instructor/NN-slug.md (the chapter's own slug), is a page of the
  site (_toc.yml lists them with a glob under book/instructors). While the build reads a notes page it adds, after
  the notes, generated MyST: "Assigning this chapter" (the `{chapter-guide}` list: objectives, the same time
  estimate as the chapter's header, links to each quiz, exercise and vignette on the student page, the LMS files),
  moved to the top of the page once read, and the answer key of every quiz (with its item map), the model
  solution of every exercise, the map of every vignette and the coding key of every transcript the chapter shows
  (course_site/teaching.py, transcript_key.py).
  The notes files stay plain notes: line numbers in their warnings are their own.
- `{teaching-overview}`: every chapter with its time, its teaching page, its student page and its LMS files.
- LMS files. The build runs scripts/export (the exporter `make export` runs, with its tests) into lms/ at the
  site root: <quiz>.gift for Moodle and <quiz>.qti.zip for Canvas, for every quiz in quizzes/.
- `{role-play-cards}`: for every vignette the site shows, a client card, a therapist card and an observer's
  checklist, each printed on its own sheet (static/instructors.js prints one vignette's cards on request).
- `{present-vignettes}`: every vignette as text and, with JavaScript, a "present" view for a seminar: large
  type, one scene at a time, the replies revealed on a click (static/present.js).

Which vignettes and which activities a chapter holds are read from the pages' sources in _toc.yml order, so
adding a vignette to a chapter adds its cards, its present view and its key without touching this file.
"""
from __future__ import annotations

import posixpath
import re
import subprocess
import sys
from pathlib import Path

from docutils import nodes
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from pyodide_quiz.model import ContentError
from pyodide_quiz.model.common import display_order, slug_in_words
from pyodide_quiz.model.vignette import load_vignette
from pyodide_quiz.sphinx.markup import parse, parse_inline
from pyodide_quiz.sphinx.nodes import element
from pyodide_quiz.sphinx.vignette import ENDING_TEXT

from . import chapters
from .chapters import (
    _ListDirective,
    activity_label,
    chapter_record,
    file_uri,
    filler,
    json_script,
    link,
    numbered_chapters,
    page_uri,
    parts,
    time_line,
)
from .teaching import exercise_key, quiz_key, role_play, vignette_key
from .transcript_key import transcript_key

logger = logging.getLogger(__name__)

REPO = Path(__file__).resolve().parent.parent
EXPORT = REPO / "scripts" / "export"
NOTES_FOLDER = "book/instructor/"
LMS_FOLDER = "lms"
# ```{quiz} quizzes/x.yml   or   :::{quiz} quizzes/x.yml   (as scripts/checks/context.py reads them)
DIRECTIVE = re.compile(r"^\s*(`{3,}|:{3,})\{(?P<name>[\w-]+)\}\s*(?P<argument>.*?)\s*$")
TITLE_OPTION = re.compile(r"^\s*:title:\s*(?P<title>.+?)\s*$")
GUIDE_TITLE = "Assigning this chapter"
PUBLIC_NOTE = ("This page is public: students can read these answer keys too. Use them to prepare a class; for "
               "graded use, import the quiz into your learning management system with the GIFT or QTI file.")


# --- what the sources say, before anything is parsed -------------------------------------------------------

def source_uses(path: Path) -> list[dict]:
    """Directives in one source file: [{"name", "argument", "title"}] in order (title: an exercise's :title:)."""
    found, fence = [], None
    for line in path.read_text(encoding="utf-8").splitlines():
        if fence is not None:
            if line.strip() == fence:
                fence = None
            elif (match := TITLE_OPTION.match(line)) and found:
                found[-1]["title"] = match.group("title")
            continue
        match = DIRECTIVE.match(line)
        if match:
            fence = match.group(1)
            found.append({"name": match.group("name"), "argument": match.group("argument"), "title": None})
    return found


def reading_order(app) -> list[str]:
    """Every page of _toc.yml in reading order (globs expanded), from the site map sphinx-external-toc parsed."""
    site_map = chapters._site_map(app)
    if site_map is None:
        return sorted(app.env.found_docs)
    order: list[str] = []

    def walk(docname: str) -> None:
        if docname in order:
            return
        order.append(docname)
        document = site_map[docname] if docname in site_map else None
        for tree in (document.subtrees if document else []):
            for item in tree.items:
                for child in chapters._expand(app, item):
                    walk(child)

    walk(site_map.root.docname)
    return order


def uses_in_order(app, directive: str) -> list[tuple[str, dict]]:
    """(docname, use) for every use of a directive on a page of the book, in reading order."""
    found = []
    for docname in reading_order(app):
        path = Path(app.env.doc2path(docname))
        if path.is_file():
            found += [(docname, use) for use in source_uses(path) if use["name"] == directive]
    return found


def chapter_of(docname: str) -> str | None:
    """The chapter a notes page belongs to: book/instructor/07-x -> book/07-x."""
    if not docname.startswith(NOTES_FOLDER):
        return None
    return "book/" + docname[len(NOTES_FOLDER):]


def teaching_page(app, chapter: str) -> str | None:
    docname = NOTES_FOLDER + posixpath.basename(chapter)
    return docname if docname in app.env.found_docs else None


# --- teaching pages -----------------------------------------------------------------------------------------

def generated_text(app, chapter: str) -> str:
    """The MyST added after a chapter's notes: the guide's placeholder, then every key."""
    path = Path(app.env.doc2path(chapter))
    root = Path(app.srcdir)
    title = next((line[2:].strip() for line in path.read_text(encoding="utf-8").splitlines()
                  if line.startswith("# ")), chapter)
    parts_ = ["", "", f"## {GUIDE_TITLE}", "", f"```{{chapter-guide}} {chapter}", "```", ""]
    for use in chapter_uses(app, chapter):
        argument = use["argument"].rstrip("/")
        if use["name"] not in ("quiz", "exercise", "vignette", "transcript"):
            continue
        # An exercise's files, not its folder: running its tests writes __pycache__ there, which would re-read the
        # page on every build.
        folder = root / argument
        for path in (sorted(p for p in folder.iterdir() if p.is_file()) if folder.is_dir() else [folder]):
            app.env.note_dependency(str(path))
        try:
            if use["name"] == "quiz":
                parts_.append(quiz_key(root, argument, title, level=2))
            elif use["name"] == "exercise":
                parts_.append(exercise_key(root, argument, title, use["title"], level=2))
            elif use["name"] == "vignette":
                parts_.append(vignette_key(root, argument, title, level=2))
            else:
                parts_.append(transcript_key(root, argument, title, level=2))
        except ContentError:
            continue  # the chapter's own build reports the file's problems, with their lines
    return "\n".join(parts_) + "\n"


def chapter_uses(app, chapter: str) -> list[dict]:
    """The directives of a chapter and of its own pages (book/NN-slug/x.md), theirs before a closing quiz."""
    own = source_uses(Path(app.env.doc2path(chapter)))
    closing = [own.pop()] if own and own[-1]["name"] == "quiz" else []
    for docname in reading_order(app):
        if posixpath.dirname(docname) == chapter:
            app.env.note_dependency(str(app.env.doc2path(docname)))
            own += source_uses(Path(app.env.doc2path(docname)))
    return own + closing


def _add_keys(app, docname: str, source: list[str]) -> None:
    chapter = chapter_of(docname)
    if chapter is None or chapter not in app.env.found_docs:
        return
    app.env.note_dependency(str(app.env.doc2path(chapter)))
    source[0] = source[0].rstrip("\n") + "\n" + generated_text(app, chapter)


def _guide_first(app, doctree) -> None:
    """Move "Assigning this chapter" to the top of a teaching page and mark the keys that follow it."""
    if chapter_of(app.env.docname) is None:
        return
    guide = next((node for node in doctree.findall(chapters.course_list) if node["what"] == "chapter-guide"), None)
    if guide is None:
        return
    section = guide.parent
    top = section.parent
    if not isinstance(section, nodes.section) or not isinstance(top, nodes.section):
        return
    keys = top[top.index(section) + 1:]
    for key in keys:
        key["classes"].append("course-key")
    top.remove(section)
    first = next((i for i, child in enumerate(top.children) if isinstance(child, nodes.section)), len(top))
    top.insert(first, section)


class ChapterGuideDirective(_ListDirective):
    WHAT = "chapter-guide"
    required_arguments = 1

    def extra(self) -> dict:
        return {"chapter": self.arguments[0]}


def lms_links(fromdoc: str, quiz: str) -> list:
    gift = link(file_uri(fromdoc, f"{LMS_FOLDER}/{quiz}.gift"), nodes.Text("Moodle (GIFT)"), classes=["course-lms"])
    qti = link(file_uri(fromdoc, f"{LMS_FOLDER}/{quiz}.qti.zip"), nodes.Text("Canvas (QTI 1.2)"), classes=["course-lms"])
    return [gift, nodes.Text(" · "), qti]


@filler("chapter-guide")
def _chapter_guide(app, node, docname):
    chapter = node["chapter"]
    if chapter not in chapters._data(app.env)["chapters"]:
        logger.warning(f"course_site: {{chapter-guide}} names {chapter!r}, which is not a chapter",
                       location=node, type="course_site")
        return []
    record = chapter_record(app, chapter)
    number = dict((d, n) for n, d in numbered_chapters(app)).get(chapter)
    blocks = [nodes.paragraph("", "", nodes.Text(f"Chapter {number}: "),
                              link(page_uri(app, docname, chapter), nodes.Text(record["title"])),
                              classes=["course-guide-chapter"]),
              time_line(app, chapter, with_total=True)]
    if record["objectives"]:
        blocks += [nodes.paragraph("", "", nodes.strong("", "Learning objectives")),
                   element("ul", *(element("li", nodes.Text(f"{text} "), nodes.literal("", objective))
                                   for objective, text in record["objectives"]))]
    if record["activities"]:
        items = []
        for activity in record["activities"]:
            parts_ = [link(page_uri(app, docname, activity.get("doc", chapter), activity["anchor"]),
                           nodes.Text(activity_label(activity)))]
            if activity["kind"] == "quiz":
                parts_ += [nodes.Text(". For your LMS: "), *lms_links(docname, activity["name"])]
            items.append(element("li", *parts_))
        blocks += [nodes.paragraph("", "", nodes.strong("", "Activities on the student page")), element("ul", *items)]
    blocks.append(nodes.paragraph("", PUBLIC_NOTE, classes=["course-public-note"]))
    buttons = element("p", element("button", nodes.Text("Print this page"), type="button",
                                   classes=["course-print", "pq-button"], data_print="page"),
                      element("button", nodes.Text("Print the answer keys only"), type="button",
                              classes=["course-print", "pq-button"], data_print="keys"),
                      classes=["course-print-buttons"], hidden="hidden", interactive=True)
    return [*blocks, buttons]


class TeachingOverviewDirective(_ListDirective):
    WHAT = "teaching-overview"


@filler("teaching-overview")
def _teaching_overview(app, node, docname):
    numbered = dict((doc, number) for number, doc in numbered_chapters(app))
    blocks = []
    for part in parts(app):
        blocks.append(element("h3", nodes.Text(part["caption"] or "Chapters"), classes=["course-part-title"],
                              id=f"teach-{chapters.slug(part['caption']) or 'chapters'}"))
        items = []
        for doc in part["chapters"]:
            record = chapter_record(app, doc)
            line = [link(page_uri(app, docname, doc), nodes.Text(f"{numbered[doc]}. {record['title']}"))]
            teaching = teaching_page(app, doc)
            links = []
            if teaching:
                links.append(link(page_uri(app, docname, teaching),
                                  nodes.Text(f"Notes and answer keys for chapter {numbered[doc]}")))
            for activity in record["activities"]:
                if activity["kind"] == "quiz":
                    links += [nodes.Text(" · Quiz for your LMS: "), *lms_links(docname, activity["name"])]
            items.append(element("li", nodes.paragraph("", "", *line, classes=["course-overview-title"]),
                                 time_line(app, doc, with_total=True),
                                 nodes.paragraph("", "", *links, classes=["course-overview-links"])))
        blocks.append(element("ul", *items, classes=["course-overview-list"]))
    return blocks


# --- LMS files -----------------------------------------------------------------------------------------------

def _export_for_lms(app) -> None:
    """Write lms/*.gift and lms/*.qti.zip with scripts/export, into a folder Sphinx copies to the site root."""
    if app.builder.format != "html" or Path(app.srcdir).resolve() != REPO or not EXPORT.is_file():
        return  # only the course itself has these quizzes (tests build other books)
    staging = Path(app.doctreedir) / "course_lms"
    target = staging / LMS_FOLDER
    target.mkdir(parents=True, exist_ok=True)
    for old in target.iterdir():
        old.unlink()
    done = subprocess.run([sys.executable, str(EXPORT), "--out", str(target)], capture_output=True, text=True,
                          cwd=REPO)
    if done.returncode != 0:
        logger.warning("course_site: scripts/export failed, so the LMS files are missing:\n%s",
                       (done.stdout + done.stderr).strip(), type="course_site", subtype="lms")
        return
    if str(staging) not in map(str, app.config.html_extra_path):
        app.config.html_extra_path.append(str(staging))


# --- role-play cards ------------------------------------------------------------------------------------------

def vignettes_in_order(app) -> list[tuple[str, str]]:
    """(docname, vignette file) for every vignette the site shows, once each, in reading order."""
    seen, found = set(), []
    for docname, use in uses_in_order(app, "vignette"):
        if use["argument"] not in seen:
            seen.add(use["argument"])
            found.append((docname, use["argument"]))
    return found


def each_vignette(env, load):
    """(docname, load(root, argument)) for every vignette the book shows, in reading order, each noted as a
    dependency of the page; one that does not load is skipped (the page that shows it reports its problems)."""
    root = Path(env.srcdir)
    for docname, argument in vignettes_in_order(env.app):
        env.note_dependency(str(root / argument))
        try:
            yield docname, load(root, argument)
        except ContentError:
            continue


def _section(directive, title: str, section_id: str, *children) -> nodes.section:
    return nodes.section("", nodes.title(title, title), *children, ids=[section_id])


class RolePlayCardsDirective(SphinxDirective):
    """```{role-play-cards}```: a section per vignette with its three cards."""

    has_content = False

    def run(self):
        return [self.cards(data, docname) for docname, data in each_vignette(self.env, role_play)]

    def md(self, text: str):
        return parse(self, text)

    def inline(self, text: str):
        return parse_inline(self, text)

    def card(self, kind: str, title: str, *children):
        return element("div", element("h3", nodes.Text(title), classes=["course-card-title"]), *children,
                       classes=["course-card", f"course-card-{kind}"])

    def cards(self, data: dict, docname: str) -> nodes.section:
        client = data["client"]
        name = client["name"]
        who = nodes.paragraph("", "", nodes.strong("", "Who you are. "), nodes.Text(f"{name}, "),
                              *self.inline(client["description"]), nodes.Text(" "), *self.inline(client["note"]))
        opening = nodes.paragraph("", "", nodes.strong("", "How the session starts. "), *self.inline(data["opening"]))
        client_parts = [who, opening]
        if data["first_words"]:
            client_parts += [nodes.paragraph("", "", nodes.strong("", "Your first words:")),
                             nodes.block_quote("", *self.md(data["first_words"]))]
        for lines, lead in ((data["helpful"], "If you feel heard and free to disagree, you open up a little at a "
                                              "time. Lines from the scenario you can use:"),
                            (data["unhelpful"], "If you feel pushed, judged or talked over, you go quiet or push "
                                                "back. Lines from the scenario you can use:"),
                            (data["either"], "Other lines from the scenario:")):
            if lines:
                client_parts += [nodes.paragraph("", "", nodes.strong("", lead)),
                                 element("ul", *(element("li", nodes.paragraph("", "", nodes.Text("“"),
                                                                                *self.inline(text), nodes.Text("”")))
                                                 for text in lines))]
        client_parts.append(nodes.paragraph("", "Stay in role for about ten minutes. React to what the therapist "
                                                "actually says, not to what you think they should say."))
        therapist = [
            nodes.paragraph("", "", nodes.strong("", "Your client. "), nodes.Text(f"{name}, "),
                            *self.inline(client["description"]), nodes.Text(" "), *self.inline(client["note"])),
            nodes.paragraph("", "", nodes.strong("", "The situation. "), *self.inline(data["summary"])),
            nodes.paragraph("", "", nodes.strong("", "How the session starts. "), *self.inline(data["opening"])),
            nodes.paragraph("", "", nodes.strong("", "Your task. "), nodes.Text(
                "Talk with the client for about ten minutes, in your own words: there is no script. Keep the goals, "
                "the tasks and the bond in mind. If the collaboration strains, notice it and try to repair it.")),
        ]
        checks = [element("li", nodes.paragraph("", "Goal: did they agree on what the session is for?")),
                  element("li", nodes.paragraph("", "Task: did the client agree with what they did, or only go along "
                                                    "with it?")),
                  element("li", nodes.paragraph("", "Bond: did the client seem to feel understood and respected?")),
                  element("li", nodes.paragraph("", "Did a strain appear (the client going quiet, or pushing back)? "
                                                    "What marked it?")),
                  element("li", nodes.paragraph("", "Did the therapist notice it and talk about it openly, without "
                                                    "blame?"))]
        for scene, reply in data["checks"]:
            checks.append(element("li", nodes.paragraph("", "", nodes.Text(f"At “{scene}”: did the therapist say "
                                                                           "something like “"),
                                                        *self.inline(reply), nodes.Text("”? What did the client do next?"))))
        for scene, markers in data.get("practice", []):
            asked = f"At “{scene}”, which of these did the therapist’s words show? {'; '.join(markers)}."
            checks.append(element("li", nodes.paragraph("", asked)))
        endings = "; ".join(f"{title} ({kind})" for title, kind in data["endings"])
        observer = [nodes.paragraph("", "Watch both people. Tick what you see, write down the words used, and share "
                                        "your notes after the role play."),
                    element("ul", *checks, classes=["course-checklist"]),
                    nodes.paragraph("", f"Which of the scenario's endings did the session come closest to? {endings}.")]
        section_id = f"cards-{data['name']}"
        source = element("p", nodes.Text("From the vignette "),
                         link(page_uri(self.env.app, self.env.docname, docname, f"pq-vignette-{data['name']}"),
                              nodes.Text(data["title"])),
                         nodes.Text(f". {name} is invented."), classes=["course-card-source"])
        button = element("p", element("button", nodes.Text(f"Print the three cards for {name}"), type="button",
                                      classes=["course-print", "pq-button"], data_print=section_id),
                         classes=["course-print-buttons"], hidden="hidden", interactive=True)
        return _section(self, data["title"], section_id, source, button,
                        self.card("client", f"Client card: {name}", *client_parts),
                        self.card("therapist", f"Therapist card: {name}", *therapist),
                        self.card("observer", f"Observer checklist: {name}", *observer))


# --- present view ---------------------------------------------------------------------------------------------

class PresentVignettesDirective(SphinxDirective):
    """```{present-vignettes}```: every vignette as readable text, and the data the present view plays."""

    has_content = False

    def run(self):
        load = lambda root, argument: load_vignette(root / argument, argument)  # noqa: E731
        return [self.vignette(vignette, docname) for docname, vignette in each_vignette(self.env, load)]

    def vignette(self, vignette, docname: str) -> nodes.section:
        prefix = f"present-{vignette.name}"
        client = vignette.data["client"]
        who = nodes.paragraph("", "", nodes.strong("", "The client: "), nodes.Text(f"{client['name']}, "),
                              *parse_inline(self, client["description"]), nodes.Text(" "),
                              *parse_inline(self, client["note"]))
        note = nodes.paragraph("", "", nodes.strong("", "Content note: "), *parse_inline(self, vignette.data["content_note"]))
        start = element("p", element("button", nodes.Text(f"Present “{vignette.title}”"), type="button",
                                     classes=["pq-button", "pq-primary", "course-present-start"]),
                        classes=["course-present-actions"], hidden="hidden", interactive=True)
        scenes = [self.scene(vignette, node, prefix) for node in vignette.ordered_nodes()]
        text = element("details", element("summary", nodes.Text("Read the scenario as text")),
                       element("div", *scenes, classes=["course-present-scenes"]), classes=["course-present-text"])
        data = json_script({"vignette": vignette.name, "title": vignette.title, "client": client["name"],
                            **vignette.graph()}, "course-data")
        box = element("div", who, note, start, text, data, classes=["course-present"], data_vignette=vignette.name,
                      id=prefix)
        return _section(self, vignette.title, f"{prefix}-section", box)

    def scene(self, vignette, node, prefix: str):
        parts_ = [element("h3", nodes.Text(slug_in_words(node.id)), classes=["course-scene-title"]),
                  element("div", *parse(self, node.data["narrative"]), classes=["course-scene-narrative"])]
        if node.data.get("client_says"):
            parts_.append(element("blockquote", *parse(self, node.data["client_says"]), classes=["course-scene-says"]))
        if node.ending:
            parts_.append(nodes.paragraph("", ENDING_TEXT[node.ending], classes=["course-scene-ending"]))
            parts_.append(element("div", *parse(self, node.data["debrief"]), classes=["course-scene-debrief"]))
        else:
            if node.practice:
                # The seminar's version of "write your own reply first": everyone writes before the replies show.
                parts_.append(nodes.paragraph("", "", nodes.strong("", "Before the replies, everyone writes: "),
                                              nodes.Text(node.practice["prompt"]), classes=["course-scene-practice"]))
            replies = []
            # The order students see in the chapter's player, never the file's (the best reply is not always first).
            for choice in (node.choices[i] for i in display_order(f"{vignette.name}/{node.id}", len(node.choices))):
                replies.append(element(
                    "li",
                    element("div", *parse(self, choice.data["response"]), classes=["course-reply-text"]),
                    element("div", *parse(self, choice.data["feedback"]), classes=["course-reply-feedback"]),
                    nodes.paragraph("", choice.effect_words, classes=["course-reply-effects"]),
                    classes=["course-reply"], data_next=choice.next, data_choice=str(choice.index)))
            parts_.append(element("ol", *replies, classes=["course-replies"]))
        return element("section", *parts_, classes=["course-scene"], data_node=node.id, id=f"{prefix}-{node.id}")


def _page_scripts(app, pagename, templatename, context, doctree) -> None:
    body = context.get("body")
    if not isinstance(body, str):
        return
    if "course-print" in body:
        app.add_js_file("instructors.js", type="module")
    if 'class="course-present' in body:
        app.add_js_file("present.js", type="module")


def setup(app) -> None:
    app.add_directive("chapter-guide", ChapterGuideDirective)
    app.add_directive("teaching-overview", TeachingOverviewDirective)
    app.add_directive("role-play-cards", RolePlayCardsDirective)
    app.add_directive("present-vignettes", PresentVignettesDirective)
    app.connect("source-read", lambda app, docname, source: _add_keys(app, docname, source))
    # Before Sphinx collects the page's table of contents (priority 500), so that it lists the guide first.
    app.connect("doctree-read", _guide_first, priority=400)
    app.connect("builder-inited", _export_for_lms)
    app.connect("html-page-context", _page_scripts)
