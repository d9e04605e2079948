"""Neutral nodes for interactive widgets, and the visitors that write them.

`pq_element` is a structural node with an HTML tag, attributes and children. The HTML visitor writes the tag
(escaped by Sphinx's `starttag`); other builders (LaTeX, text, man) render only the children, and skip nodes
marked `interactive` (buttons, inputs, live regions), so a printed or plain-text build still reads as a
question with its answer.
"""
from __future__ import annotations

from docutils import nodes

from ..html import VOID_TAGS, El, Fragment, Payload, json_for_script


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


def _prose_node(el: El, children: list) -> nodes.Node:
    """The docutils node a prose element stands for, so Sphinx writes (and smart-quotes) it like the page's text."""
    if el.tag == "p":
        return nodes.paragraph("", "", *children, classes=list(el.classes))
    if el.tag == "strong":
        return nodes.strong("", "", *children)
    if el.tag == "em":
        return nodes.emphasis("", "", *children, classes=list(el.classes))
    if el.tag == "dl":  # children alternate: term, definition
        pairs = zip(children[::2], children[1::2])
        items = [nodes.definition_list_item("", term, definition) for term, definition in pairs]
        return nodes.definition_list("", *items, classes=list(el.classes))
    if el.tag == "dt":
        return nodes.term("", "", *children)
    if el.tag == "dd":
        return nodes.definition("", *children)
    text = "".join(child.astext() for child in children)
    if el.tag == "code":
        return nodes.literal(text, text)
    if el.tag == "pre":
        return nodes.literal_block(text, text, language=el.attrs["language"])
    if el.tag == "a":
        return nodes.reference("", "", *children, refuri=el.attrs["href"], internal=False)
    raise ValueError(f"no docutils node for prose <{el.tag}>")


def to_nodes(child) -> list[nodes.Node]:
    """An engine html tree as docutils nodes: widget elements become pq_element, prose elements the node they
    stand for, fragments (what `SphinxMarkup` returned: lists of nodes) are spliced in."""
    if isinstance(child, str):
        return [nodes.Text(child)]
    if isinstance(child, Fragment):
        return list(child.content)
    if isinstance(child, Payload):
        return [payload(child.data)]
    children = [node for grandchild in child.children for node in to_nodes(grandchild)]
    if child.prose:
        return [_prose_node(child, children)]
    node = pq_element("", *children, tag=child.tag, interactive=child.interactive, html_attrs=dict(child.attrs))
    node["ids"].extend(child.ids)
    node["classes"].extend(child.classes)
    return [node]


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


def visit_json_html(self, node):
    self.body.append(f'<script type="application/json" class="pq-data">{json_for_script(node["data"])}</script>')
    raise nodes.SkipNode


def skip(self, node):
    raise nodes.SkipNode


def setup_nodes(app) -> None:
    others = {name: (visit_element_other, depart_element_other) for name in ("latex", "text", "man", "texinfo")}
    app.add_node(pq_element, html=(visit_element_html, depart_element_html), **others)
    app.add_node(pq_json, html=(visit_json_html, None),
                 **{name: (skip, None) for name in ("latex", "text", "man", "texinfo")})
