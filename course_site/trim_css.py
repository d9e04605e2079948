"""Stylesheets without the rules no page can use.

The theme's stylesheet (pydata-sphinx-theme, ~390 KB: all of Bootstrap, its utilities and components) is most
of what a chapter page downloads, and most of its rules name a class, an id or an element that no page of this
site has. After every HTML build, each third-party stylesheet under _static/ is rewritten without those rules.

What a rule needs to stay: one selector of its list that could match something, that is, every class, id and
element name it names is known. Known means written in some built page (any page: the stylesheets are shared) or
possibly added by a script the site ships (every word of every script counts, so a class a script adds is never
lost, and a class built from a prefix, `"bs-tooltip-" + placement`, keeps every class with that prefix). The
trimming is conservative: a rule stays whenever its selector has anything it cannot judge (attribute selectors,
pseudo-classes with arguments other than :is()/:where(), escapes it cannot read, a syntax it does not parse), and
a rule is kept or dropped whole, its text untouched (rewriting a selector list could make an invalid list valid).
@media, @supports, @layer and @container keep what their rules keep and go when empty; @keyframes and @font-face
stay when a kept rule names them; every other at-rule stays. A custom property (`--bs-blue: ...`) goes when no
stylesheet's `var()`, no page and no script reads it. Licence comments (`/*! ... */`) stay, other comments go.
Our own stylesheets keep every rule: course_site/static's lose only comments and spare whitespace, the quiz
engine's (pq/, minified by esbuild) are not touched.

The files as they were are kept beside the site, in <outdir>/../untrimmed-css/ (not shipped), with a list
(trimmed.json): tests/browser/test_trimmed_css.py renders every page with both and compares the screenshots.
Each page's `?v=` for a rewritten file is the checksum of the new file, so a browser never reuses an older one
from its cache. The theme's files that nothing refers to (Font Awesome's script and fonts, the untrimmed
duplicate of its stylesheet, source maps no file names, its translations) are deleted from the site.

Config: `course_trim_css` (default True).
"""
from __future__ import annotations

import json
import re
import shutil
import time
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from sphinx.util import logging

logger = logging.getLogger(__name__)

UNTRIMMED_FOLDER = "untrimmed-css"  # beside the html output folder
UNTRIMMED_LIST = "trimmed.json"
# Ours: every rule written for a reason (the quiz engine's pq- classes are mostly added by its scripts).
OWN_STATIC = Path(__file__).resolve().parent / "static"
NEVER_TRIMMED = ("pq/",)
NOT_SHIPPED_SCRIPTS = ("pyodide/",)  # Pyodide touches no page markup

# At-rules whose block holds rules (trimmed inside); everything else not named here is kept whole.
GROUPING = {"media", "supports", "layer", "container", "document", "-moz-document", "scope", "starting-style"}
KEYFRAMES = {"keyframes", "-webkit-keyframes", "-moz-keyframes", "-o-keyframes"}
# Pseudo-classes whose argument is a selector list that must match for the compound to match.
SELECTOR_LIST_PSEUDOS = {"is", "where", "matches", "-webkit-any", "-moz-any"}

IDENT = re.compile(r"-?(?:[A-Za-z_\u0080-\uffff]|\\.)(?:[\w\u0080-\uffff-]|\\[0-9a-fA-F]{1,6} ?|\\[^0-9a-fA-F\n])*")
ESCAPE = re.compile(r"\\([0-9a-fA-F]{1,6}) ?|\\(.)")
WORD = re.compile(r"[A-Za-z_][\w-]*")
CUSTOM_PROPERTY = re.compile(r"--[A-Za-z_][\w-]*")
PREFIX_IN_STRING = re.compile(r"""([A-Za-z][\w]*(?:-[\w]+)*-)(?:["'`]|\$\{)""")
MIN_PREFIX = 4  # shorter fragments ("a-") would keep nearly everything


# ---- what the pages can show ------------------------------------------------------------------------------

@dataclass
class Known:
    """Class names, ids and element names some page has, or some script may add."""
    classes: set[str] = field(default_factory=set)
    ids: set[str] = field(default_factory=set)
    tags: set[str] = field(default_factory=set)
    prefixes: set[str] = field(default_factory=set)
    custom_properties: set[str] = field(default_factory=set)  # --names a page or script reads or sets

    def has_class(self, name: str) -> bool:
        return name in self.classes or any(name.startswith(p) for p in self.prefixes)

    def has_id(self, name: str) -> bool:
        return name in self.ids or any(name.startswith(p) for p in self.prefixes)

    def has_tag(self, name: str) -> bool:
        return name.lower() in self.tags


