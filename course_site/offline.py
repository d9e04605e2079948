"""The course readable offline after a first visit: a service worker built on Workbox's runtime.

After every HTML build, `sw.js` is written at the site root. It lists the offline copy: every page, every
file a page references (scripts, styles, images, the fonts and images those styles name) and the quiz
runtime's modules and graders, each with the hash of its content as its Workbox revision. A rebuild that
changes one file changes sw.js, so the browser installs the new worker, which fetches the changed files only
and drops files that are gone. Pyodide (13 MB) is not in the offline copy: the worker caches it the first
time a page uses it, in a cache named after its content, so a new Pyodide replaces the old one.

Online, pages and files always come from the network (a rebuilt site is never stale); the offline copy
answers only when the network fails or a page takes longer than `course_offline_timeout` seconds.

Why Workbox's runtime (precaching, routing, strategies: 24 KB, loaded by the worker only) rather than
workbox-build: the manifest is a list of paths and hashes that the build already knows, and workbox-build
would add 323 npm packages (Babel, Rollup, 77 MB) to compute it.
"""
from __future__ import annotations

import hashlib
import json
import re
import shutil
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from sphinx.errors import ExtensionError
from sphinx.util import logging

logger = logging.getLogger(__name__)

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
WORKER_TEMPLATE = HERE / "service-worker.js"
# In dependency order: each module registers itself on self.workbox and uses the ones before it.
WORKBOX_MODULES = ("workbox-core", "workbox-routing", "workbox-strategies", "workbox-precaching")
WORKER_NAME = "sw.js"
PYODIDE_FOLDER = "_static/pyodide/"
# Loaded by the quiz runtime (and search.html's Pagefind, search.py) with import() or fetch(), so no page names
# them in a tag.
ALWAYS = ("_static/pq/**/*.js", "_static/pq/**/*.css", "_static/pq-graders/**/*", "_static/pq-review/*.json",
          "_static/workbox/*.js", "pagefind/**/*")
TAG_URL = re.compile(r"""<(?:script|link|img|source|video|audio|track|object|embed)\b[^>]*?\s(?:src|href|data)\s*=\s*["']([^"']+)["']""",
                     re.IGNORECASE)
CSS_URL = re.compile(r"""url\(\s*["']?([^"')]+?)["']?\s*\)|@import\s+["']([^"']+)["']""")


def _local_file(site: Path, base: str, url: str) -> str | None:
    """The site-relative path `url` (as written in the file at site-relative path `base`) points to, if it is
    a file of this site; None for other hosts, data: URLs, fragments and missing files."""
    url = url.strip()
    if not url or url.startswith(("#", "data:", "blob:", "mailto:", "javascript:")):
        return None
    parts = urlsplit(url)
    if parts.scheme or parts.netloc:
        return None
    target = urlsplit(urljoin(f"http://site/{base}", url)).path.lstrip("/")
    target = unquote(target)
    if not target or target.endswith("/"):
        target += "index.html"
    return target if (site / target).is_file() else None


def offline_files(site: Path) -> list[str]:
    """Site-relative paths of the offline copy, sorted: pages, what they reference (recursively through
    CSS), and the runtime's dynamically loaded files. Pyodide and source maps are left out."""
    chosen: set[str] = set()
    queue = [p.relative_to(site).as_posix() for p in site.rglob("*.html")]
    queue += [p.relative_to(site).as_posix() for pattern in ALWAYS for p in site.glob(pattern) if p.is_file()]
    while queue:
        path = queue.pop()
        if path in chosen or path.startswith(PYODIDE_FOLDER) or path.endswith(".map") or path == WORKER_NAME:
            continue
        chosen.add(path)
        if path.endswith((".html", ".css")):
            text = (site / path).read_text(encoding="utf-8", errors="replace")
            pattern = TAG_URL if path.endswith(".html") else CSS_URL
            for match in pattern.finditer(text):
                url = next(group for group in match.groups() if group)
                found = _local_file(site, path, url)
                if found:
                    queue.append(found)
    return sorted(path for path in chosen if not _has_better_format(site, path))


