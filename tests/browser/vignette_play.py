"""Playing a vignette in a browser test: at a scene with a practice, the choices wait until the student writes a
reply or skips writing. Tests that are about something else skip it with these helpers."""
from __future__ import annotations


def practice_waiting(page, root: str) -> bool:
    """Whether the current scene of the vignette at `root` asks for a reply before its choices."""
    return page.locator(f"{root} .pq-vignette-scene .pq-practice-skip").is_visible()


def skip_practice(page, root: str) -> None:
    """Press "Skip writing" if the current scene waits for a reply (a mouse click; tests of the keyboard path tab
    to it themselves)."""
    if practice_waiting(page, root):
        page.locator(f"{root} .pq-vignette-scene .pq-practice-skip").click()
