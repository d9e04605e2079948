"""A small HTML element tree: what the engine's renderers build, whatever the front end.

Children of an `El` are other `El`s, plain strings (text, escaped on output) or `Fragment`s (what the front
end's markup returned for an author's text: docutils nodes in Sphinx, an HTML string in Markdown).

Two kinds of element:
- a widget element (`element(...)`): a tag with attributes. `interactive` marks what only works with
  JavaScript (buttons, inputs, live regions): non-HTML builds (LaTeX, text) leave it out;
- a prose element (`para`, `strong`, `emphasis`, `code`, `code_block`, `link`, `definitions`): text the way
  the front end writes its own prose, so Sphinx's smart quotes, code highlighting and text builders treat it
  like the page.

`to_html` writes a tree with the same escaping and attribute order as Sphinx's `starttag`.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Union

VOID_TAGS = frozenset({"input", "br", "hr", "img"})
_SPECIAL = str.maketrans({"&": "&amp;", "<": "&lt;", '"': "&quot;", ">": "&gt;", "@": "&#64;"})
_WHITESPACE = str.maketrans({c: " " for c in "\n\r\t\v\f"})


@dataclass
class Fragment:
    """Rendered author text, opaque to the engine: the front end's markup made it and splices it back in."""
    content: Any


Child = Union["El", str, Fragment, "Payload"]


@dataclass
class El:
    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list[Child] = field(default_factory=list)
    classes: list[str] = field(default_factory=list)
    ids: list[str] = field(default_factory=list)
    interactive: bool = False
    prose: bool = False  # a prose element (see the module's docstring)

    def extend(self, children) -> None:
        self.children.extend(children)

    def append(self, child: Child) -> None:
        self.children.append(child)


def attribute_name(name: str) -> str:
    """Python keyword to HTML attribute: data_question_id -> data-question-id, for_ -> for."""
    return name.rstrip("_").replace("_", "-")


def element(tag: str, *children: Child, classes=(), interactive: bool = False, **attrs) -> El:
    """A widget element. Attributes whose value is None are left out."""
    html_attrs = {attribute_name(k): v for k, v in attrs.items() if v is not None}
    ids = [html_attrs.pop("id")] if "id" in html_attrs else []
    return El(tag, html_attrs, list(children), list(classes), ids, interactive)


def _prose(tag: str, children, classes=(), **attrs) -> El:
    return El(tag, {attribute_name(k): v for k, v in attrs.items() if v is not None}, list(children),
              list(classes), prose=True)


def para(*children: Child, classes=()) -> El:
    return _prose("p", children, classes)


def strong(text: str) -> El:
    return _prose("strong", [text])


def emphasis(text: str, classes=()) -> El:
    return _prose("em", [text], classes)


def code(text: str) -> El:
    """Inline code, shown exactly as written."""
    return _prose("code", [text])


def code_block(text: str, language: str) -> El:
    return _prose("pre", [text], language=language)


def link(text: str, href: str) -> El:
    """A link to another site (the Sphinx front end writes it as an external reference)."""
    return _prose("a", [text], href=href)


def definitions(pairs, classes=()) -> El:
    """A definition list of (term, definition) texts (the front end's own, so every builder lays it out)."""
    items = []
    for term, definition in pairs:
        items += [_prose("dt", [term]), _prose("dd", [para(definition)])]
    return _prose("dl", items, classes)


def escape(text: str) -> str:
    return str(text).translate(_SPECIAL)


def attribute_value(value: str) -> str:
    return escape(str(value).translate(_WHITESPACE))


def start_tag(tag: str, attrs: dict, classes=(), ids=(), empty: bool = False) -> str:
    """`<tag a="1" class="x" id="y">`, attributes sorted by name as Sphinx's starttag writes them."""
    merged = dict(attrs)
    unique = list(dict.fromkeys(c for c in classes if c.strip()))
    if unique:
        merged["class"] = " ".join(unique)
    if ids:
        merged["id"] = ids[0]
    parts = [tag] + [f'{name}="{attribute_value(value)}"' for name, value in sorted(merged.items())]
    return f"<{' '.join(parts)}{' /' if empty else ''}>"


def to_html(node: Child, fragment_html=str, interactive: bool = True) -> str:
    """The tree as HTML. `fragment_html` turns a fragment's content into HTML (identity for Markdown's strings);
    with `interactive=False`, interactive elements, inputs and the payload are left out (a text-only rendering)."""
    if isinstance(node, str):
        return escape(node)
    if isinstance(node, Fragment):
        return fragment_html(node.content)
    if isinstance(node, Payload):
        return payload_html(node.data) if interactive else ""
    if not interactive and (node.interactive or node.tag in VOID_TAGS):  # as Sphinx's non-HTML builders do
        return ""
    inner = "".join(to_html(child, fragment_html, interactive) for child in node.children)
    if node.prose and node.tag == "pre":
        language = node.attrs.get("language", "")
        return f'<pre><code class="language-{escape(language)}">{inner}</code></pre>\n'
    if node.tag in VOID_TAGS:
        return start_tag(node.tag, node.attrs, node.classes, node.ids, empty=True)
    tail = "\n" if node.prose and node.tag == "p" else ""
    return f"{start_tag(node.tag, node.attrs, node.classes, node.ids)}{inner}</{node.tag}>{tail}"


@dataclass
class Payload:
    """The JSON the runtime reads: <script type="application/json" class="pq-data"> in HTML, nothing elsewhere."""
    data: Any


def json_for_script(data) -> str:
    # "</" would end the <script> element early; "<!--" could open a comment: escape both.
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("</", "<\\/").replace("<!--", "<\\!--")


def payload_html(data) -> str:
    return f'<script type="application/json" class="pq-data">{json_for_script(data)}</script>'