TAG = re.compile(r"<([A-Za-z][\w:-]*)")
CLASS_ATTR = re.compile(r"""\sclass\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+))""", re.IGNORECASE)
ID_ATTR = re.compile(r"""\sid\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+))""", re.IGNORECASE)
INLINE_SCRIPT = re.compile(r"<script\b[^>]*>(.*?)</script>", re.IGNORECASE | re.DOTALL)


def learn_from_page(known: Known, html_text: str) -> None:
    known.tags.update(tag.lower() for tag in TAG.findall(html_text))
    for match in CLASS_ATTR.finditer(html_text):
        known.classes.update(next(g for g in match.groups() if g is not None).split())
    for match in ID_ATTR.finditer(html_text):
        known.ids.add(next(g for g in match.groups() if g is not None))
    for script in INLINE_SCRIPT.findall(html_text):
        learn_from_script(known, script)
    known.custom_properties.update(CUSTOM_PROPERTY.findall(html_text))  # style="--x: ..." and var(--x) in markup


def learn_from_script(known: Known, text: str) -> None:
    """Every word of a script may be a class, an id or an element name it uses (conservative: it keeps rules for
    words that are only variable names, which costs a few bytes and never a style)."""
    words = set(WORD.findall(text))
    known.classes.update(words)
    known.ids.update(words)
    known.tags.update(word.lower() for word in words)
    known.prefixes.update(p for p in PREFIX_IN_STRING.findall(text) if len(p) >= MIN_PREFIX)
    known.custom_properties.update(CUSTOM_PROPERTY.findall(text))  # getPropertyValue("--x"), setProperty


def known_from_site(site: Path) -> Known:
    known = Known(tags={"html", "head", "body"})
    static = site / "_static"
    for path in site.rglob("*.html"):
        if static not in path.parents:  # _static holds the theme's template fragments, not pages
            learn_from_page(known, path.read_text(encoding="utf-8", errors="replace"))
    for path in sorted(site.rglob("*.js")) + sorted(site.rglob("*.mjs")):
        relative = path.relative_to(site).as_posix()
        if not any(relative.startswith(f"_static/{folder}") for folder in NOT_SHIPPED_SCRIPTS):
            learn_from_script(known, path.read_text(encoding="utf-8", errors="replace"))
    return known


# ---- reading CSS ------------------------------------------------------------------------------------------

@dataclass
class Rule:
    """A style rule (`prelude` is its selector list), a statement at-rule (`@import ...;`, body None), an
    at-rule with a block of declarations (`@font-face`, `@keyframes`: body is text) or a grouping at-rule
    (`@media`: children)."""
    prelude: str
    body: str | None = None
    children: list | None = None
    comment: str | None = None  # a licence comment, kept as it is

    @property
    def at_name(self) -> str:
        match = re.match(r"@([\w-]+)", self.prelude)
        return match.group(1).lower() if match else ""


class CSSSyntaxError(ValueError):
    pass


def _skip_string(css: str, i: int) -> int:
    """Index after the string starting at css[i] (a quote)."""
    quote, i = css[i], i + 1
    while i < len(css):
        char = css[i]
        if char == "\\":
            i += 2
            continue
        if char == quote or char == "\n":
            return i + 1
        i += 1
    return i


def _skip_comment(css: str, i: int) -> int:
    end = css.find("*/", i + 2)
    return len(css) if end < 0 else end + 2


def _scan_to(css: str, i: int, stops: str) -> int:
    """Index of the first character of `stops` at nesting depth 0 from i (strings, comments, (), [] and {}
    skipped), or len(css)."""
    depth = 0
    while i < len(css):
        char = css[i]
        if char in "\"'":
            i = _skip_string(css, i)
            continue
        if css.startswith("/*", i):
            i = _skip_comment(css, i)
            continue
        if char == "\\":
            i += 2
            continue
        if depth == 0 and char in stops:
            return i
        if char in "([{":
            depth += 1
        elif char in ")]}":
            if depth == 0:
                return i  # an unbalanced closer: the caller decides
            depth -= 1
        i += 1
    return i


def _strip_comments(text: str) -> str:
    out, i = [], 0
    while i < len(text):
        if text[i] in "\"'":
            end = _skip_string(text, i)
            out.append(text[i:end])
            i = end
        elif text.startswith("/*", i):
            i = _skip_comment(text, i)
            out.append(" ")
        else:
            out.append(text[i])
            i += 1
    return "".join(out)


