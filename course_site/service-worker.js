/* The course's service worker (template; course_site/offline.py prepends the OFFLINE settings and writes
 * sw.js at the site root after every build).
 *
 * - Online, every page and file comes from the network, so a rebuilt site is seen at once; the offline
 *   copy answers when the network fails, or when a page has not arrived within a few seconds.
 * - The offline copy is Workbox's precache: installed in the background after the first visit, updated
 *   file by file (each entry's revision is its content hash) when a new build changes sw.js.
 * - Pyodide is cached the first time a page uses it (cache first: its files never change under one name).
 *   A page whose Python started before this worker controlled it (a first visit) sends "keep-pyodide".
 * - A page left open while a new build takes over may be handed new runtime files under old names (by this
 *   worker, offline, or by the server): the page's Python worker URL names the runtime version it was built
 *   with, and the worker refuses graders of another version, so the page asks to be reloaded rather than mix
 *   them (pyodide_quiz/sphinx/assets.py, runtime_version).
 */
/* global OFFLINE, importScripts, workbox */
importScripts(...OFFLINE.workbox);

const { core, precaching, routing, strategies } = workbox;
const PREFIX = "working-alliance";
core.setCacheNameDetails({ prefix: PREFIX });

// A new build takes over at once: online it serves the network anyway, so nothing old is shown.
self.skipWaiting();
core.clientsClaim();

precaching.precache(OFFLINE.precache);
precaching.cleanupOutdatedCaches();

const scope = new URL(self.registration.scope);
const pyodideCache = `${PREFIX}-${OFFLINE.pyodideCache}`;
const inSite = (url) => url.origin === scope.origin && url.pathname.startsWith(scope.pathname);
const isPyodide = (url) => url.pathname.startsWith(scope.pathname + OFFLINE.pyodidePath);

/** The offline copy of a request: query strings (?v=, ?digest=) and fragments do not name other files. */
function offlineCopy({ request }) {
  const url = new URL(request.url);
  url.search = "";
  url.hash = "";
  if (url.pathname.endsWith("/")) url.pathname += "index.html";
  return precaching.matchPrecache(url.href);
}
const fallBackToOfflineCopy = { handlerDidError: offlineCopy };

routing.registerRoute(({ url }) => inSite(url) && isPyodide(url),
  new strategies.CacheFirst({ cacheName: pyodideCache }));

routing.registerRoute(({ url, request }) => inSite(url) && request.mode === "navigate",
  new strategies.NetworkOnly({
    networkTimeoutSeconds: OFFLINE.navigationTimeoutSeconds,
    plugins: [fallBackToOfflineCopy],
  }));

routing.registerRoute(({ url }) => inSite(url) && !isPyodide(url),
  new strategies.NetworkOnly({ plugins: [fallBackToOfflineCopy] }));

async function keepPyodide() {
  const cache = await caches.open(pyodideCache);
  const files = OFFLINE.pyodideFiles.map((name) => new URL(OFFLINE.pyodidePath + name, scope).href);
  const kept = new Set((await cache.keys()).map((request) => request.url));
  // Usually straight from the HTTP cache: the page has just loaded these files. One by one, so a file
  // that arrived is kept even if another one fails.
  await Promise.allSettled(files.filter((url) => !kept.has(url)).map((url) => cache.add(url)));
}

self.addEventListener("message", (event) => {
  if (event.data === "keep-pyodide") event.waitUntil(keepPyodide());
});

self.addEventListener("activate", (event) => {
  // A Pyodide cached under an older name is not needed by any page of this build.
  event.waitUntil(caches.keys().then((names) => Promise.all(names
    .filter((name) => name.startsWith(`${PREFIX}-pyodide-`) && name !== pyodideCache)
    .map((name) => caches.delete(name)))));
});
