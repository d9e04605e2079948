// @ts-check
/**
 * Entry point on every page: finds the widgets on the page and imports only the modules they need.
 * A page without quizzes, vignettes, transcripts, exercises or a progress list loads nothing else.
 */

const WIDGETS = [
  [".pq-quiz", "./quiz.js"],
  [".pq-vignette", "./vignette.js"],
  [".pq-transcript", "./transcript.js"],
  [".pq-exercise", "./exercise.js"],
  [".pq-progress", "./progress-page.js"],
  [".pq-review-page", "./review.js"],
  [".pq-practice-log", "./practice-log.js"],
];

/** Widgets already started: a site that swaps pages in without a reload (mkdocs-material) calls start again. */
const started = new WeakSet();
let starts = 0;

/** Start every widget on the page that is not started yet. */
export function start() {
  // From the second call on, pages are being swapped in: let go of the widgets swapped out (lifetime.js; the
  // widgets imported it, so this loads nothing, and a book, which calls start once, never asks for it).
  if (starts++) import("./lifetime.js").then(({ releaseDetached }) => releaseDetached());
  // All widget kinds at once: their modules are already downloading (the page names them as modulepreload).
  for (const [selector, module] of WIDGETS) {
    const roots = [...document.querySelectorAll(selector)].filter((root) => !started.has(root));
    if (!roots.length) continue;
    roots.forEach((root) => started.add(root));
    import(module)
      .then(async ({ init }) => {
        for (const root of roots) {
          init(root);
          // One widget per task, so that a page with many (five exercises) never blocks input for long.
          await new Promise((resolve) => setTimeout(resolve, 0));
        }
      })
      .catch((error) => console.warn(`pyodide_quiz: could not start ${module}`, error));
  }
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
else start();