def parse(css: str) -> list[Rule]:
    rules, end = _parse_block(css, 0, top=True)
    return rules


def _parse_block(css: str, i: int, top: bool) -> tuple[list[Rule], int]:
    rules: list[Rule] = []
    while True:
        while i < len(css) and (css[i].isspace() or css.startswith("/*", i)):
            if css.startswith("/*!", i):
                end = _skip_comment(css, i)
                rules.append(Rule("", comment=css[i:end]))
                i = end
            elif css.startswith("/*", i):
                i = _skip_comment(css, i)
            else:
                i += 1
        if i >= len(css):
            if not top:
                raise CSSSyntaxError("a block is not closed")
            return rules, i
        if css[i] == "}":
            if top:
                raise CSSSyntaxError(f"an unexpected '}}' at character {i}")
            return rules, i + 1
        stop = _scan_to(css, i, "{;}")
        prelude = _strip_comments(css[i:stop]).strip()
        if stop >= len(css) or css[stop] in ";}":
            if prelude:
                rules.append(Rule(prelude))  # @import ...; @charset ...; @layer a, b;
            i = stop + 1 if stop < len(css) and css[stop] == ";" else stop
            continue
        rule = Rule(prelude)
        if rule.at_name in GROUPING:
            rule.children, i = _parse_block(css, stop + 1, top=False)
        else:
            close = _scan_to(css, stop + 1, "}")
            if close >= len(css):
                raise CSSSyntaxError(f"the rule {prelude[:60]!r} is not closed")
            rule.body, i = css[stop + 1:close], close + 1
        rules.append(rule)


def declarations(body: str) -> list[str]:
    """A declaration block split at its top-level semicolons (strings, comments and brackets respected)."""
    found, i = [], 0
    while i < len(body):
        stop = _scan_to(body, i, ";")
        if stop < len(body) and body[stop] != ";":
            raise CSSSyntaxError(f"an unbalanced bracket in {body[:60]!r}")
        if body[i:stop].strip():
            found.append(body[i:stop])
        i = stop + 1
    return found


def compact(text: str) -> str:
    """Comments out, each run of whitespace outside strings one space, none around `;`, `{`, `}`: what a
    browser reads is unchanged (a space between selectors stays a space)."""
    out, i = [], 0
    text = _strip_comments(text)
    while i < len(text):
        char = text[i]
        if char in "\"'":
            end = _skip_string(text, i)
            out.append(text[i:end])
            i = end
        elif char.isspace():
            while i < len(text) and text[i].isspace():
                i += 1
            if out and out[-1][-1:] not in ";{}" and i < len(text) and text[i] not in ";{}":
                out.append(" ")
        else:
            out.append(char)
            i += 1
    return "".join(out).strip()


def compacted(rules: list[Rule]) -> list[Rule]:
    for rule in _walk(rules):
        if rule.comment is None:
            rule.prelude = compact(rule.prelude)
            if rule.body is not None:
                rule.body = compact(rule.body)
    return rules


def serialize(rules: list[Rule]) -> str:
    parts = []
    for rule in rules:
        if rule.comment is not None:
            parts.append(rule.comment)
        elif rule.children is not None:
            parts.append(f"{rule.prelude}{{{serialize(rule.children)}}}")
        elif rule.body is not None:
            parts.append(f"{rule.prelude}{{{rule.body}}}")
        else:
            parts.append(f"{rule.prelude};")
    return "".join(parts)


# ---- selectors --------------------------------------------------------------------------------------------

class Unsure(Exception):
    """A selector this module cannot judge: the rule stays."""


def _unescape(ident: str) -> str:
    return ESCAPE.sub(lambda m: chr(int(m.group(1), 16)) if m.group(1) else m.group(2), ident)


def split_list(text: str) -> list[str]:
    parts, i, start = [], 0, 0
    while True:
        stop = _scan_to(text, i, ",")
        if stop < len(text) and text[stop] != ",":
            raise Unsure(text)  # an unbalanced bracket
        parts.append(text[start:stop].strip())
        if stop >= len(text):
            return parts
        i = start = stop + 1


