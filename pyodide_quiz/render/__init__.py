"""HTML-neutral rendering of each question type: `body(ctx)` (the inputs) and `answer(ctx)` (the key)."""
from . import multiple, numeric, order, python, single, text

RENDERERS = {m.TYPE: m for m in (single, multiple, numeric, text, order, python)}
