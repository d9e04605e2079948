// A module worker that hosts Pyodide (self-hosted in _static/pyodide) and the course's graders, which are
// the same Python files the build used (_static/pq-graders/graders/*.py).
//
// When Python cannot start, the page hears why ("load-error"), as a key of the site's catalogue of texts and its
// values (static/pq/i18n.js words it): a file that did not arrive, or arrived damaged, or a site rebuilt since the
// page was loaded. The page's worker URL names the runtime version
// the page was built with (?v=); the graders' manifest names the version on the server now, and the two must
// agree, or old pages would run new graders (or this new worker) with their old modules.

const PYODIDE_URL = new URL("../pyodide/", import.meta.url).href;
const GRADERS_URL = new URL("../pq-graders/", import.meta.url);
const PAGE_RUNTIME = new URL(import.meta.url).searchParams.get("v");
const HOME = "/home/pyodide";

/** A reason Python cannot start: a catalogue key (python.problem.*) and its values; the page words it. */
class StartProblem extends Error {
  constructor(key, vars = {}, stale = false) {
    super(key);
    this.key = key;
    this.vars = vars;
    this.stale = stale;
  }
}

/** Something that went wrong, cut short to be quoted in the reason. @param {unknown} what */
const detail = (what) => String(what).slice(0, 160);

// Pyodide does not always reject when one of its files is missing or damaged: it may log, abort, and wait
// forever. So the start also fails as soon as a Pyodide file comes back with an error status, or an error
// nobody handled happens while Python starts.
let failStart;
const startFailed = new Promise((_, reject) => { failStart = reject; });
startFailed.catch(() => {});
self.addEventListener("unhandledrejection", (event) => {
  failStart(new StartProblem("python.problem.damaged", { detail: detail(event.reason) }));
});
self.addEventListener("error", (event) => {
  failStart(new StartProblem("python.problem.damaged", { detail: detail(event.message) }));
});

let pyodide;
let runs = 0;

// Pyodide's download, counted as its files stream in, so the page can show a progress bar: a first start fetches
// about 12 MB, which takes a while on a slow connection. The total comes from the build (manifest.json).
let loaded = 0;
let total = 0;
let reported = 0;
function report() {
  const ms = performance.now();
  if (ms - reported < 100 && !(total && loaded >= total)) return;
  reported = ms;
  self.postMessage({ type: "progress", loaded, total, ms });
}
// Each Pyodide file's size, from the build (the graders' manifest): a file that arrives shorter was cut off.
let resolveSizes;
const expectedSizes = new Promise((resolve) => { resolveSizes = resolve; });
const MB = (bytes) => (bytes / 1e6).toFixed(1);

const plainFetch = self.fetch.bind(self);
self.fetch = async (input, init) => {
  const response = await plainFetch(input, init);
  const url = String(input instanceof Request ? input.url : input);
  const name = fileName(url);
  if (url.startsWith(PYODIDE_URL) && !response.ok) {
    failStart(new StartProblem("python.problem.file_http", { file: name, status: response.status }));
  }
  if (!response.body || !url.startsWith(PYODIDE_URL)) return response;
  let received = 0;
  const count = new TransformStream({
    transform(chunk, controller) {
      loaded += chunk.byteLength;
      received += chunk.byteLength;
      report();
      controller.enqueue(chunk);
    },
    async flush() {
      const expected = (await expectedSizes)[name];
      if (expected && received !== expected) {
        failStart(new StartProblem("python.problem.file_incomplete", { file: name, received: MB(received), expected: MB(expected) }));
      }
    },
  });
  // Same status and headers (application/wasm for streaming compilation), body counted on its way through.
  return new Response(response.body.pipeThrough(count), response);
};

function fileName(url) {
  return new URL(url).pathname.split("/").pop();
}

/**
 * A file of this site as text; a missing one is a StartProblem naming it (`what`: "list" for the graders' list,
 * "grader" for a grader file named `file`). @param {URL} url @param {"list" | "grader"} what @param {string} [file]
 */
