// Installs the course's service worker (sw.js at the site root), which keeps an offline copy of the site.
// It waits for the page's load event so the offline copy never competes with the page a student opened, and
// on a page that started Python while it loaded (pyodide_quiz sets window.pqEarlyPython), for Python too.
(() => {
  if (!("serviceWorker" in navigator) || !window.isSecureContext) return;
  const root = new URL(document.documentElement.dataset.content_root || "./", window.location.href);
  const loaded = new Promise((resolve) => {
    if (document.readyState === "complete") resolve();
    else window.addEventListener("load", resolve, { once: true });
  });
  const pythonReady = new Promise((resolve) => {
    window.addEventListener("pq:python-ready", resolve, { once: true });
    if (!("pqEarlyPython" in window)) resolve();
    else setTimeout(resolve, 30000); // Python failed or is slow: do not wait for ever
  });
  // A page that loaded Pyodide before the service worker controlled it (a first visit) asks it to keep a copy.
  window.addEventListener("pq:python-ready", () => {
    navigator.serviceWorker.ready.then((registration) => registration.active?.postMessage("keep-pyodide"));
  });
  Promise.all([loaded, pythonReady]).then(() => {
    navigator.serviceWorker.register(new URL("sw.js", root), { scope: root.pathname })
      .catch((error) => console.warn(`The offline copy of the course is not available: ${error.message}`));
  });
})();
