// @ts-check
/**
 * pyodide_quiz in a MkDocs site: starts the runtime's widgets on the page, and again on every page that
 * mkdocs-material's instant navigation swaps in (its `document$` observable). A module runs once per
 * document, so there is one subscription and one Python worker however many pages are visited; loader.js
 * starts each widget once. Also installs the site's service worker (sw.js at the root, written by the plugin).
 */
import { start } from "./pq/loader.js";

const win = /** @type {any} */ (window);
if (win.document$ && typeof win.document$.subscribe === "function") {
  win.document$.subscribe(() => start());
}

if ("serviceWorker" in navigator && window.isSecureContext) {
  const register = () => {
    navigator.serviceWorker.register(new URL("../../sw.js", import.meta.url))
      .catch((error) => console.warn(`pyodide_quiz: no offline copy (${error.message})`));
  };
  if (document.readyState === "complete") register();
  else window.addEventListener("load", register, { once: true });
}
