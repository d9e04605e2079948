"""From a directive found on a page to the widget's HTML, through the engine's core (pyodide_quiz.render)."""
from __future__ import annotations

import html
import importlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from .. import strings
from ..html import to_html
from ..model import ContentError
from ..render.context import Page, Settings
from ..render.options import OPTIONS, read_options


class WidgetProblem(Exception):
    """The widget cannot be shown: `messages` for the log, `html` for the page in its place."""

    def __init__(self, messages: list[str], html_text: str):
        super().__init__("\n".join(messages))
        self.messages = messages
        self.html = html_text


@dataclass
class WidgetHTML:
    html: str
    warnings: list[str] = field(default_factory=list)


def _renderer(name: str):
    """The core's renderer of a widget, imported when a page first uses one."""
    module = importlib.import_module(f"pyodide_quiz.render.{name}")
    return getattr(module, f"render_{name}")


WIDGETS = tuple(OPTIONS)


def unavailable(kind: str, display: str, language: str) -> str:
    """What the page shows in place of a widget whose file has errors (the build has said which)."""
    return (f'<div class="admonition warning pq-unavailable"><p>'
            f"{html.escape(strings.text(language, f'unavailable.{kind}', file=display))}</p></div>")


def render_widget(directive, extension, markup, page_name: str, used_prefixes: set,
                  section_depth: int = 0) -> WidgetHTML:
    """The widget's HTML; raises WidgetProblem when its file cannot be shown. `used_prefixes`: the html ids'
    prefixes already used on the page; `section_depth`: the level of the heading the widget sits under."""
    language = extension.getConfig("language")
    display = directive.argument.strip()
    if directive.name == "exercise":
        display = display.rstrip("/")
    if not display:
        raise WidgetProblem([f"{{{directive.name}}} needs a file: ```{{{directive.name}}} path```"],
                            unavailable(directive.name, "?", language))
    path = extension.content_root / display
    extension.used_files.add(path)
    try:
        options = read_options(directive.name, directive.options)
    except ValueError as error:
        options, problems = {}, [f"{{{directive.name}}} {display}: {error}"]
    else:
        problems = []
    settings = Settings(timeout=extension.getConfig("timeout"), confidence=bool(extension.getConfig("confidence")),
                        language=language)
    page = Page(markup, name=page_name, settings=settings, used_prefixes=used_prefixes, section_depth=section_depth)
    try:
        rendered = _renderer(directive.name)(path, display, options, page)
    except ContentError as error:
        raise WidgetProblem(problems + [str(problem) for problem in error.problems],
                            unavailable(directive.name, display, language)) from None
    except FileNotFoundError:
        raise WidgetProblem(problems + [f"{display}: no such file (paths are relative to {extension.content_root})"],
                            unavailable(directive.name, display, language)) from None
    extension.used_files.update(Path(file) for file in getattr(rendered, "files", ()))
    body = PAYLOAD.sub(_as_template, "".join(to_html(node) for node in rendered.nodes))
    return WidgetHTML(body, problems + list(rendered.warnings))


# mkdocs-material's instant navigation re-creates every script of the page it swaps in without its attributes,
# so a JSON payload would run as JavaScript (an error) and lose its class: the payload travels in a <template>
# instead, as escaped text, which no script ever runs (payload.js reads both).
PAYLOAD = re.compile(r'<script type="application/json" class="pq-data">(.*?)</script>', re.DOTALL)


def _as_template(match: re.Match) -> str:
    return f'<template class="pq-data">{html.escape(match[1], quote=False)}</template>'

