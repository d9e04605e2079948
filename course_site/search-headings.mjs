// The page as the search index reads it (course_site/search-index.mjs). Sphinx puts a section's id on <section>,
// not on its heading, and Pagefind makes a sub-result (a result per section, with its own snippet and link) only
// for a heading that has an id. The indexed copy gives the heading its section's id; the page on the site keeps
// its own markup, so its anchors do not change. A MyST label ("(ch07-markers)=") puts an empty
// <span id="ch07-markers"></span> between the two.
const SECTION_HEADING = /<section\b([^>]*?)\sid="([^"]+)"([^>]*)>((?:\s*<span id="[^"]*"><\/span>)*\s*)<h([1-6])\b/g;

/** @param {string} html @returns {string} */
export function headingsWithIds(html) {
  return html.replace(SECTION_HEADING, (_, before, id, after, between, level) =>
    `<section${before}${after}>${between}<h${level} id="${id}"`);
}
