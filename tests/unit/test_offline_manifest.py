"""What goes into the service worker's offline copy, and how a change to one file shows in sw.js."""
from __future__ import annotations

import json
import re

from course_site.offline import manifest, offline_files, write_service_worker


def make_site(root):
    files = {
        "index.html": '<link rel="icon" href="data:,"><meta http-equiv="Refresh" content="0; url=book/a.html">',
        "book/a.html": ('<link rel="stylesheet" href="../_static/site.css?v=1"><script src="../_static/app.js">'
                        '</script><img src="../_images/fig.svg"><a href="b.html#part">b</a>'
                        '<script src="https://cdn.example.org/x.js"></script><img src="../_images/missing.png">'),
        "book/b.html": "<p>b</p>",
        "_static/site.css": ("@import 'more.css'; @font-face { src: url(fonts/f.woff2) format('woff2'), "
                             "url(fonts/f.ttf) format('truetype'); } body { background: url(\"data:image/png,x\") }"),
        "_static/more.css": "p { background: url(../_images/bg.png) }",
        "_static/fonts/f.woff2": "w", "_static/fonts/f.ttf": "t",
        "_static/app.js": "1", "_static/app.js.map": "{}", "_static/unused.js": "2",
        "_static/pq/loader.js": "3", "_static/pq/types/single.js": "4", "_static/pq/loader.js.map": "{}",
        "_static/pq-graders/manifest.json": "{}", "_static/pyodide/pyodide.mjs": "5",
        "_images/fig.svg": "<svg/>", "_images/bg.png": "png",
    }
    for path, text in files.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text, encoding="utf-8")
    return root


def test_pages_what_they_reference_and_the_runtime_are_kept(tmp_path):
    site = make_site(tmp_path)
    assert offline_files(site) == [
        "_images/bg.png", "_images/fig.svg", "_static/app.js", "_static/fonts/f.woff2", "_static/more.css",
        "_static/pq-graders/manifest.json", "_static/pq/loader.js", "_static/pq/types/single.js",
        "_static/site.css", "book/a.html", "book/b.html", "index.html",
    ]


def test_left_out_pyodide_source_maps_older_font_formats_other_hosts_and_unused_files(tmp_path):
    kept = offline_files(make_site(tmp_path))
    for path in ("_static/pyodide/pyodide.mjs", "_static/app.js.map", "_static/pq/loader.js.map",
                 "_static/fonts/f.ttf", "_static/unused.js", "_images/missing.png"):
        assert path not in kept
    assert not [path for path in kept if "example.org" in path]


def read_settings(site):
    text = (site / "sw.js").read_text(encoding="utf-8")
    return json.loads(re.search(r"const OFFLINE = (.*?);\n\n", text, re.DOTALL).group(1))


def test_a_changed_file_changes_its_revision_and_only_its_own(tmp_path):
    site = make_site(tmp_path)
    write_service_worker(site)
    before = {entry["url"]: entry["revision"] for entry in read_settings(site)["precache"]}
    (site / "book/b.html").write_text("<p>b, rebuilt</p>", encoding="utf-8")
    write_service_worker(site)
    settings = read_settings(site)
    after = {entry["url"]: entry["revision"] for entry in settings["precache"]}
    assert [url for url in after if after[url] != before[url]] == ["book/b.html"]
    assert settings["pyodideFiles"] == ["pyodide.mjs"]


def test_the_worker_is_the_same_for_the_same_site(tmp_path):
    site = make_site(tmp_path)
    first = write_service_worker(site).read_bytes()
    assert write_service_worker(site).read_bytes() == first
    assert manifest(site) == read_settings(site)["precache"]
