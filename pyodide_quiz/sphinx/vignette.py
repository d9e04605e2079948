"""The `{vignette}` directive: Sphinx plumbing around the engine's render_vignette (render/vignette.py)."""
from __future__ import annotations

from docutils import nodes

from ..render.vignette import ENDING_TEXT, METER_MEANING, render_vignette  # noqa: F401  (for the site's pages)
from .content import FileDirective, page_of


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

    kind = "vignette"

    def render(self, path, display):
        return render_vignette(path, display, self.options, page_of(self, section_depth(self)))
