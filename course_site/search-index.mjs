// Writes the site's search index: node course_site/search-index.mjs SITE NODE_MODULES < glossary-records.json
// Called by course_site/search.py after every HTML build. Prints one JSON line: {"pages": n, "records": n}.
// Pagefind indexes every page of SITE that marks its article with data-pagefind-body, plus the custom records
// read from stdin (one per glossary term), and writes SITE/pagefind/.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { pathToFileURL } from "node:url";
import { headingsWithIds } from "./search-headings.mjs";

const [site, nodeModules] = process.argv.slice(2);
const pagefind = await import(pathToFileURL(join(nodeModules, "pagefind", "lib", "index.js")).href);
const records = JSON.parse(readFileSync(0, "utf-8") || "[]");

/** @param {string} folder @returns {string[]} */
function htmlFiles(folder) {
  return readdirSync(folder, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(".html"))
    .map((entry) => join(entry.parentPath ?? entry.path, entry.name))
    .filter((path) => !relative(folder, path).split(sep).some((part) => part.startsWith("_")))
    .sort();
}

/** @param {{errors?: string[]}} response @param {string} what */
function check(response, what) {
  if (response.errors?.length) throw new Error(`${what}: ${response.errors.join("; ")}`);
  return response;
}

try {
  const { index } = check(await pagefind.createIndex({
    forceLanguage: "en",
    // Not text a reader searches for: permalinks, copy buttons, the quiz widgets' controls and answer boxes.
    excludeSelectors: [".headerlink", ".course-copy-link", ".pq-controls", ".pq-status", ".pq-answer",
      ".pq-vignette-play", ".pq-workspace", ".course-print-buttons", ".course-continue",
      // The progress page's list names every activity of the course: it would match every search.
      ".pq-progress",
      // Code (starters, model solutions, examples): its snippets would read "for x, y in zip(xs, ys)".
      "div.highlight", ".pq-starter",
      // A chapter's time ("reading ~12 min · quiz ~10 min") is not what anyone searches for.
      ".course-time"],
  }), "createIndex");
  let pages = 0;
  for (const path of htmlFiles(site)) {
    const sourcePath = relative(site, path).split(sep).join("/");
    const added = check(await index.addHTMLFile({ url: `/${sourcePath}`, content: headingsWithIds(readFileSync(path, "utf-8")) }),
      sourcePath);
    // Pages without data-pagefind-body (redirects, index.html) are indexed as empty and never found.
    if (added.file?.uniqueWords) pages += 1;
  }
  for (const record of records) check(await index.addCustomRecord(record), `record ${record.url}`);
  check(await index.writeFiles({ outputPath: join(site, "pagefind") }), "writeFiles");
  console.log(JSON.stringify({ pages, records: records.length }));
} finally {
  await pagefind.close();
}
