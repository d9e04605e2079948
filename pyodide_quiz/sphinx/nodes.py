"""Neutral nodes for interactive widgets, and the visitors that write them.

`pq_element` is a structural node with an HTML tag, attributes and children. The HTML visitor writes the tag
(escaped by Sphinx's `starttag`); other builders (LaTeX, text, man) render only the children, and skip nodes
marked `interactive` (buttons, inputs, live regions), so a printed or plain-text build still reads as a
question with its answer.
"""
from __future__ import annotations

import json

from docutils import nodes

VOID_TAGS = {"input", "br", "hr", "img"}


class pq_element(nodes.Element, nodes.General):
    """<tag attrs>children</tag> in HTML; just the children elsewhere."""


class pq_json(nodes.Element, nodes.General):
    """A JSON payload for the runtime: <script type="application/json"> in HTML, nothing elsewhere."""


def element(tag: str, *children, classes=(), interactive: bool = False, **attrs) -> pq_element:
    """Build a pq_element. Attribute names use '_' for '-' (data_question_id -> data-question-id)."""
    html_attrs = {k.rstrip("_").replace("_", "-"): v for k, v in attrs.items() if v is not None}
    node = pq_element("", *children, tag=tag, interactive=interactive, html_attrs=html_attrs)
    if "id" in html_attrs:  # docutils writes ids from node["ids"], never from attributes
        node["ids"].append(html_attrs.pop("id"))
    node["classes"].extend(classes)
    return node


def payload(data) -> pq_json:
    return pq_json("", data=data)


def visit_element_html(self, node):
    attrs = dict(node["html_attrs"])
    tag = node["tag"]
    # starttag escapes attribute values; classes and ids come from the node itself.
    if tag in VOID_TAGS:
        self.body.append(self.emptytag(node, tag, "", **attrs))
        raise nodes.SkipNode
    self.body.append(self.starttag(node, tag, "", **attrs))


def depart_element_html(self, node):
    self.body.append(f"</{node['tag']}>")


def visit_element_other(self, node):
    if node["interactive"] or node["tag"] in VOID_TAGS:
        raise nodes.SkipNode


def depart_element_other(self, node):
    pass


def _json_for_script(data) -> str:
    # "</" would end the <script> element early; "<!--" could open a comment: escape both.
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("</", "<\\/").replace("<!--", "<\\!--")


def visit_json_html(self, node):
    self.body.append(f'<script type="application/json" class="pq-data">{_json_for_script(node["data"])}</script>')
    raise nodes.SkipNode


def skip(self, node):
    raise nodes.SkipNode


def setup_nodes(app) -> None:
    others = {name: (visit_element_other, depart_element_other) for name in ("latex", "text", "man", "texinfo")}
    app.add_node(pq_element, html=(visit_element_html, depart_element_html), **others)
    app.add_node(pq_json, html=(visit_json_html, None),
                 **{name: (skip, None) for name in ("latex", "text", "man", "texinfo")})
