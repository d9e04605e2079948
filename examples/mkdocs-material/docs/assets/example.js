// mkdocs-material 9.8 gives its search dialog no name, which screen readers then announce as a bare "dialog"
// (axe: aria-dialog-name). The header is not swapped by instant navigation, so once is enough.
document.querySelector(".md-search[role='dialog']")?.setAttribute("aria-label", "Search this site");