def selector_may_match(selector: str, known: Known) -> bool:
    """False only when the complex selector names a class, id or element that no page has and no script adds."""
    i, text = 0, selector
    while i < len(text):
        char = text[i]
        if char.isspace() or char in ">+~|":
            i += 1
        elif char == "*":
            i += 1
        elif char == ".":
            match = IDENT.match(text, i + 1)
            if not match:
                raise Unsure(selector)
            if not known.has_class(_unescape(match.group(0))):
                return False
            i = match.end()
        elif char == "#":
            match = IDENT.match(text, i + 1)
            if not match:
                raise Unsure(selector)
            if not known.has_id(_unescape(match.group(0))):
                return False
            i = match.end()
        elif char == "[":
            end = _scan_to(text, i + 1, "]")
            if end >= len(text):
                raise Unsure(selector)
            i = end + 1  # attribute selectors: not judged (data-theme, data-mode... are set by scripts)
        elif char == ":":
            i += 2 if text.startswith("::", i) else 1
            match = IDENT.match(text, i)
            if not match:
                raise Unsure(selector)
            name, i = match.group(0).lower(), match.end()
            if i < len(text) and text[i] == "(":
                end = _scan_to(text, i + 1, ")")
                if end >= len(text):
                    raise Unsure(selector)
                argument, i = text[i + 1:end], end + 1
                if name in SELECTOR_LIST_PSEUDOS and not any(selector_may_match(s, known)
                                                             for s in split_list(argument)):
                    return False
        elif char == "&":
            raise Unsure(selector)  # nesting: not used by the theme, not judged
        else:
            match = IDENT.match(text, i)
            if not match:
                raise Unsure(selector)
            if not known.has_tag(_unescape(match.group(0))):
                return False
            i = match.end()
    return True


def rule_may_match(prelude: str, known: Known) -> bool:
    try:
        return any(selector_may_match(selector, known) for selector in split_list(prelude))
    except Unsure:
        return True


# ---- trimming ---------------------------------------------------------------------------------------------

def trim_rules(rules: list[Rule], known: Known) -> list[Rule]:
    """The rules that may match, grouping at-rules holding only those (and dropped when left empty).
    @keyframes and @font-face are all kept here: `drop_unnamed` decides once every file is trimmed."""
    kept = []
    for rule in rules:
        if rule.comment is not None or rule.body is None and rule.children is None:
            kept.append(rule)
        elif rule.children is not None:
            children = trim_rules(rule.children, known)
            if any(child.comment is None for child in children):
                kept.append(Rule(rule.prelude, children=children))
        elif rule.at_name or rule_may_match(rule.prelude, known):
            kept.append(rule)
    return kept


FAMILY = re.compile(r"font-family\s*:\s*([^;]+)", re.IGNORECASE)


def _font_family(rule: Rule) -> str | None:
    match = FAMILY.search(rule.body or "")
    return match.group(1).strip().strip("\"'") if match else None


def _keyframes_name(rule: Rule) -> str:
    return _unescape(rule.prelude.split(None, 1)[1].strip().strip("\"'")) if " " in rule.prelude else ""


def _walk(rules: list[Rule]):
    for rule in rules:
        yield rule
        if rule.children:
            yield from _walk(rule.children)


def named_in_declarations(sheets: list[list[Rule]]) -> str:
    """Every declaration text of the kept style rules (where animation and font names are used)."""
    return "\n".join(rule.body for rules in sheets for rule in _walk(rules)
                     if rule.body is not None and rule.at_name not in KEYFRAMES | {"font-face"})


def drop_unnamed(rules: list[Rule], used: str) -> list[Rule]:
    """Without the @keyframes and @font-face that no kept declaration names."""
    kept = []
    for rule in rules:
        if rule.children is not None:
            children = drop_unnamed(rule.children, used)
            if any(child.comment is None for child in children):
                kept.append(Rule(rule.prelude, children=children))
            continue
        name = _keyframes_name(rule) if rule.at_name in KEYFRAMES else (
            _font_family(rule) if rule.at_name == "font-face" else None)
        if name and not re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", used):
            continue
        kept.append(rule)
    return kept


def _property_name(declaration: str) -> str | None:
    name = declaration.split(":", 1)[0].strip()
    return name if name.startswith("--") and ":" in declaration else None


