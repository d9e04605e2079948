// @ts-check
/**
 * Print buttons on the instructors' pages (course_site/instructors.py writes them, hidden until this runs).
 * data-print="page" prints the page; "keys" prints the answer keys only (sections marked .course-key);
 * any other value is the id of a section to print alone (one vignette's role-play cards). What is left out is
 * marked data-course-print-hide, which course.css hides in print only, and unmarked after printing.
 */

const HIDE = "data-course-print-hide";

/** Mark everything in the article that is neither a target, inside one, nor on the way to one, nor the title. */
function hideAllBut(/** @type {Element[]} */ targets) {
  const article = document.querySelector(".bd-article");
  if (!article) return;
  const keep = new Set(targets);
  for (const target of targets) {
    for (let node = target.parentElement; node && node !== article; node = node.parentElement) keep.add(node);
  }
  const walk = (/** @type {Element} */ parent) => {
    for (const child of parent.children) {
      if (targets.includes(child) || /^H1$/.test(child.tagName)) continue;
      if (keep.has(child)) walk(child);
      else child.setAttribute(HIDE, "");
    }
  };
  walk(article);
}

function unhide() {
  for (const node of document.querySelectorAll(`[${HIDE}]`)) node.removeAttribute(HIDE);
}

/** @param {string} what */
function targetsOf(what) {
  if (what === "page") return [];
  if (what === "keys") return [...document.querySelectorAll(".bd-article section.course-key")];
  const section = document.getElementById(what);
  return section ? [section] : [];
}

/** @param {string} what */
export function printOnly(what) {
  const targets = targetsOf(what);
  if (what !== "page" && !targets.length) return;
  if (targets.length) hideAllBut(targets);
  try {
    window.print();
  } finally {
    unhide();
  }
}

for (const button of document.querySelectorAll("button.course-print[data-print]")) {
  button.addEventListener("click", () => printOnly(/** @type {HTMLElement} */ (button).dataset.print || "page"));
  const box = button.closest(".course-print-buttons");
  if (box instanceof HTMLElement) box.hidden = false;
}
window.addEventListener("afterprint", unhide);
