// @ts-check
/**
 * The search page (templates/search.html): searches the site's Pagefind index (course_site/search.py) as the
 * student types, and lists pages with their best-matching sections and snippets from the text.
 *
 * Order (see rank()): chapters whose title holds every word of the query first, then glossary entries (a
 * chapter's own pages with such a title after the term that is the query), then pages
 * with a matching section heading, then the rest; the course's pages before the instructors' pages. The address keeps the query (search.html?q=...), so a search can be shared
 * and the header's search field (which submits here) lands on its results.
 */

const MAX_PAGES = 12;
const MAX_SECTIONS = 3;
const MAX_TERMS = 3;
const DEBOUNCE_MS = 200;

const root = new URL(document.documentElement.dataset.content_root || "./", window.location.href);
const form = /** @type {HTMLFormElement} */ (document.querySelector(".course-search-form"));
const field = /** @type {HTMLInputElement} */ (document.querySelector("#course-search-field"));
const status = /** @type {HTMLElement} */ (document.querySelector(".course-search-status"));
const list = /** @type {HTMLOListElement} */ (document.querySelector(".course-search-results"));

/** @type {Promise<any> | null} */
let engine = null;

function loadEngine() {
  if (!engine) {
    engine = import(new URL("pagefind/pagefind.js", root).href).then(async (pagefind) => {
      // Result URLs are site-absolute ("/book/x.html"); the site may live in a sub-folder (GitHub Pages).
      await pagefind.options({ baseUrl: root.pathname, excerptLength: 24 });
      await pagefind.init();
      return pagefind;
    });
  }
  return engine;
}

/** @param {string} text */
function words(text) {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) || [];
}

/** A word's stem, roughly: "ruptures" and "rupture" share "rupt", "repairing" and "repair" share "repa". */
function stem(/** @type {string} */ word) {
  return word.length > 4 ? word.slice(0, Math.max(4, word.length - 3)) : word;
}

/** Whether every word of the query (of three letters or more) is in the text, compared by stem.
 * @param {string} text @param {string[]} query */
export function holdsEvery(text, query) {
  const stems = words(text).map(stem);
  const wanted = query.filter((word) => word.length >= 3).map(stem);
  return wanted.length > 0 && wanted.every((w) => stems.some((s) => s.startsWith(w) || (s.length >= 4 && w.startsWith(s))));
}

/** Pagefind's snippet keeps only its text and <mark> highlights (it is built from the page's own text). */
function snippet(/** @type {string} */ html) {
  const template = document.createElement("template");
  template.innerHTML = html;
  const out = document.createElement("p");
  out.className = "course-result-excerpt";
  for (const node of template.content.childNodes) {
    if (node.nodeName === "MARK") {
      const mark = document.createElement("mark");
      mark.textContent = node.textContent;
      out.append(mark);
    } else {
      out.append(node.textContent || "");
    }
  }
  return out;
}

// A chapter's own page (book/NN-slug/page.html: a vignette, the coding practice). Its title names a scene
// ("A client who pulls back"), so a word in it says less than the same word in a chapter's title.
const CHAPTER_OWN_PAGE = /\/book\/\d\d-[^/]+\/[^/]+\.html/;

/**
 * [audience, tier]: the course before the instructors' pages; then a chapter or page whose title holds every word
 * of the query; a glossary term that is the query; a chapter's own page whose title holds it; a glossary term
 * that holds it; a page with a section heading that holds it; the rest (in Pagefind's order, which weighs titles
 * and headings above text).
 * @param {any} page @param {string[]} query
 */
function rank(page, query) {
  const audience = page.meta?.audience === "instructors" ? 1 : 0;
  const title = page.meta?.title || "";
  const glossary = page.meta?.kind === "glossary";
  if (!glossary && holdsEvery(title, query)) return [audience, CHAPTER_OWN_PAGE.test(page.url || "") ? 2 : 0];
  if (glossary && words(title).join(" ") === query.join(" ")) return [audience, 1];
  if (glossary && holdsEvery(title, query)) return [audience, 3];
  if ((page.sub_results || []).some((/** @type {any} */ s) => holdsEvery(s.title || "", query))) return [audience, 4];
  return [audience, 5];
}