# A browser that reads WOFF2 never asks for the older formats a @font-face lists after it.
OLDER_FONT_FORMATS = (".ttf", ".otf", ".eot", ".woff")


def _has_better_format(site: Path, path: str) -> bool:
    return path.endswith(OLDER_FONT_FORMATS) and (site / path).with_suffix(".woff2").is_file()


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:20]


def manifest(site: Path) -> list[dict]:
    return [{"url": path, "revision": _digest(site / path)} for path in offline_files(site)]


def pyodide_files(site: Path) -> list[str]:
    return sorted(p.name for p in (site / PYODIDE_FOLDER).glob("*") if p.is_file())


def pyodide_cache_name(site: Path) -> str:
    """Named after Pyodide's own files, so a new Pyodide gets a new cache (and the old one is deleted)."""
    digest = hashlib.sha256()
    for path in sorted((site / PYODIDE_FOLDER).glob("*")):
        if path.is_file():
            digest.update(f"{path.name}\0{path.stat().st_size}\0".encode())
            if path.suffix in (".json", ".mjs") and path.stat().st_size < 2_000_000:
                digest.update(path.read_bytes())
    return f"pyodide-{digest.hexdigest()[:16]}"


def write_service_worker(site: Path, timeout_seconds: float = 4.0) -> Path:
    """Write <site>/sw.js for the site as it is on disk now (also usable on a copied or edited site)."""
    entries = manifest(site)
    build = hashlib.sha256(json.dumps(entries, sort_keys=True).encode()).hexdigest()[:16]
    settings = {"build": build, "precache": entries, "pyodidePath": PYODIDE_FOLDER,
                "pyodideCache": pyodide_cache_name(site), "pyodideFiles": pyodide_files(site), "navigationTimeoutSeconds": timeout_seconds,
                "workbox": [f"_static/workbox/{name}.prod.js" for name in WORKBOX_MODULES]}
    text = (f"// Generated by course_site/offline.py from course_site/service-worker.js: build {build}, "
            f"{len(entries)} files in the offline copy.\n"
            f"const OFFLINE = {json.dumps(settings, indent=1)};\n\n" + WORKER_TEMPLATE.read_text(encoding="utf-8"))
    target = site / WORKER_NAME
    if not target.exists() or target.read_text(encoding="utf-8") != text:
        target.write_text(text, encoding="utf-8")
    return target


def _stage_workbox(app) -> None:
    if app.builder.format != "html" or not app.config.course_offline:
        return
    node_modules = Path(app.confdir, app.config.course_offline_node_modules or REPO / "node_modules")
    sources = [node_modules / name / "build" / f"{name}.prod.js" for name in WORKBOX_MODULES]
    missing = [str(p.relative_to(node_modules)) for p in sources if not p.is_file()]
    if missing:
        raise ExtensionError(f"course_site: Workbox not found in {node_modules} (missing {', '.join(missing)}); "
                             "run `npm ci` (or `make serve`) first, or set course_offline: false")
    staging = Path(app.doctreedir) / "course_offline_static"
    (staging / "workbox").mkdir(parents=True, exist_ok=True)
    for source in sources:
        target = staging / "workbox" / source.name
        if not target.exists() or target.read_bytes() != source.read_bytes():
            shutil.copyfile(source, target)
    app.config.html_static_path.append(str(staging))
    app.add_js_file("offline.js", defer="defer")


def _write_worker(app, exception) -> None:
    if exception is not None or app.builder.format != "html" or not app.config.course_offline:
        return
    target = write_service_worker(Path(app.outdir), app.config.course_offline_timeout)
    logger.info("course_site: service worker %s written", target.name)


def setup(app) -> None:
    app.add_config_value("course_offline", True, "html", [bool])
    app.add_config_value("course_offline_timeout", 4.0, "html", [float, int])
    app.add_config_value("course_offline_node_modules", "", "html", [str])
    app.connect("builder-inited", _stage_workbox)
    # After the other build-finished handlers (the front door index.html is written at priority 100).
    app.connect("build-finished", _write_worker, priority=900)