def drop_unread_custom_properties(sheets: list[list[Rule]], others: list[list[Rule]], known: Known) -> int:
    """Without the custom properties (`--x: ...`) that nothing reads: no `var(--x)` in any kept declaration of any
    stylesheet (ours too), and no page or script that names --x. Repeated until nothing changes (a property read
    only by a dropped one goes too); a style rule left empty goes. Returns how many declarations went."""
    dropped = 0
    while True:
        read = set(known.custom_properties)
        for rules in sheets + others:
            for rule in _walk(rules):
                if rule.body is not None:
                    read.update(re.findall(r"var\(\s*(--[\w-]+)", rule.body))
        changed = 0
        for rules in sheets:
            for rule in _walk(rules):
                if rule.body is None or rule.at_name in KEYFRAMES or rule.at_name == "font-face":
                    continue
                parts = declarations(rule.body)
                kept = [d for d in parts if _property_name(d) in (None, *read)]
                if len(kept) != len(parts):
                    changed += len(parts) - len(kept)
                    rule.body = ";".join(kept)
        dropped += changed
        if not changed:
            break
    for rules in sheets:
        _drop_empty(rules)
    return dropped


def _drop_empty(rules: list[Rule]) -> None:
    for rule in [r for r in rules if r.children is not None]:
        _drop_empty(rule.children)
    rules[:] = [r for r in rules if not (r.body is not None and not r.at_name and not r.body.strip())
                and not (r.children is not None and all(c.comment is not None for c in r.children))]


def trimmable(site: Path) -> list[Path]:
    """The third-party stylesheets of the built site (ours are never trimmed)."""
    own = {p.name for p in OWN_STATIC.glob("*.css")}
    found = []
    for path in sorted((site / "_static").rglob("*.css")):
        relative = path.relative_to(site / "_static").as_posix()
        if relative in own or relative.startswith(NEVER_TRIMMED):
            continue
        found.append(path)
    return found


def compactable(site: Path) -> list[Path]:
    """Our own stylesheets that the build copies as they are (the quiz engine's are minified by esbuild)."""
    return sorted(p for p in (site / "_static").glob("*.css") if (OWN_STATIC / p.name).is_file())


def _parse_or_warn(site: Path, path: Path, css: str) -> list[Rule] | None:
    try:
        return parse(css)
    except CSSSyntaxError as error:
        logger.warning("course_site: %s left as it is (not trimmed): %s", path.relative_to(site), error,
                       type="course_site", subtype="trim_css")
        return None


def trim_site(site: Path, keep_originals: Path | None = None) -> list[dict]:
    """Trim every third-party stylesheet of `site` in place, and compact ours; returns each file's bytes before
    and after. The files as they were go to `keep_originals` (with trimmed.json listing them) when given."""
    known = known_from_site(site)
    originals = {path: path.read_text(encoding="utf-8") for path in trimmable(site) + compactable(site)}
    own_files = set(compactable(site))
    parsed = {path: _parse_or_warn(site, path, css) for path, css in originals.items()}
    sheets = {path: rules if path in own_files else trim_rules(rules, known)
              for path, rules in parsed.items() if rules is not None}
    trimmed = [rules for path, rules in sheets.items() if path not in own_files]
    others = [rules for path, rules in sheets.items() if path in own_files]
    others += [parse(p.read_text(encoding="utf-8")) for p in (site / "_static").rglob("*.css") if p not in originals]
    drop_unread_custom_properties(trimmed, others, known)
    used = named_in_declarations(trimmed + others)
    report = []
    if keep_originals is not None:
        shutil.rmtree(keep_originals, ignore_errors=True)
    for path, rules in sheets.items():
        text = serialize(compacted(rules if path in own_files else drop_unnamed(rules, used)))
        relative = path.relative_to(site).as_posix()
        if keep_originals is not None:
            target = keep_originals / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(originals[path], encoding="utf-8")
        path.write_text(text, encoding="utf-8")
        report.append({"file": relative, "before": len(originals[path].encode()), "after": len(text.encode()),
                       "how": "compacted" if path in own_files else "trimmed"})
    if keep_originals is not None:
        (keep_originals / UNTRIMMED_LIST).write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    return report


# The theme's folders, where it ships files no page uses: Font Awesome's script (1.5 MB) and web fonts (pages
# use neither, see site_assets.py), the untrimmed copy of its stylesheet (pages link the .course.css one),
# its translations (read by the build only), source maps of files that no longer name them.
THEME_FOLDERS = ("_static/styles/", "_static/scripts/", "_static/vendor/", "_static/locales/")