/** @param {any} page @param {string[]} query */
function bestSections(page, query) {
  // Not the page itself, nor its title's own "section" (the text before the first heading).
  const sections = (page.sub_results || []).filter((/** @type {any} */ s) => s.url !== page.url &&
    s.title !== page.meta?.title);
  return sections
    .map((/** @type {any} */ s, /** @type {number} */ i) => ({ s, i, heading: holdsEvery(s.title || "", query) ? 0 : 1,
      hits: (s.locations || []).length }))
    .sort((a, b) => a.heading - b.heading || b.hits - a.hits || a.i - b.i)
    .slice(0, MAX_SECTIONS)
    .map(({ s }) => s);
}

/** @param {any} page @param {string[]} query */
function render(page, query) {
  const item = document.createElement("li");
  item.className = "course-result";
  const title = document.createElement("p");
  title.className = "course-result-title";
  const link = document.createElement("a");
  link.href = page.url;
  link.textContent = page.meta?.title || page.url;
  title.append(link);
  const label = page.meta?.kind === "glossary" ? "Glossary" : page.meta?.audience === "instructors" ? "For instructors" : "";
  if (label) {
    const tag = document.createElement("span");
    tag.className = "course-result-kind";
    tag.textContent = label;
    title.append(" ", tag);
  }
  item.append(title, snippet(page.excerpt || ""));
  const sections = bestSections(page, query);
  if (sections.length) {
    const sub = document.createElement("ul");
    sub.className = "course-result-sections";
    for (const section of sections) {
      const entry = document.createElement("li");
      const to = document.createElement("a");
      to.href = section.url;
      to.textContent = section.title;
      entry.append(to, snippet(section.excerpt || ""));
      sub.append(entry);
    }
    item.append(sub);
  }
  return item;
}

let latest = 0;

async function run(/** @type {string} */ text) {
  const ticket = ++latest;
  const query = words(text);
  const url = new URL(window.location.href);
  if (text.trim()) url.searchParams.set("q", text.trim());
  else url.searchParams.delete("q");
  window.history.replaceState(null, "", url);
  if (!query.length) {
    list.replaceChildren();
    status.textContent = "";
    return;
  }
  status.textContent = "Searching…";
  let pagefind;
  try {
    pagefind = await loadEngine();
  } catch (error) {
    status.textContent = "Search could not start. Reload the page, or use the list of chapters.";
    console.warn("course search:", error);
    return;
  }
  // The glossary's entries are searched on their own too: a term used on many pages ("therapeutic alliance")
  // would otherwise leave its short entry below the pages that use it.
  const [found, terms] = await Promise.all([pagefind.search(text),
    pagefind.search(text, { filters: { kind: "glossary" } })]);
  if (ticket !== latest) return; // a newer search has started
  const wanted = [...found.results.slice(0, MAX_PAGES * 2), ...terms.results.slice(0, MAX_TERMS)];
  const unique = wanted.filter((r, i) => wanted.findIndex((other) => other.id === r.id) === i);
  const pages = await Promise.all(unique.map((/** @type {any} */ r) => r.data()));
  if (ticket !== latest) return;
  const ordered = pages
    .map((page, index) => ({ page, index, key: rank(page, query) }))
    .sort((a, b) => a.key[0] - b.key[0] || a.key[1] - b.key[1] || a.index - b.index)
    .slice(0, MAX_PAGES);
  list.replaceChildren(...ordered.map(({ page }) => render(page, query)));
  const total = found.results.length;
  status.textContent = total ? `${total} page${total === 1 ? "" : "s"} found for “${text.trim()}”` +
    (total > ordered.length ? `; the best ${ordered.length} are shown.` : ".") : `Nothing found for “${text.trim()}”.`;
}

if (form && field && status && list) {
  let timer = 0;
  field.value = new URL(window.location.href).searchParams.get("q") || "";
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    window.clearTimeout(timer);
    run(field.value);
  });
  field.addEventListener("input", () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(() => run(field.value), DEBOUNCE_MS);
  });
  if (field.value) run(field.value);
  else loadEngine().catch(() => null); // be ready by the first key
  field.focus();
}
