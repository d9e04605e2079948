"""The MkDocs plugin (`plugins: [pyodide_quiz]`): what only a plugin can do around the Markdown extension.

- adds the extension (or takes over its entry in `markdown_extensions`, with that entry's options as defaults),
  with paths resolved from the folder of mkdocs.yml;
- tells it which page it converts, the page's front-matter lines (so messages name the file's real line), and
  how to link from that page to the glossary and to labels;
- adds the runtime's stylesheets and its start-up module to every page, and after the build writes the runtime,
  the graders, Pyodide and a service worker into the site (assets.py);
- writes a Content-Security-Policy into every page, as strict as the book's (pyodide_quiz/csp.py): the theme's
  own inline scripts run by hash, nothing else inline does;
- under `mkdocs serve`, rebuilds when a quiz, exercise or vignette file a page shows changes.
"""
from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.utils import get_relative_url

from .. import csp
from . import assets
from .extension import PyodideQuizExtension

log = logging.getLogger("mkdocs.plugins.pyodide_quiz")
EXTENSION_NAMES = ("pyodide_quiz.mkdocs", "pyodide_quiz.mkdocs.extension")


class PluginConfig(Config):
    content_root = c.Type(str, default="")  # default: the folder of mkdocs.yml
    glossary = c.Type(str, default="")
    bibliography = c.Type(str, default="")
    labels = c.Type(dict, default={})
    timeout = c.Type((int, float), default=5)
    confidence = c.Type(bool, default=False)
    pyodide_dir = c.Type(str, default="node_modules/pyodide")
    esbuild = c.Type(str, default="node_modules/.bin/esbuild")
    # Where esbuild's minified runtime is kept between builds, when the installed package has none.
    cache_dir = c.Type(str, default=".cache/pyodide_quiz")
    csp = c.Type(bool, default=True)
    # Pages (site-relative glob patterns, "tools/*.html") whose own scripts compile WebAssembly on the page: only
    # they get 'wasm-unsafe-eval' (Pyodide and lunr run in workers, which a <meta> policy does not reach).
    csp_wasm_pages = c.Type(list, default=[])


DEFAULTS = {"glossary": "", "labels": {}, "timeout": 5, "confidence": False}


def front_matter_lines(source: str, markdown: str) -> int:
    """How many lines MkDocs removed before the Markdown it converts (its YAML front matter)."""
    source = source.replace("\r\n", "\n")
    if not markdown or not source.endswith(markdown):
        return 0
    return source[: len(source) - len(markdown)].count("\n")


class PyodideQuizPlugin(BasePlugin[PluginConfig]):
    def __init__(self):
        super().__init__()
        self.extension: PyodideQuizExtension | None = None

    def _path(self, config, value: str) -> Path:
        return (Path(config.config_file_path).parent / value).resolve()

    def on_config(self, config):
        options = {}
        for name in EXTENSION_NAMES:
            if name in config.markdown_extensions:
                config.markdown_extensions.remove(name)
                options.update(config.mdx_configs.pop(name, {}) or {})
        # Set in either place; where both are set, the plugin's option wins.
        for key in ("glossary", "labels", "timeout", "confidence"):
            if key not in options or self.config[key] != DEFAULTS[key]:
                options[key] = self.config[key]
        for key, default in (("content_root", "."), ("bibliography", "")):
            value = self.config[key] or options.get(key, default)
            options[key] = str(self._path(config, value)) if value else ""
        options["docs_dir"] = config.docs_dir
        options.setdefault("language", config.theme.get("language") or "en")
        self.extension = PyodideQuizExtension(**options)
        config.markdown_extensions.append(self.extension)
        for name in assets.STYLESHEETS:
            config.extra_css.append(f"{assets.FOLDER}/{name}")
        script = c.ExtraScriptValue(f"{assets.FOLDER}/{assets.ENTRY_SCRIPT}")
        script.type = "module"
        config.extra_javascript.append(script)
        return config

    def on_pre_build(self, *, config):
        self.extension.reset()
        self.extension.used_files.clear()

    def on_page_markdown(self, markdown, *, page, config, files):
        state = self.extension.page
        state.path = page.file.src_uri
        try:
            source = Path(page.file.abs_src_path).read_text(encoding="utf-8-sig")
        except (OSError, TypeError):
            source = markdown
        state.offset = front_matter_lines(source, markdown)

        def relative(target: str, page=page, files=files) -> str:
            file = files.get_file_from_path(target)
            if file is None:
                log.warning(f"pyodide_quiz: {page.file.src_uri}: a link to {target}, which is not a page of the site")
                return target
            return get_relative_url(file.url, page.url)

        state.relative = relative
        return markdown

    def on_post_build(self, *, config):
        self.extension.page.path = None
        if self.config.csp:
            # Before the service worker's name is computed from the pages, which the policy changes.
            csp.write_policies(Path(config.site_dir), self.config.csp_wasm_pages)
        try:
            runtime = assets.runtime_folder(self._path(config, self.config.esbuild),
                                            self._path(config, self.config.cache_dir))
            warnings = assets.write_site_assets(Path(config.site_dir), runtime,
                                                self._path(config, self.config.pyodide_dir),
                                                config.theme.get("language"))
        except assets.AssetError as error:
            raise PluginError(f"pyodide_quiz: {error}") from None
        for warning in warnings:
            log.warning(f"pyodide_quiz: {warning}")

    def on_serve(self, server, *, config, builder):
        for path in sorted(self.extension.used_files):
            if path.exists():
                server.watch(str(path))
        return server
