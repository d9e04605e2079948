"""Front-end-neutral rendering to an `html.El` tree: each question type's `body(ctx)` and `answer(ctx)`, and the
widgets built from content files. A front end passes a `Page` (its `Markup` for authors' text, its settings)
and turns the `Rendered` elements into its own output (`html.to_html`, or docutils nodes in Sphinx)."""
from ..types import RENDERERS
from .context import Markup, Page, Rendered, Settings, Source
from .quiz import render_quiz

__all__ = ["RENDERERS", "Markup", "Page", "Rendered", "Settings", "Source", "render_quiz"]
