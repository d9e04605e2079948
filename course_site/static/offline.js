// Installs the course's service worker (sw.js at the site root), which keeps an offline copy of the site.
// It waits for the page's load event so the offline copy never competes with the page a student opened.
(() => {
  if (!("serviceWorker" in navigator) || !window.isSecureContext) return;
  const root = new URL(document.documentElement.dataset.content_root || "./", window.location.href);
  const register = () => {
    navigator.serviceWorker.register(new URL("sw.js", root), { scope: root.pathname })
      .catch((error) => console.warn(`The offline copy of the course is not available: ${error.message}`));
  };
  // A page that loaded Pyodide before the service worker controlled it (a first visit) asks it to keep a copy.
  window.addEventListener("pq:python-ready", () => {
    navigator.serviceWorker.ready.then((registration) => registration.active?.postMessage("keep-pyodide"));
  });
  if (document.readyState === "complete") register();
  else window.addEventListener("load", register, { once: true });
})();