def drop_unreferenced(site: Path) -> list[dict]:
    """Delete the files of the theme's folders that no page, stylesheet or script of the site refers to (the
    offline copy's own walk, course_site/offline.py); licence files stay. Returns what went, with sizes."""
    from .offline import OLDER_FONT_FORMATS, offline_files

    referenced = set(offline_files(site))
    referenced |= {p.relative_to(site).as_posix() for p in (site / "_static").rglob("*")  # see offline.py
                   if p.suffix in OLDER_FONT_FORMATS
                   and p.with_suffix(".woff2").relative_to(site).as_posix() in referenced}
    removed = []
    for path in sorted((site / "_static").rglob("*")):
        relative = path.relative_to(site).as_posix()
        if (not path.is_file() or not relative.startswith(THEME_FOLDERS) or relative in referenced
                or "license" in path.name.lower() or _named_map(site, relative, referenced)):
            continue
        removed.append({"file": relative, "bytes": path.stat().st_size})
        path.unlink()
    for folder in sorted((p for p in (site / "_static").rglob("*") if p.is_dir()), key=lambda p: -len(p.parts)):
        if not any(folder.iterdir()):
            folder.rmdir()
    return removed


def _named_map(site: Path, relative: str, referenced: set[str]) -> bool:
    """A source map that a file of the site still names (for the browser's developer tools)."""
    source = relative.removesuffix(".map")
    if not relative.endswith(".map") or source not in referenced:
        return False
    return f"sourceMappingURL={Path(source).name}.map" in (site / source).read_text(encoding="utf-8", errors="replace")


def checksum(path: Path) -> str:
    """Sphinx's own `?v=` checksum (sphinx.builders.html._file_checksum) of a file."""
    return f"{zlib.crc32(path.read_bytes()):08x}"


# A stylesheet as a page links it, or as another stylesheet imports it; the query (?v=, ?digest=) is replaced.
LINKED_CSS = {".html": re.compile(r'''(<link\b[^>]*?\shref=")([^"?#]+\.css)(\?[^"#]*)?(")'''),
              ".css": re.compile(r'''(@import\s+(?:url\(\s*)?["\']?)([^"\'?#)\s]+\.css)(\?[^"\')\s]*)?(["\')])''')}


def refresh_checksums(site: Path, files: list[str]) -> int:
    """Where a page links, or a stylesheet imports, a file this step rewrote: `?v=` its new checksum, so that a
    browser never reuses a cached older version (Sphinx's own `?v=` was computed before the rewrite). Stylesheets
    first, as their own checksums change with the imports they name. Returns how many files changed."""
    changed_files = set(files)
    updated = 0
    for suffix in (".css", ".html"):
        digests = {name: checksum(site / name) for name in changed_files}
        for path in site.rglob(f"*{suffix}"):
            if suffix == ".html" and site / "_static" in path.parents:
                continue
            base = path.relative_to(site).parent

            def versioned(match: re.Match) -> str:
                target = (site / base / match.group(2)).resolve()
                name = target.relative_to(site.resolve()).as_posix() if site.resolve() in target.parents else None
                if name not in digests:
                    return match.group(0)
                return f"{match.group(1)}{match.group(2)}?v={digests[name]}{match.group(4)}"

            text = path.read_text(encoding="utf-8")
            new = LINKED_CSS[suffix].sub(versioned, text)
            if new != text:
                path.write_text(new, encoding="utf-8")
                changed_files.add(path.relative_to(site).as_posix())
                updated += 1
    return updated


def _trim(app, exception) -> None:
    if exception is not None or app.builder.format != "html" or not app.config.course_trim_css:
        return
    started = time.monotonic()
    site = Path(app.outdir)
    removed = drop_unreferenced(site)
    report = trim_site(site, keep_originals=site.parent / UNTRIMMED_FOLDER)
    refresh_checksums(site, [row["file"] for row in report])
    removed += drop_unreferenced(site)  # source maps the trimmed stylesheets no longer name
    before, after = sum(r["before"] for r in report), sum(r["after"] for r in report)
    logger.info("course_site: stylesheets trimmed from %d to %d KB, %d unused theme files (%d KB) removed, in %.1f s",
                before // 1024, after // 1024, len(removed), sum(r["bytes"] for r in removed) // 1024,
                time.monotonic() - started)


def setup(app) -> None:
    app.add_config_value("course_trim_css", True, "html", [bool])
    # After every step that writes or edits pages (redirects, the front door: priority 500 and below) and the
    # search index (800: its scripts are read too, so a clean build and a rebuild keep the same rules), before the
    # Content Security Policy (850) and the service worker's list of files (900).
    app.connect("build-finished", _trim, priority=820)