async function download(url, what, file = "") {
  let response;
  try {
    // no-cache: revalidated, so a page never pairs an old cached copy with files of a newer build.
    response = await fetch(url, { cache: "no-cache" });
  } catch {
    throw new StartProblem(what === "list" ? "python.problem.list_offline" : "python.problem.grader_offline", { file });
  }
  if (!response.ok) {
    throw new StartProblem(what === "list" ? "python.problem.list_http" : "python.problem.grader_http",
      { file, status: response.status });
  }
  return response.text();
}

async function loadGraders() {
  let manifest;
  try {
    manifest = JSON.parse(await download(new URL("manifest.json", GRADERS_URL), "list"));
  } catch (error) {
    throw error instanceof StartProblem ? error : new StartProblem("python.problem.list_damaged");
  }
  if (PAGE_RUNTIME && manifest.runtime !== PAGE_RUNTIME) {
    throw new StartProblem("python.problem.stale", {}, true);
  }
  total = manifest.download_bytes || 0;
  resolveSizes(manifest.pyodide_sizes || {});
  const version = PAGE_RUNTIME ? `?v=${PAGE_RUNTIME}` : "";
  return Promise.all(manifest.files.map(async (/** @type {string} */ name) =>
    [name, await download(new URL(`graders/${name}${version}`, GRADERS_URL), "grader", name)]));
}

async function loadPython() {
  let loadPyodide;
  try {
    ({ loadPyodide } = await import("../pyodide/pyodide.mjs"));
  } catch {
    throw new StartProblem("python.problem.file_offline", { file: "pyodide.mjs" });
  }
  try {
    return await Promise.race([loadPyodide({ indexURL: PYODIDE_URL }), startFailed]);
  } catch (error) {
    if (error instanceof StartProblem) throw error;
    throw new StartProblem("python.problem.damaged", { detail: detail(error) });
  }
}

async function boot() {
  try {
    // The graders download while Pyodide loads, all at once; a problem with them is reported first.
    const graders = loadGraders();
    graders.catch(() => resolveSizes({})); // no manifest, no sizes: the start fails on the manifest anyway
    const python = loadPython();
    python.catch(() => {});
    await graders;
    pyodide = await python;
    const pyodideLoaded = performance.now();
    pyodide.FS.mkdirTree(`${HOME}/pq/graders`);
    for (const [name, source] of await graders) pyodide.FS.writeFile(`${HOME}/pq/graders/${name}`, source);
    pyodide.runPython(`import sys; sys.path.insert(0, "${HOME}/pq")\nimport graders.python`);
    // Milliseconds since the worker started, for the benchmark (scripts/bench).
    self.postMessage({ type: "ready", timings: { pyodide: pyodideLoaded, graders: performance.now() } });
  } catch (error) {
    const problem = error instanceof StartProblem ? error
      : new StartProblem("python.problem.failed", { detail: detail(error) });
    self.postMessage({ type: "load-error", key: problem.key, vars: problem.vars, stale: problem.stale });
  }
}

const booting = boot();

function prepareFolder(files) {
  // Each run gets a fresh working folder holding the exercise's data files.
  runs += 1;
  const folder = `${HOME}/run-${runs}`;
  pyodide.FS.mkdirTree(folder);
  for (const [name, content] of Object.entries(files || {})) pyodide.FS.writeFile(`${folder}/${name}`, content);
  return folder;
}

self.addEventListener("message", async (event) => {
  await booting;
  const { id, action, code, tests, files } = event.data;
  const folder = prepareFolder(files);
  const globals = pyodide.toPy({ code, tests: tests || "", folder });
  const call = action === "run-tests" ? "graders.python.run_tests(code, tests)" : "graders.python.run_program(code)";
  try {
    const text = pyodide.runPython(
      `import json, os\nos.chdir(folder)\nimport graders.python\njson.dumps(${call}, default=repr)`,
      { globals },
    );
    self.postMessage({ id, result: JSON.parse(text) });
  } catch (error) {
    self.postMessage({ id, result: { verdict: "incorrect", error: String(error), output: "", results: [] } });
  } finally {
    globals.destroy();
  }
});
