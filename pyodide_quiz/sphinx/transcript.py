"""The `{transcript}` directive: Sphinx plumbing around the engine's render_transcript (render/transcript.py)."""
from __future__ import annotations

from ..render.transcript import ITEM, render_transcript  # noqa: F401  (ITEM: the progress store's)
from .content import FileDirective, page_of
from .vignette import section_depth


class TranscriptDirective(FileDirective):
    """```{transcript} quizzes/transcripts/slug.yml```"""

    kind = "transcript"

    def render(self, path, display):
        return render_transcript(path, display, self.options, page_of(self, section_depth(self)))
