"""Turn an author's MyST text from a YAML field into docutils nodes, inside a directive."""
from __future__ import annotations

from docutils import nodes
from docutils.statemachine import StringList


def parse(directive, text: str, source_line: int | None = None) -> list[nodes.Node]:
    """Block-level nodes for `text`, parsed as MyST in the directive's document (roles like {cite:p} work)."""
    container = nodes.container()
    lines = StringList(str(text).splitlines(), source=directive.state.document.current_source or "")
    directive.state.nested_parse(lines, directive.content_offset, container)
    _raw_as_text(container)
    return list(container.children)


def _raw_as_text(container: nodes.Element) -> None:
    """Show raw HTML from a content file as the code it is: the fields are Markdown, and markup pasted into a
    YAML field must never run as script in the page. A literal keeps it exactly as written (no curly quotes)."""
    for raw in list(container.findall(nodes.raw)):
        code = nodes.literal(raw.astext(), raw.astext())
        raw.replace_self(code if isinstance(raw.parent, nodes.TextElement) else nodes.paragraph("", "", code))


def parse_inline(directive, text: str) -> list[nodes.Node]:
    """Inline nodes for a short text (an option, a label): a lone paragraph is unwrapped."""
    parsed = parse(directive, text)
    if len(parsed) == 1 and isinstance(parsed[0], nodes.paragraph):
        return list(parsed[0].children)
    return parsed


class SphinxMarkup:
    """The engine's markup protocol (render/context.Markup) for a directive: MyST parsed in the directive's
    document, so roles ({cite:p}, {term}, {ref}) resolve, and Sphinx warns at the directive."""

    def __init__(self, directive):
        self.directive = directive

    def block(self, text: str, source=None) -> list[nodes.Node]:
        return parse(self.directive, text)

    def inline(self, text: str, source=None) -> list[nodes.Node]:
        return parse_inline(self.directive, text)
